"""Counting per place and reading the tallies: what the completion and
indicator reports share.

Figures are counted per place id (an integer ``GROUP BY``, no string work in
the database) and then added up in Python into the places one level below the
report's place, by the first characters of each place's materialised path.
Person counts stay exact when added up: a learner lives in one village.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from lms.models import CourseProgress, NationalCompletion, Place
from lms.models.quarterly import quarter_dates
from lms.models.tallies import ALL_TIME, quarter_key
from lms.reports.filters import Period


class PlaceFolder:
    """Adds up per-place figures into the places at one level (``length``
    characters of path) below ``place``."""

    def __init__(self, place: Place, length: int):
        self.length = length
        self.paths = dict(
            Place.objects.filter(path__startswith=place.path).values_list("pk", "path")
        )

    def __call__(self, queryset: QuerySet, place_field: str, **aggregates) -> dict[str, dict]:
        folded: dict[str, dict] = defaultdict(lambda: dict.fromkeys(aggregates, 0))
        rows = queryset.order_by().values(place_field).annotate(**aggregates)
        for row in rows:
            path = self.paths.get(row[place_field])
            if path is None:
                continue
            figures = folded[path[: self.length]]
            for name in aggregates:
                figures[name] += row[name] or 0
        return folded


def completions_in(period: Period) -> tuple[QuerySet, QuerySet]:
    """The courses completed in the period: local ones (course progress) and
    national ones (a verified certificate), one row per learner and course
    in each. A learner counts as trained by either."""
    done = period.q("completed_at") & Q(completed_at__isnull=False)
    return CourseProgress.objects.filter(done), NationalCompletion.objects.filter(done)


def trained_in(period: Period) -> Q:
    """On learners: those who completed a course, local or national, in the
    period (counted once whatever the number or kind of courses)."""
    local, national = completions_in(period)
    return Q(Exists(local.filter(learner=OuterRef("pk")))) | Q(
        Exists(national.filter(learner=OuterRef("pk")))
    )


def tally_key(period: Period) -> int | None:
    """The ``LearnerTally`` rows that answer ``period`` exactly: all time, or
    one calendar quarter; None for any other period (count the raw rows)."""
    if period.start is None and period.end is None:
        return ALL_TIME
    if period.start is None or period.end is None:
        return None
    year, month = period.start.year, period.start.month
    if (month - 1) % 3 or period.start.day != 1:
        return None
    quarter = (month - 1) // 3 + 1
    if (period.start, period.end) != quarter_dates(year, quarter):
        return None
    return quarter_key(year, quarter)


def per_group(
    groups: list[tuple[int, int]], rows: Iterable[dict], field: str, names: Iterable[str]
) -> dict[str, dict[int, int]]:
    """``{name: {target group id: value}}`` for ``groups`` (``(id, bit)``),
    from ``rows`` counted per value of the learners' target group mask
    (``field``; lms.learning.services.target_groups): each row's figures added to
    every group whose bit its mask has. A learner in two groups counts in
    both, one in none in none; distinct counts of learners stay exact, since
    each learner has one mask."""
    names = list(names)
    figures: dict[str, dict[int, int]] = {
        name: dict.fromkeys((pk for pk, _bit in groups), 0) for name in names
    }
    for row in rows:
        mask = row[field]
        for pk, bit in groups:
            if mask & (1 << bit):
                for name in names:
                    figures[name][pk] += row[name] or 0
    return figures
