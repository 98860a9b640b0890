"""Help in every village: the people who help neighbours who get stuck (digital
ambassadors, the community digital team, youth volunteers), and the requests
for help that reach them (DOMAIN.md "Tổ công nghệ số cộng đồng", "Đại sứ số")."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.places import Place, PlaceKind
from lms.phones import display_phone, normalise_phone
from lms.text import clean_text


class HelperRole(models.TextChoices):
    AMBASSADOR = "ambassador", _("Digital ambassador")
    DIGITAL_TEAM = "digital_team", _("Community digital team member")
    YOUTH = "youth", _("Youth volunteer")


class HelperQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def of_village(self, village):
        return self.active().filter(village=village).order_by("sort_order", "name", "pk")


class VillageHelper(models.Model):
    """Someone a villager may call or write to on Zalo when stuck. Linked to a
    staff account, the helper also sees and answers the village's requests."""

    village = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="helpers",
        verbose_name=_("village"),
        limit_choices_to={"kind": PlaceKind.VILLAGE},
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=HelperRole.choices)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, help_text=_("A mobile number, e.g. 0912 345 678.")
    )
    zalo = models.CharField(
        _("Zalo number"),
        max_length=20,
        blank=True,
        help_text=_("The number the helper uses on Zalo, if any."),
    )
    hours = models.CharField(
        _("hours"),
        max_length=120,
        blank=True,
        help_text=_("When to call, e.g. “Tối thứ 2–6, 19:00–21:00”."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="village_helpers",
        verbose_name=_("staff account"),
        help_text=_("Linked, the helper sees and answers this village's requests for help."),
    )
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = HelperQuerySet.as_manager()

    class Meta:
        verbose_name = _("village helper")
        verbose_name_plural = _("village helpers")
        ordering = ["village__path", "sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="", zalo=""), name="lms_helper_has_contact"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=HelperRole.values), name="lms_helper_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.village})"

    def clean(self):
        """For the admin form: the village level, one way to reach the helper,
        and phones kept in one form (E.164)."""
        errors = {}
        self.name = clean_text(self.name)
        self.hours = clean_text(self.hours)
        if self.village_id and self.village.kind != PlaceKind.VILLAGE:
            errors["village"] = _("Choose a village.")
        for field in ("phone", "zalo"):
            value = getattr(self, field)
            if value:
                try:
                    setattr(self, field, normalise_phone(value))
                except ValidationError as error:
                    errors[field] = error
        if not self.phone and not self.zalo and "phone" not in errors:
            errors["phone"] = _("Give a phone number or a Zalo number.")
        if errors:
            raise ValidationError(errors)

    @property
    def phone_display(self) -> str:
        return display_phone(self.phone) if self.phone else ""

    @property
    def zalo_display(self) -> str:
        return display_phone(self.zalo) if self.zalo else ""

    @property
    def zalo_url(self) -> str:
        """Zalo opens a chat from https://zalo.me/<number>, written 0912345678."""
        if not self.zalo:
            return ""
        return "https://zalo.me/" + display_phone(self.zalo).replace(" ", "")


class HelpNeed(models.TextChoices):
    VNEID = "vneid", _("VNeID (digital identity)")
    PUBLIC_SERVICES = "public_services", _("Online public services")
    LESSON = "lesson", _("A lesson on this site")
    PAYMENT = "payment", _("A payment app or mobile money")
    OTHER = "other", _("Something else")


class HelpStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a helper")
    TAKEN = "taken", _("A helper is on it")
    CLOSED = "closed", _("Closed")


class HelpRequestOutcome(models.TextChoices):
    SOLVED = "solved", _("Solved")
    NOT_SOLVED = "not_solved", _("Could not solve")
    NOT_REACHED = "not_reached", _("Could not reach the person")


class HelpRequest(models.Model):
    """Someone asking the helpers of a village for help. Seen only by those
    helpers (and managers over the village): see ``lms.access.policy``."""

    village = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("village"),
        limit_choices_to={"kind": PlaceKind.VILLAGE},
    )
    need = models.CharField(_("help with"), max_length=20, choices=HelpNeed.choices)
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    message = models.TextField(_("message"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("asked by (account)"),
    )
    learner = models.ForeignKey(
        "lms.Learner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("learner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HelpStatus.choices, default=HelpStatus.OPEN
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    notified_at = models.DateTimeField(_("helpers told at"), null=True, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, blank=True, choices=HelpRequestOutcome.choices
    )
    help_log = models.ForeignKey(
        "lms.AmbassadorHelp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("help log entry"),
    )

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["village", "status"], name="lms_helpreq_village_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=HelpStatus.values), name="lms_helpreq_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(need__in=HelpNeed.values), name="lms_helpreq_need_known"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=HelpStatus.CLOSED, outcome__in=HelpRequestOutcome.values)
                    | (~models.Q(status=HelpStatus.CLOSED) & models.Q(outcome=""))
                ),
                name="lms_helpreq_outcome_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y} · {self.name} · {self.get_need_display()}"

    @property
    def phone_display(self) -> str:
        return display_phone(self.phone) if self.phone else ""


__all__ = [
    "HelpNeed",
    "HelpRequest",
    "HelpRequestOutcome",
    "HelpStatus",
    "HelperRole",
    "VillageHelper",
]
