"""The reports a commune (or province) sends up: quarterly, by the cut-off day
of the quarter's last month (the plan's 10th), and six-monthly and yearly;
generated in the background, reviewed, then frozen. Each covers exact dates
that tile time (``lms.reports.periods``): from the day after the previous
report's cut-off to its own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from lms.models.places import Place

NOTE_MAX_LENGTH = 2000

# The day the movement was launched (DOMAIN.md "The movement"): the first
# report of each kind starts here unless the site says otherwise.
MOVEMENT_LAUNCHED = datetime.date(2024, 11, 18)
DEFAULT_CUTOFF_DAY = 10


class ReportKind(models.TextChoices):
    QUARTER = "quarter", _("Quarterly")
    HALF = "half", _("Six-monthly")
    YEAR = "year", _("Yearly")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready for review")
    FAILED = "failed", _("Could not be prepared")
    FROZEN = "frozen", _("Approved and frozen")


def quarter_dates(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """A calendar quarter's first and last days (what the learners' tallies
    count by; reporting periods are ``lms.reports.periods``)."""
    start = datetime.date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    end = (
        datetime.date(year + 1, 1, 1) if end_month == 12 else datetime.date(year, end_month + 1, 1)
    ) - datetime.timedelta(days=1)
    return start, end


SPAN = {ReportKind.QUARTER: 1, ReportKind.HALF: 2, ReportKind.YEAR: 4}


@dataclass(frozen=True, order=True)
class ReportingPeriod:
    """A reporting period by name: its kind, its year and the quarter whose
    cut-off closes it (quarter 1 to 4; a half ends with quarter 2 or 4, a
    year with quarter 4). Its dates depend on the cut-off day and on the
    reports already made (``lms.reports.periods``)."""

    kind: str
    year: int
    quarter: int

    def is_valid(self) -> bool:
        if self.kind not in SPAN or not 2000 <= self.year <= 2100:
            return False
        if self.kind == ReportKind.QUARTER:
            return 1 <= self.quarter <= 4
        if self.kind == ReportKind.HALF:
            return self.quarter in (2, 4)
        return self.quarter == 4

    def cutoff(self, day: int) -> datetime.date:
        """The cut-off date on ``day`` of the last month of the closing quarter."""
        return datetime.date(self.year, 3 * self.quarter, day)

    def shifted(self, periods: int) -> ReportingPeriod:
        """The period ``periods`` of this kind later (earlier when negative)."""
        index = self.year * 4 + self.quarter - 1 + periods * SPAN[self.kind]
        return ReportingPeriod(self.kind, index // 4, index % 4 + 1)

    def name(self) -> str:
        if self.kind == ReportKind.HALF:
            if self.quarter == 2:
                return gettext("First half of %(year)s") % {"year": self.year}
            return gettext("Second half of %(year)s") % {"year": self.year}
        if self.kind == ReportKind.YEAR:
            return gettext("Year %(year)s") % {"year": self.year}
        return gettext("Quarter %(quarter)s/%(year)s") % {
            "quarter": self.quarter,
            "year": self.year,
        }

    def key(self) -> str:
        """How a form names it, e.g. ``quarter-2026-4``."""
        return f"{self.kind}-{self.year}-{self.quarter}"

    @classmethod
    def from_key(cls, key: str) -> ReportingPeriod | None:
        kind, _sep, rest = (key or "").partition("-")
        try:
            year, quarter = (int(part) for part in rest.split("-"))
        except ValueError:
            return None
        period = cls(kind, year, quarter)
        return period if period.is_valid() else None


@register_setting(icon="date")
class ReportingCalendar(BaseGenericSetting):
    """When reporting periods start and end, for the whole site: every report
    closes on the cut-off day of its last quarter's last month (the plan's
    10th, DOMAIN.md "Báo cáo định kỳ"), and the first report of each kind
    starts on the day the movement started."""

    movement_start = models.DateField(
        _("movement start date"),
        default=MOVEMENT_LAUNCHED,
        validators=[MinValueValidator(datetime.date(2000, 1, 1))],
        help_text=_("The first report of each kind covers the days from this date."),
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("cut-off day"),
        default=DEFAULT_CUTOFF_DAY,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "The day of the quarter's last month on which a report closes and is due "
            "(1 to 28). The next report starts the day after."
        ),
    )

    panels = [FieldPanel("movement_start"), FieldPanel("cutoff_day")]

    class Meta:
        verbose_name = _("reporting calendar")
        verbose_name_plural = _("reporting calendar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cutoff_day__gte=1) & models.Q(cutoff_day__lte=28),
                name="lms_reporting_calendar_cutoff_1_to_28",
            )
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class QuarterlyReport(models.Model):
    """One version of a place's report for one period: a quarter, a half or a
    year (``kind``), named by its year and the quarter whose cut-off closes
    it (a half ends with quarter 2 or 4, a year with quarter 4). It covers
    ``start`` to ``end``, fixed when it is prepared. Its figures and
    spreadsheet are stored when generated; once frozen nothing regenerates
    them, so later changes to the records do not alter what was sent.

    A frozen report is corrected by an amended version (``version`` n + 1,
    ``amends`` the frozen version n, with a reason): it is prepared, reviewed
    and frozen like any report, and lists the figures that differ from the
    version it amends (``changes``). The version it amends is kept as it was."""

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ReportKind.choices, default=ReportKind.QUARTER
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
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
    # What the manager adds to the workbook's notes sheet when asking for the report.
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        ordering = ["-end", "kind", "place__path", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "kind", "year", "quarter", "version"],
                name="lms_report_version_once",
            ),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")), name="lms_report_period_forwards"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="quarter", quarter__gte=1, quarter__lte=4)
                | models.Q(kind="half", quarter__in=[2, 4])
                | models.Q(kind="year", quarter=4),
                name="lms_report_kind_ends_with_its_quarter",
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
                condition=~models.Q(status="frozen") | models.Q(frozen_at__isnull=False),
                name="lms_quarterly_report_frozen_has_time",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.place} · {self.kind} {self.quarter}/{self.year}"
        return label if self.version == 1 else f"{label} · v{self.version}"

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        """The first and last day the report covers."""
        return self.start, self.end

    @property
    def reporting_period(self) -> ReportingPeriod:
        return ReportingPeriod(self.kind, self.year, self.quarter)

    @property
    def name(self) -> str:
        """E.g. "Quarter 4/2026", "First half of 2026", "Year 2026"."""
        return self.reporting_period.name()


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
    "ReportKind",
    "ReportStatus",
    "ReportingCalendar",
    "ReportingPeriod",
    "quarter_dates",
]
