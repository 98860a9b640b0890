"""The history of a learner's digital identity (DOMAIN.md "Mỗi công dân - Một
danh tính số"): which VNeID level they had when, and whether they declared it
themselves or staff confirmed it.

Each row is an interval of time, ``valid_from`` up to (not including)
``valid_to``, the open row (``valid_to`` empty) being the status now, so the
status of every learner at any past instant is read in one scan, with no
"latest row before" self-join: a past quarter's figure is counted from the
rows valid at its end and does not move when a status changes later. The
learner's own fields (``Learner.digital_id_status`` and its confirmation)
copy the open row, for the current figures and the pages; both are written
only by ``lms.people.services.digital_id.digital_id_set``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models.people import DigitalIdStatus, Learner


class DigitalIdChange(models.Model):
    """One period during which a learner's digital identity stayed the same."""

    learner = models.ForeignKey(
        Learner,
        on_delete=models.CASCADE,
        related_name="digital_id_history",
        verbose_name=_("learner"),
    )
    status = models.CharField(_("digital identity"), max_length=10, choices=DigitalIdStatus.choices)
    confirmed = models.BooleanField(
        _("confirmed by staff"),
        default=False,
        help_text=_("Unticked: the learner declared it themselves."),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The learner's village, year of birth and target groups, copied so a
    # province's past figures are counted from these rows alone, without
    # joining a million learners (like ``LearnerTally``); every row of the
    # learner follows a change (lms.people.signal_handlers,
    # lms.learning.services.target_groups).
    village = models.ForeignKey(
        "lms.Place",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("village"),
    )
    year_of_birth = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    target_group_mask = models.BigIntegerField(_("target groups (bits)"), default=0)
    valid_from = models.DateTimeField(_("valid from"))
    valid_to = models.DateTimeField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Empty while it is the current status."),
    )

    class Meta:
        verbose_name = _("digital identity change")
        verbose_name_plural = _("digital identity history")
        ordering = ["learner", "valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="lms_digital_id_interval_forward",
            ),
            models.UniqueConstraint(
                fields=["learner"],
                condition=models.Q(valid_to__isnull=True),
                name="lms_digital_id_one_current",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DigitalIdStatus.values),
                name="lms_digital_id_status_known",
            ),
        ]
        indexes = [
            # "Valid at t" is ``valid_from < t`` and ``valid_to`` empty or at
            # least t: a past period's figures read this index alone.
            models.Index(
                fields=["valid_from", "valid_to"],
                include=["status", "confirmed", "village", "year_of_birth", "target_group_mask"],
                name="lms_digital_id_as_of",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.status} · {self.valid_from:%d/%m/%Y}"


__all__ = ["DigitalIdChange"]
