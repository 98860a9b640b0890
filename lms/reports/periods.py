"""Reporting periods that tile time, per place and kind (quarterly,
six-monthly, yearly): each covers from the day after the previous report's
cut-off to its own cut-off day (the site's ``ReportingCalendar``, by default
the plan's 10th of the quarter's last month); the first starts on the day the
movement started. A report's dates are fixed when it is prepared and kept
with it, so a later change of the cut-off day moves only the reports not yet
made: the next one starts the day after the last one made ends, and one made
between two others fills exactly the days between them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Place
from lms.models.quarterly import (
    QuarterlyReport,
    ReportingCalendar,
    ReportingPeriod,
    ReportKind,
)

DAY = datetime.timedelta(days=1)


def calendar() -> ReportingCalendar:
    return ReportingCalendar.load()


def scheduled_dates(
    period: ReportingPeriod, cal: ReportingCalendar | None = None
) -> tuple[datetime.date, datetime.date]:
    """The dates ``period`` covers by the calendar alone (no report made yet
    on either side): from the day after the previous period's cut-off, or
    the movement's start, to its own cut-off."""
    cal = cal or calendar()
    start = period.shifted(-1).cutoff(cal.cutoff_day) + DAY
    return max(start, cal.movement_start), period.cutoff(cal.cutoff_day)


def _neighbour(place: Place, period: ReportingPeriod) -> QuarterlyReport | None:
    return (
        QuarterlyReport.objects.filter(
            place=place, kind=period.kind, year=period.year, quarter=period.quarter
        )
        .order_by("-version")
        .only("start", "end")
        .first()
    )


def report_dates(place: Place, period: ReportingPeriod) -> tuple[datetime.date, datetime.date]:
    """The dates a report of ``place`` for ``period`` covers: from the day
    after the previous report of its kind ends (or as scheduled when there is
    none) to the day before the next one starts (or its cut-off when there is
    none), so the reports of a kind never leave a gap or overlap. Refused
    with a clear message when no day is left for it. The caller holds the
    place's row locked, so two requests cannot interleave."""
    cal = calendar()
    start, end = scheduled_dates(period, cal)
    previous, following = (
        _neighbour(place, period.shifted(-1)),
        _neighbour(place, period.shifted(1)),
    )
    if previous is not None:
        start = previous.end + DAY
    if following is not None:
        end = following.start - DAY
    if end < cal.movement_start:
        raise ValidationError(
            _(
                "The movement started on %(date)s, after this period ended: "
                "there is nothing to report."
            )
            % {"date": cal.movement_start.strftime("%d/%m/%Y")},
            code="before_start",
        )
    if start > end:
        raise ValidationError(
            _(
                "No day is left for this period: the reports before and after it already "
                "cover up to %(end)s and from %(start)s."
            )
            % {
                "end": (start - DAY).strftime("%d/%m/%Y"),
                "start": (end + DAY).strftime("%d/%m/%Y"),
            },
            code="no_days",
        )
    return start, end


def current_period(
    kind: str = ReportKind.QUARTER, today: datetime.date | None = None
) -> ReportingPeriod:
    """The period of ``kind`` whose scheduled dates hold ``today``: after a
    quarter's cut-off day, the days belong to the next quarter."""
    today = today or timezone.localdate()
    cal = calendar()
    period = ReportingPeriod(ReportKind.QUARTER, today.year, (today.month - 1) // 3 + 1)
    if today > period.cutoff(cal.cutoff_day):
        period = period.shifted(1)
    if kind == ReportKind.HALF:
        return ReportingPeriod(kind, period.year, 2 if period.quarter <= 2 else 4)
    if kind == ReportKind.YEAR:
        return ReportingPeriod(kind, period.year, 4)
    return period


def deadline(period: ReportingPeriod) -> datetime.date:
    """When the period's report is due: its cut-off day."""
    return period.cutoff(calendar().cutoff_day)


# How many periods of each kind a manager may choose from, the current one first.
CHOICES = {ReportKind.QUARTER: 8, ReportKind.HALF: 4, ReportKind.YEAR: 3}


def period_choices(today: datetime.date | None = None) -> list[tuple[str, list]]:
    """For the form: per kind, its label and its recent periods (newest
    first) with their scheduled dates."""
    cal = calendar()
    groups = []
    for kind, label in ReportKind.choices:
        period = current_period(kind, today)
        periods = [period.shifted(-step) for step in range(CHOICES[kind])]
        groups.append(
            (
                label,
                [
                    (period, *scheduled_dates(period, cal))
                    for period in periods
                    if period.cutoff(cal.cutoff_day) >= cal.movement_start
                ],
            )
        )
    return groups
