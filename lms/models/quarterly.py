"""Quarterly reports a commune (or province) sends up by the 10th of the
quarter's last month: generated in the background, reviewed, then frozen."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.places import Place


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready for review")
    FAILED = "failed", _("Could not be prepared")
    FROZEN = "frozen", _("Approved and frozen")


def quarter_dates(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    end = (
        datetime.date(year + 1, 1, 1) if end_month == 12 else datetime.date(year, end_month + 1, 1)
    ) - datetime.timedelta(days=1)
    return start, end


def quarter_deadline(year: int, quarter: int) -> datetime.date:
    """The 10th of the quarter's last month (DOMAIN.md "Báo cáo định kỳ")."""
    return datetime.date(year, 3 * quarter, 10)


class QuarterlyReport(models.Model):
    """One version of a place's report for one quarter. Its figures and
    spreadsheet are stored when generated; once frozen nothing regenerates
    them, so later changes to the records do not alter what was sent.

    A frozen report is corrected by an amended version (``version`` n + 1,
    ``amends`` the frozen version n, with a reason): it is prepared, reviewed
    and frozen like any report, and lists the figures that differ from the
    version it amends (``changes``). The version it amends is kept as it was."""

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    snapshot = models.JSONField(_("figures"), default=dict, blank=True)
    spreadsheet = models.BinaryField(_("spreadsheet"), blank=True, default=bytes)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    amends = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendment",
        verbose_name=_("amends"),
    )
    amendment_reason = models.TextField(_("reason for the amendment"), blank=True)
    # For an amended version: each figure that differs from the version it
    # amends, as {"sheet", "row", "column", "old", "new"} (texts; None where
    # the version has no such cell). Written when the figures are.
    changes = models.JSONField(_("changed figures"), default=list, blank=True)

    class Meta:
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        ordering = ["-year", "-quarter", "place__path", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "year", "quarter", "version"],
                name="lms_quarterly_report_version_once",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(version=1, amends__isnull=True, amendment_reason="")
                    | (
                        models.Q(version__gt=1, amends__isnull=False)
                        & ~models.Q(amendment_reason="")
                    )
                ),
                name="lms_quarterly_report_amendment_has_original_and_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1) & models.Q(quarter__lte=4),
                name="lms_quarterly_report_quarter_1_to_4",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="frozen") | models.Q(frozen_at__isnull=False),
                name="lms_quarterly_report_frozen_has_time",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.place} · Q{self.quarter}/{self.year}"
        return label if self.version == 1 else f"{label} · v{self.version}"

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return quarter_dates(self.year, self.quarter)


class QuarterlyReminder(models.Model):
    """That a staff member was reminded of a quarter's report for a place:
    at most one reminder per person, place and quarter."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("who")
    )
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="+", verbose_name=_("place")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("quarterly report reminder")
        verbose_name_plural = _("quarterly report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "place", "year", "quarter"], name="lms_quarterly_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.place_id} · Q{self.quarter}/{self.year}"


__all__ = [
    "QuarterlyReminder",
    "QuarterlyReport",
    "ReportStatus",
    "quarter_dates",
    "quarter_deadline",
]
