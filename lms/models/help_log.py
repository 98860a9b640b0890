"""The short log digital ambassadors keep of the help they give citizens at
the public-service centre or door to door (DOMAIN.md "Đại sứ số")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.people import DigitalIdStatus
from lms.models.places import Place, PlaceKind


class HelpOutcome(models.TextChoices):
    DONE = "done", _("Done")
    PARTLY = "partly", _("Partly done")
    NOT_DONE = "not_done", _("Could not be done")


# The levels a help session can set up (not "none").
VNEID_LEVELS = [
    (DigitalIdStatus.LEVEL_1.value, DigitalIdStatus.LEVEL_1.label),
    (DigitalIdStatus.LEVEL_2.value, DigitalIdStatus.LEVEL_2.label),
]


class AmbassadorHelp(models.Model):
    """One time someone was helped with an online service. The indicator
    counts help, not people, so the person helped is not named, except when
    the ambassador deliberately links the entry to a learner in their places
    (from the learner's page): then a VNeID set up in the session updates that
    learner's digital identity, as confirmed by the ambassador."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("helped by"),
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place"),
        limit_choices_to={"kind__in": [PlaceKind.COMMUNE, PlaceKind.VILLAGE]},
    )
    date = models.DateField(_("date"))
    service = models.CharField(
        _("service"), max_length=200, help_text=_("E.g. installing VNeID, a birth registration.")
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=HelpOutcome.choices)
    learner = models.ForeignKey(
        "lms.Learner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_received",
        verbose_name=_("person helped"),
        help_text=_("Only when the ambassador linked the help to a learner."),
    )
    vneid_level = models.CharField(
        _("VNeID set up"),
        max_length=10,
        blank=True,
        choices=VNEID_LEVELS,
        help_text=_("The VNeID level set up for the person helped, if any."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("help given")
        verbose_name_plural = _("help given")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date"], name="lms_help_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=HelpOutcome.values), name="lms_help_outcome_known"
            ),
            models.CheckConstraint(
                condition=models.Q(vneid_level__in=["", *(v for v, _label in VNEID_LEVELS)]),
                name="lms_help_vneid_level_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.service}"


__all__ = ["VNEID_LEVELS", "AmbassadorHelp", "HelpOutcome"]
