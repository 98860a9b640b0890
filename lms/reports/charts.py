"""Charts drawn on the server: a horizontal SVG bar under each label, with
the value written out beside the label (so the text stays readable on a
phone and screen readers read words, not shapes), and the same numbers in
the page's table."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import LearnerTally, LessonProgress, Place
from lms.models.tallies import month_key
from lms.reports.base import Kind, Report, cell_text
from lms.reports.filters import Period


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    width: float  # per cent of the chart's width


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]


def bar_chart(title: str, items: list[tuple[str, float | None, str]], *, maximum=None) -> Chart:
    """``items`` are (label, value, value as text); bars scale to ``maximum``
    (100 for shares, else the largest value)."""
    values = [value or 0 for _label, value, _text in items]
    top = maximum or max(values, default=0) or 1
    bars = [
        Bar(label=label, value=value or 0, text=text, width=round(100 * (value or 0) / top, 2))
        for label, value, text in items
    ]
    return Chart(title=title, bars=bars)


def chart_from_report(report: Report, column_index: int, title: str) -> Chart | None:
    """A bar per non-total row of ``report``, from one of its share columns."""
    column = report.columns[column_index]
    items = []
    for row, _texts in report.formatted():
        if row.total:
            continue
        value = row.cells[column_index]
        items.append((str(row.cells[0]), value, cell_text(value, column.kind)))
    if not items:
        return None
    maximum = 100 if column.kind == Kind.PERCENT else None
    return bar_chart(title, items, maximum=maximum)


def monthly_completions(place: Place, period: Period) -> list[tuple[str, int]]:
    """Lessons completed per month by the learners of ``place``: over the
    period, or the last twelve months when it is open-ended. One query, on
    the learners' monthly tallies when the months are whole."""
    end = period.end or timezone.localdate()
    start = period.start or (end.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
    whole_months = start.day == 1 and (
        period.end is None or (end + datetime.timedelta(days=1)).day == 1
    )
    if whole_months:
        keys = {}
        month = start
        while month <= end:
            keys[month_key(month.year, month.month)] = month
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        counts = {
            keys[span]: n or 0
            for span, n in LearnerTally.objects.filter(
                span__in=list(keys), village__path__startswith=place.path
            )
            .order_by()
            .values("span")
            .annotate(n=Sum("lessons_completed"))
            .values_list("span", "n")
        }
        return _months(start, end, counts)
    counts = dict(
        LessonProgress.objects.filter(
            Period(start, end).q("completed_at"),
            completed_at__isnull=False,
            learner__village__path__startswith=place.path,
        )
        .annotate(month=TruncMonth("completed_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    counts = {
        (month.date() if isinstance(month, datetime.datetime) else month).replace(day=1): n
        for month, n in counts.items()
    }
    return _months(start, end, counts)


def _months(start: datetime.date, end: datetime.date, counts: dict) -> list[tuple[str, int]]:
    months = []
    month = start.replace(day=1)
    while month <= end and len(months) < 60:
        months.append((month.strftime("%m/%Y"), counts.get(month, 0)))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def progress_chart(place: Place, period: Period) -> tuple[Chart, list[tuple[str, int]]]:
    months = monthly_completions(place, period)
    chart = bar_chart(
        _("Lessons completed per month"),
        [(label, count, str(count)) for label, count in months],
    )
    return chart, months
