"""People: learners, their households, target groups, phones, grants and consent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.places import Place, PlaceKind
from lms.text import fold, name_sort_key

MIN_YEAR_OF_BIRTH = 1900
#: A name search reads this many words of the query, the rest is ignored.
MAX_NAME_SEARCH_TERMS = 5


class Role(models.TextChoices):
    """Every role the product knows. Staff roles over places are ``Grant`` rows;
    editors are the Wagtail "Editors"/"Moderators" groups and admins superusers."""

    LEARNER = "learner", _("Learner")
    TRAINER = "trainer", _("Trainer")
    AMBASSADOR = "ambassador", _("Digital ambassador")
    MANAGER = "manager", _("Manager")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Administrator")


class Household(models.Model):
    """A household in one village. Members join with its short code, which only
    its members and staff in scope can see."""

    village = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="household_set",
        verbose_name=_("village"),
        limit_choices_to={"kind": PlaceKind.VILLAGE},
    )
    name = models.CharField(_("name"), max_length=150)
    code = models.CharField(_("joining code"), max_length=12, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class DigitalIdStatus(models.TextChoices):
    NONE = "none", _("No digital identity yet")
    LEVEL_1 = "vneid1", _("VNeID level 1")
    LEVEL_2 = "vneid2", _("VNeID level 2")


class LearnerQuerySet(models.QuerySet):
    def sorted_by_given_name(self) -> LearnerQuerySet:
        return self.order_by("sort_name", "pk")

    def matching_name(self, query: str) -> LearnerQuerySet:
        """Learners whose name holds every word of ``query``, without
        diacritics ("nguyen thi lan" finds "Nguyễn Thị Lan", "d" finds "đ")."""
        return self.filter(name_search(query))


def name_search(query: str, sort_name: str = "sort_name") -> models.Q:
    """Rows whose learner's sort key (the lookup ``sort_name``, e.g.
    "learner__sort_name" from a certificate) holds every word of ``query``,
    folded; an empty query matches everything."""
    match = models.Q()
    for term in fold(query).split()[:MAX_NAME_SEARCH_TERMS]:
        match &= models.Q(**{f"{sort_name}__contains": term})
    return match


_NOT_LOADED = object()

# Written only by their services, never by a plain ``Learner.save()``.
SERVICE_FIELDS = (
    "digital_skills_at",
    "target_group_mask",
    "digital_id_status",
    "digital_id_confirmed_by",
    "digital_id_confirmed_at",
)


class Learner(models.Model):
    """A person who learns. Only the name and the village are required."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learner",
        verbose_name=_("account"),
    )
    full_name = models.CharField(
        _("full name"), max_length=150, help_text=_("Family name first, e.g. Nguyễn Thị Lan.")
    )
    sort_name = models.CharField(
        _("sort key"),
        max_length=320,
        editable=False,
        db_index=True,
        help_text=_("Given name first, without diacritics: lists sort the Vietnamese way."),
    )
    year_of_birth = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    village = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="learners",
        verbose_name=_("village"),
        limit_choices_to={"kind": PlaceKind.VILLAGE},
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    # The same groups the catalogue files courses under (a snippet editors manage).
    target_groups = models.ManyToManyField(
        "courses.TargetGroup", blank=True, related_name="learners", verbose_name=_("target groups")
    )
    # The current row of the learner's digital identity history
    # (lms.models.digital_id), copied for the current figures and the pages.
    digital_id_status = models.CharField(
        _("digital identity"),
        max_length=10,
        choices=DigitalIdStatus.choices,
        default=DigitalIdStatus.NONE,
    )
    digital_id_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("digital identity confirmed by"),
    )
    digital_id_confirmed_at = models.DateTimeField(
        _("digital identity confirmed at"), null=True, blank=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
        help_text=_("The trainer who registered this learner, when it was not themselves."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Derived state (lms.learning.services.digital_families), like the tallies: when the
    # learner first had a completed course in every "Gia đình số" skill area,
    # so the indicator reads the few skilled learners instead of every
    # learner's progress. Kept by the recording service, never edited here.
    digital_skills_at = models.DateTimeField(
        _("digital family skills completed at"), null=True, blank=True, editable=False
    )
    # Derived state (lms.learning.services.target_groups): the sum of ``1 << bit`` of
    # the learner's target groups, kept in the same transaction as any change
    # to them, so the indicators count a group's learners without joining
    # the link table. Never edited here.
    target_group_mask = models.BigIntegerField(_("target groups (bits)"), default=0, editable=False)

    objects = LearnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        ordering = ["sort_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_of_birth__isnull=True)
                | models.Q(year_of_birth__gte=MIN_YEAR_OF_BIRTH),
                name="lms_learner_year_of_birth_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(digital_id_confirmed_by__isnull=True)
                | models.Q(digital_id_confirmed_at__isnull=False),
                name="lms_learner_digital_id_confirmation_has_time",
            ),
        ]
        indexes = [
            # Only the skilled learners, with their household: the indicator
            # reads this index alone.
            models.Index(
                fields=["digital_skills_at", "household"],
                condition=models.Q(digital_skills_at__isnull=False),
                name="lms_learner_digital_skills",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.sort_name = name_sort_key(self.full_name)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}
        if (
            kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
            and not self._state.adding
        ):
            # The summaries are derived state kept by the services, and the
            # digital identity is written with its history
            # (lms.people.services.digital_id): an instance loaded before a
            # completion was recorded (or its target groups or identity
            # changed) must not put its stale copy back.
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.attname not in deferred
                and field.name not in SERVICE_FIELDS
            ]
        # The reports' tallies count learners where they live now: a post_save
        # receiver (lms.learning.signal_handlers) moves them when this is set.
        self.village_changed = self._loaded_village_id not in (None, self.village_id)
        # The digital identity history keeps copies of the village and the
        # year of birth (lms.people.signal_handlers).
        self.year_of_birth_changed = (
            self._loaded_year_of_birth is not _NOT_LOADED
            and self._loaded_year_of_birth != self.year_of_birth
        )
        super().save(*args, **kwargs)
        self._loaded_village_id = self.village_id
        self._loaded_year_of_birth = self.year_of_birth

    _loaded_village_id = None
    _loaded_year_of_birth = _NOT_LOADED
    village_changed = False
    year_of_birth_changed = False

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_village_id = instance.__dict__.get("village_id")
        instance._loaded_year_of_birth = instance.__dict__.get("year_of_birth", _NOT_LOADED)
        return instance

    @property
    def given_name(self) -> str:
        parts = self.full_name.split()
        return parts[-1] if parts else ""

    def age_in(self, year: int | None = None) -> int | None:
        if self.year_of_birth is None:
            return None
        return (year or datetime.date.today().year) - self.year_of_birth


class PhoneNumber(models.Model):
    """An account's mobile number, stored once in E.164 form (+84...), which is
    what allauth logs in with and codes are sent to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="phone_number",
        verbose_name=_("account"),
    )
    number = models.CharField(_("phone number"), max_length=20, unique=True)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__startswith="+"), name="lms_phone_number_is_e164"
            )
        ]

    def __str__(self) -> str:
        return self.number


class GrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Grant(models.Model):
    """A staff role held over a place and everything below it.

    Classes arrive later: they will add a nullable ``training_class`` and the
    scope constraint becomes "a place or a class".
    """

    STAFF_ROLES = (Role.TRAINER, Role.AMBASSADOR, Role.MANAGER)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("account"),
    )
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=[(r.value, r.label) for r in STAFF_ROLES],
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("place"),
        help_text=_("The role covers this place and every place below it."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff grant")
        verbose_name_plural = _("staff grants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(place__isnull=False), name="lms_grant_has_scope"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["trainer", "ambassador", "manager"]),
                name="lms_grant_role_is_staff",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "place"],
                condition=models.Q(revoked_at__isnull=True),
                name="lms_grant_unique_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.place}"


class ConsentMethod(models.TextChoices):
    ONLINE = "online", _("Ticked the box when signing up")
    WRITTEN = "written", _("In writing")
    VERBAL = "verbal", _("Verbally, before a witness")


class ConsentRecord(models.Model):
    """Consent to the processing of personal data: who agreed to which version
    of the policy, how, and for a child, which guardian agreed."""

    learner = models.ForeignKey(
        Learner, on_delete=models.CASCADE, related_name="consents", verbose_name=_("learner")
    )
    policy_version = models.CharField(_("policy version"), max_length=30)
    method = models.CharField(_("how consent was given"), max_length=10, choices=ConsentMethod)
    witness_name = models.CharField(_("witness"), max_length=150, blank=True)
    guardian_name = models.CharField(_("guardian"), max_length=150, blank=True)
    guardian_relationship = models.CharField(
        _("guardian's relationship"), max_length=60, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(method="verbal") | ~models.Q(witness_name=""),
                name="lms_consent_verbal_needs_witness",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.policy_version}"


class SignInTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(
            used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class SignInToken(models.Model):
    """A one-time sign-in link printed as a QR code on a learner's card. Only a
    hash of the token is stored, so the database alone cannot sign anyone in."""

    learner = models.ForeignKey(
        Learner, on_delete=models.CASCADE, related_name="sign_in_tokens", verbose_name=_("learner")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = SignInTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-in card")
        verbose_name_plural = _("sign-in cards")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.learner} · {self.created_at:%d/%m/%Y}"


__all__ = [
    "ConsentMethod",
    "ConsentRecord",
    "DigitalIdStatus",
    "Gender",
    "Grant",
    "Household",
    "Learner",
    "PhoneNumber",
    "Role",
    "SignInToken",
]
