"""The movement's indicators for a place and a period, per place below it and
per target group (DOMAIN.md "Indicators provinces report").

Each figure is defined once (``MEASURES``) and counted with one grouped query,
either per place id (then added up into the places one level below, by their
materialised paths) or per target group (per value of the learners' target
group mask, then added up into each group whose bit it has). For all time and
whole quarters the person figures (active learners, lessons and courses
completed, people trained) are read from the learners' tallies, one row per
learner, which the recording service keeps. The number of queries is fixed
whatever the number of learners or places.

A national course completed (a certificate a trainer verified) counts as a
course completed wherever a local one does: courses completed, people trained
(once per learner), the target groups and, through the national course's skill
areas, the "Gia đình số" households.

Digital identities (adults 16+ with VNeID level 1, with level 2, and those
confirmed by staff) are read from the learners' current status for a period
that runs to today or later, or has no end; a period that ended before today
counts the status each learner had at the end of its last day, from their
digital identity history (lms.models.digital_id), so a past quarter's figure
does not move when a status changes later.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import TargetGroup
from lms.learning.services.digital_families import required_areas, summary_definition_is_current
from lms.learning.tasks import skills_rebuild_soon
from lms.models import (
    CertificateClaim,
    ClaimStatus,
    CourseProgress,
    DigitalIdChange,
    DigitalIdStatus,
    Household,
    Indicator,
    Learner,
    LearnerTally,
    LearningEvent,
    LessonProgress,
    NationalCompletion,
    Place,
    PlaceKind,
)
from lms.models.classes import Attendance, ClassSession
from lms.models.help_log import AmbassadorHelp
from lms.reports.base import Column, Kind, Report, Row, percent
from lms.reports.completion import _filename, _place_url
from lms.reports.filters import Period, _local_midnight
from lms.reports.grouping import completions_in, per_group, tally_key, trained_in
from lms.reports.targets import Targets, gap, target_period, targets_for

ADULT_AGE = 16


def digital_family_skills() -> list[int]:
    """The skill areas a household member must have completed a course in
    for the household to count as a "Gia đình số" (digital family): the
    ``DIGITAL_FAMILY_SKILLS`` slugs, or by default every basic digital skill
    (the five of CV 3240)."""
    return list(required_areas().values_list("pk", flat=True))


def skilled_learners(period: Period) -> QuerySet[Learner] | None:
    """Learners who, by the end of the period, completed a course, local or
    national, in each of the digital-family skill areas (None when no skill
    area is set up)."""
    skills = digital_family_skills()
    if not skills:
        return None
    local, national = completions_in(Period(None, period.end))
    covered = Q()
    for area in skills:
        covered &= Q(Exists(local.filter(learner=OuterRef("pk"), course__skill_areas=area))) | Q(
            Exists(national.filter(learner=OuterRef("pk"), course__skill_areas=area))
        )
    return Learner.objects.filter(covered)


def _end_year(period: Period) -> int:
    return (period.end or timezone.localdate()).year


def _adults(period: Period, learner: str = "") -> Q:
    return Q(**{f"{learner}year_of_birth__lte": _end_year(period) - ADULT_AGE})


def is_past(period: Period) -> bool:
    """Whether the period ended before today (local time): its digital
    identities are then those of the history at its end, not today's."""
    return period.end is not None and period.end < timezone.localdate()


# --- Measures: each figure defined once, counted per place or per target group ---------


@dataclass(frozen=True)
class Measure:
    """One figure: the rows it looks at within a place (``base``, given the
    place's path), which of them count for a period (``where``), the field
    naming each row's place, and the path from a row to its learner (``""``
    for learners themselves; None when rows have no learner, so the figure
    has no per-target-group value). It counts ``field`` (distinct or not).
    Figures sharing a ``base`` are counted in one query."""

    base: Callable[[str], QuerySet] | None
    where: Callable[[Period], Q] | None
    place: str
    learner: str | None
    field: str = "pk"
    distinct: bool = False


def _learners(within: str) -> QuerySet:
    return Learner.objects.filter(village__path__startswith=within)


def _course_progress(within: str) -> QuerySet:
    return CourseProgress.objects.filter(learner__village__path__startswith=within)


def _lesson_progress(within: str) -> QuerySet:
    return LessonProgress.objects.filter(learner__village__path__startswith=within)


def _national_completions(within: str) -> QuerySet:
    return NationalCompletion.objects.filter(learner__village__path__startswith=within)


def _events(within: str) -> QuerySet:
    return LearningEvent.objects.filter(learner__village__path__startswith=within)


def _claims(within: str) -> QuerySet:
    return CertificateClaim.objects.filter(
        learner__village__path__startswith=within, status=ClaimStatus.APPROVED
    )


def _sessions(within: str) -> QuerySet:
    return ClassSession.objects.filter(training_class__place__path__startswith=within)


def _attendance(within: str) -> QuerySet:
    return Attendance.objects.filter(
        session__training_class__place__path__startswith=within, present=True
    )


def _digital_ids_as_of(period: Period, within: str) -> QuerySet:
    """The history rows in force at the end of ``period``'s last day (local
    time) of the adults of ``within`` with a digital identity: one scan of
    the interval rows, each learner's row at that instant, read by the rows'
    own copies of the learner's village, year of birth and target groups
    (no join of every learner)."""
    end = _local_midnight(period.end + datetime.timedelta(days=1))
    return DigitalIdChange.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=end),
        _adults(period),
        valid_from__lt=end,
        village__path__startswith=within,
    ).exclude(status=DigitalIdStatus.NONE)


def _help(within: str) -> QuerySet:
    return AmbassadorHelp.objects.filter(place__path__startswith=within)


def _completed_in(period: Period) -> Q:
    return period.q("completed_at") & Q(completed_at__isnull=False)


MEASURES: dict[str, Measure] = {
    "registered": Measure(
        _learners, lambda p: Period(None, p.end).q("created_at"), "village_id", ""
    ),
    "new": Measure(_learners, lambda p: p.q("created_at"), "village_id", ""),
    # Today's status (the learners' own copy); ``HISTORY`` for past periods.
    "digital_id_1": Measure(
        _learners,
        lambda p: _adults(p) & Q(digital_id_status=DigitalIdStatus.LEVEL_1),
        "village_id",
        "",
    ),
    "digital_id_2": Measure(
        _learners,
        lambda p: _adults(p) & Q(digital_id_status=DigitalIdStatus.LEVEL_2),
        "village_id",
        "",
    ),
    "digital_id_confirmed": Measure(
        _learners,
        lambda p: (
            _adults(p)
            & ~Q(digital_id_status=DigitalIdStatus.NONE)
            & Q(digital_id_confirmed_at__isnull=False)
        ),
        "village_id",
        "",
    ),
    # Learners are counted where they live now, like every person-level figure.
    "active": Measure(
        _events,
        lambda p: p.q("occurred_at"),
        "learner__village_id",
        "learner__",
        "learner",
        distinct=True,
    ),
    "lessons": Measure(_lesson_progress, _completed_in, "learner__village_id", "learner__"),
    # Local courses; ``_figures`` adds the national ones.
    "courses": Measure(_course_progress, _completed_in, "learner__village_id", "learner__"),
    "national_courses": Measure(
        _national_completions, _completed_in, "learner__village_id", "learner__"
    ),
    # A learner who completed a course, local or national, counts once.
    "trained": Measure(_learners, trained_in, "village_id", ""),
    "certificates": Measure(
        _claims, lambda p: p.q("decided_at"), "learner__village_id", "learner__"
    ),
    "sessions": Measure(_sessions, lambda p: _date_q(p, "date"), "training_class__place_id", None),
    "attendance": Measure(
        _attendance,
        lambda p: _date_q(p, "session__date"),
        "session__training_class__place_id",
        None,
    ),
    "help": Measure(_help, lambda p: _date_q(p, "date"), "place_id", None),
}

# The digital identities of a period that ended before today: its base is the
# history as of the period's end (``_measures``), counted in one query.
HISTORY: dict[str, Measure] = {
    "digital_id_1": Measure(None, lambda p: Q(status=DigitalIdStatus.LEVEL_1), "village_id", ""),
    "digital_id_2": Measure(None, lambda p: Q(status=DigitalIdStatus.LEVEL_2), "village_id", ""),
    "digital_id_confirmed": Measure(None, lambda p: Q(confirmed=True), "village_id", ""),
}


def _measures(period: Period) -> dict[str, Measure]:
    """``MEASURES``, with the digital identities read from the history when
    the period ended before today."""
    if not is_past(period):
        return MEASURES
    base = partial(_digital_ids_as_of, period)
    return {**MEASURES, **{name: replace(m, base=base) for name, m in HISTORY.items()}}


# What the learners' tallies answer for all time or a whole quarter.
TALLIED = {
    "active": Count("pk", filter=Q(active=True)),
    "lessons": Sum("lessons_completed"),
    "courses": Sum("courses_completed"),
    "trained": Count("pk", filter=Q(courses_completed__gt=0)),
}


def _by_place(queryset: QuerySet, measure: Measure, aggregates: dict) -> dict[str, dict]:
    """``{name: {place id: value}}``."""
    rows = queryset.order_by().values(measure.place).annotate(**aggregates)
    return {
        name: {row[measure.place]: row[name] or 0 for row in rows if row[measure.place]}
        for name in aggregates
    }


def _by_group(
    groups: list[tuple[int, int]], queryset: QuerySet, measure: Measure, aggregates: dict
) -> dict[str, dict]:
    """``{name: {target group id: value}}`` for ``groups`` (``(id, bit)``): one
    scan, grouped by the learners' target group mask, no join with the link
    table (``grouping.per_group``)."""
    field = f"{measure.learner}target_group_mask"
    rows = queryset.order_by().values(field).annotate(**aggregates)
    return per_group(groups, rows, field, aggregates)


def _figures(place: Place, period: Period, keys, count) -> dict[str, dict]:
    """The figures named by ``keys`` for the learners and records within
    ``place``, each ``{group: value}`` as ``count`` (``_by_place`` or
    ``_by_group``) groups them: one query per kind of row. All time and
    whole quarters read the person figures from the learners' tallies (one
    row per learner)."""
    figures: dict[str, dict] = {}
    key = tally_key(period)
    tallied = {name: TALLIED[name] for name in keys if name in TALLIED} if key is not None else {}
    if tallied:
        # Grouped by the tally's own copies of the learner's village and target
        # groups: no join of every learner.
        rows = LearnerTally.objects.filter(span=key, village__path__startswith=place.path)
        tally = Measure(None, None, "village_id", "")
        figures.update(count(rows, tally, tallied))
    raw = [name for name in keys if name not in figures]
    if "courses" in raw:
        raw.append("national_courses")
    measures_now = _measures(period)
    by_base: dict[Callable, list[str]] = defaultdict(list)
    for name in raw:
        by_base[measures_now[name].base].append(name)
    for base, names in by_base.items():
        measures = [measures_now[name] for name in names]
        wheres = [measure.where(period) for measure in measures]
        rows = base(place.path)
        if all(where == wheres[0] for where in wheres):
            rows = rows.filter(wheres[0])
            wheres = [None] * len(wheres)
        aggregates = {
            name: Count(measure.field, distinct=measure.distinct, filter=where or None)
            for name, measure, where in zip(names, measures, wheres, strict=True)
        }
        figures.update(count(rows, measures[0], aggregates))
    if "national_courses" in figures:
        courses = figures["courses"]
        for group, value in figures.pop("national_courses").items():
            courses[group] = courses.get(group, 0) + value
    return figures


def _digital_families(place: Place, period: Period) -> dict[int, int]:
    """Households of ``place`` with a member who has the digital-family skills
    by the end of the period, per village of the household. Read from the
    learners' summary (the skilled learners only) while it answers the
    current definition; otherwise counted from the progress table, and the
    summary is rebuilt in the background."""
    if not summary_definition_is_current():
        skills_rebuild_soon()
        return digital_families_counted(place, period)
    skilled = Learner.objects.filter(
        Period(None, period.end).q("digital_skills_at"),
        digital_skills_at__isnull=False,
        household__village__path__startswith=place.path,
    )
    return _by_place(
        skilled,
        Measure(None, None, "household__village_id", None),
        {"n": Count("household", distinct=True)},
    )["n"]


def digital_families_counted(place: Place, period: Period) -> dict[int, int]:
    """The same figure counted from the course progress of every learner (the
    definition itself; slow for a province)."""
    skilled = skilled_learners(period)
    if skilled is None:
        return {}
    households = Household.objects.filter(village__path__startswith=place.path).filter(
        Exists(skilled.filter(household=OuterRef("pk")))
    )
    return _by_place(households, Measure(None, None, "village_id", None), {"n": Count("pk")})["n"]


def _fold(per_place: dict[int, int], paths: dict[int, str], length: int) -> dict[str, int]:
    """Per-place values added up into the places ``length`` path characters deep."""
    folded: dict[str, int] = defaultdict(int)
    for place_id, value in per_place.items():
        path = paths.get(place_id)
        if path is not None:
            folded[path[:length]] += value
    return folded


class _PlaceFigures:
    """Every per-place indicator of ``place``'s records, counted once per
    place id; ``level(length)`` adds them up into the places at one level."""

    KEYS = (
        "registered",
        "new",
        "active",
        "lessons",
        "courses",
        "certificates",
        "sessions",
        "attendance",
        "digital_id_1",
        "digital_id_2",
        "digital_id_confirmed",
        "help",
    )

    def __init__(self, place: Place, period: Period):
        self.place = place
        places = Place.objects.filter(path__startswith=place.path)
        self.paths = dict(places.values_list("pk", "path"))
        self.population = list(
            places.values_list("path", "depth", "kind", "adults_16_plus", "households")
        )
        self.figures = _figures(place, period, self.KEYS, _by_place)
        self.figures["digital_families"] = _digital_families(place, period)

    def level(self, length: int) -> dict[str, dict[str, int]]:
        folded = {name: _fold(values, self.paths, length) for name, values in self.figures.items()}
        folded["adults_figure"] = self._population(length, 3)
        folded["households_figure"] = self._population(length, 4)
        return folded

    def _population(self, length: int, column: int) -> dict[str, int]:
        """A population figure per place: its villages' figures added up (a
        commune's or province's own figure is used only where none of its
        villages has one)."""
        villages: dict[str, int] = {}
        own: dict[str, int] = {}
        for row in self.population:
            value = row[column]
            if value is None:
                continue
            path, depth, kind = row[0], row[1], row[2]
            if kind == PlaceKind.VILLAGE:
                villages[path[:length]] = villages.get(path[:length], 0) + value
            if depth == length // Place.steplen:
                own[path] = own.get(path, 0) + value
        return {**own, **villages}


def _date_q(period: Period, field: str) -> Q:
    query = Q()
    if period.start:
        query &= Q(**{f"{field}__gte": period.start})
    if period.end:
        query &= Q(**{f"{field}__lte": period.end})
    return query


COLUMNS = [
    ("registered", Kind.INT),
    ("new", Kind.INT),
    ("active", Kind.INT),
    ("lessons", Kind.INT),
    ("courses", Kind.INT),
    ("certificates", Kind.INT),
    ("sessions", Kind.INT),
    ("attendance", Kind.INT),
    ("digital_families", Kind.INT),
    ("households_share", Kind.PERCENT),
    ("digital_id_1", Kind.INT),
    ("digital_id_2", Kind.INT),
    ("digital_id_2_share", Kind.PERCENT),
    ("digital_id_confirmed", Kind.INT),
    ("help", Kind.INT),
]

#: The share columns a target can be set for (``Indicator`` values), with the
#: figure and the population figure each is the share of.
SHARES = {
    Indicator.DIGITAL_FAMILIES.value: ("digital_families", "households_figure"),
    Indicator.DIGITAL_ID.value: ("digital_id_2", "adults_figure"),
}


def _columns(with_targets: list[str]) -> list[tuple[str, str]]:
    """``COLUMNS``, with a target and a gap column after each share column
    in ``with_targets``."""
    columns = []
    for key, kind in COLUMNS:
        columns.append((key, kind))
        if key in with_targets:
            columns += [(f"{key}_target", Kind.PERCENT), (f"{key}_gap", Kind.GAP)]
    return columns


def _header(key: str) -> str:
    labels = {
        "registered": pgettext("report header", "Learners registered"),
        "new": pgettext("report header", "New learners in the period"),
        "active": pgettext("report header", "Active learners"),
        "lessons": pgettext("report header", "Lessons completed"),
        "courses": pgettext("report header", "Courses completed"),
        "certificates": pgettext("report header", "National certificates verified"),
        "sessions": pgettext("report header", "Class sessions held"),
        "attendance": pgettext("report header", "Attendances"),
        "digital_families": pgettext("report header", "“Gia đình số” households"),
        "households_share": pgettext("report header", "Share of households"),
        "households_share_target": pgettext("report header", "Target: share of households"),
        "households_share_gap": pgettext("report header", "Gap to the households target"),
        "digital_id_1": pgettext("report header", "Adults 16+ with VNeID level 1"),
        "digital_id_2": pgettext("report header", "Adults 16+ with VNeID level 2"),
        "digital_id_2_share": pgettext("report header", "Share of adults 16+ with level 2"),
        "digital_id_2_share_target": pgettext(
            "report header", "Target: share of adults 16+ with level 2"
        ),
        "digital_id_2_share_gap": pgettext("report header", "Gap to the level 2 target"),
        "digital_id_confirmed": pgettext(
            "report header", "Adults 16+ whose digital identity staff confirmed"
        ),
        "help": pgettext("report header", "Help given by digital ambassadors"),
    }
    return labels[key]


def indicator_notes() -> list[tuple[str, str]]:
    """What each indicator column counts and where it comes from, for the
    notes sheet of the quarterly workbook."""
    notes = {
        "registered": _(
            "Learners living in the place who had registered by the end of the period."
        ),
        "new": _("Learners who registered within the period."),
        "active": _("Learners with at least one learning activity recorded in the period."),
        "lessons": _(
            "Lessons completed in the period: marked done by the learner, passed knowledge "
            "check, or recorded by a trainer after a class."
        ),
        "courses": _(
            "Courses completed in the period: local courses, and national courses whose "
            "certificate a trainer verified (a verified national certificate counts as a "
            "course completed)."
        ),
        "certificates": _("Certificates of national courses approved by a trainer in the period."),
        "sessions": _("Sessions of training classes held in the period."),
        "attendance": _("Learners recorded as present at those sessions."),
        "digital_families": _(
            "Households with at least one member who, by the end of the period, completed a "
            "course (local or national) in each basic digital skill (CV 3240/BTTTT-CĐSQG)."
        ),
        "households_share": _(
            "“Gia đình số” households as a share of the place's households (the figures "
            "recorded for its villages)."
        ),
        "digital_id_1": _(
            "Learners aged 16 or over whose digital identity (VNeID) was at level 1 at the end "
            "of the period, as the learner reported it or staff confirmed it."
        ),
        "digital_id_2": _(
            "Learners aged 16 or over whose digital identity was at level 2 (needed for online "
            "public services) at the end of the period."
        ),
        "digital_id_2_share": _(
            "Those with level 2 as a share of the place's adults aged 16 and over (the figures "
            "recorded for its villages)."
        ),
        "digital_id_confirmed": _(
            "Learners aged 16 or over whose level 1 or 2 was confirmed by staff (a trainer or "
            "a digital ambassador who helped set it up), not only reported by the learner."
        ),
        "help": _("Times a digital ambassador helped someone with an online service."),
    }
    return [(_header(key), notes[key]) for key, _kind in COLUMNS]


def _cells(
    figures: dict[str, dict[str, int]],
    prefix: str,
    columns: list[tuple[str, str]],
    targets: Targets | None = None,
) -> list:
    def get(key: str) -> int:
        return figures[key].get(prefix, 0)

    values = {key: get(key) for key in figures}
    for share, (part, whole) in SHARES.items():
        values[share] = percent(get(part), get(whole))
        target = targets.for_place(prefix, share) if targets is not None else None
        values[f"{share}_target"] = None if target is None else float(target)
        values[f"{share}_gap"] = gap(target, values[share])
    return [values[key] for key, _kind in columns]


def _report_columns(columns: list[tuple[str, str]]) -> list[Column]:
    return [Column(pgettext("report header", "Place"))] + [
        Column(_header(key), kind) for key, kind in columns
    ]


def _targets(
    place: Place, period: Period, paths: list[str], targets: Targets | None, every: bool
) -> tuple[Targets, list[str]]:
    """The targets for the period and the share columns to show them for:
    those with a target for one of ``paths`` (or all, when ``every``)."""
    if targets is None:
        targets = targets_for(place, *target_period(period))
    shown = [share for share in SHARES if every or targets.any_for(share, paths)]
    return targets, shown


def place_figures(place: Place, period: Period) -> _PlaceFigures:
    """Every per-place indicator of ``place`` for ``period``, counted once, for
    reports that show it at more than one level (the quarterly report)."""
    return _PlaceFigures(place, period)


def indicators_report(
    place: Place,
    period: Period,
    figures: _PlaceFigures | None = None,
    *,
    targets: Targets | None = None,
    every_target: bool = False,
) -> Report:
    """The indicators of ``place`` for ``period``, one row per place directly
    below it and a total row for the place itself. Each share indicator with
    a target for one of the rows (every one, with ``every_target``) has the
    target and the gap to it beside it."""
    children = list(
        Place.objects.filter(path__startswith=place.path, depth=place.depth + 1).order_by("path")
    )
    figures = figures or _PlaceFigures(place, period)
    targets, shown = _targets(
        place, period, [place.path, *(child.path for child in children)], targets, every_target
    )
    columns = _columns(shown)
    body = []
    if children:
        per_child = figures.level((place.depth + 1) * Place.steplen)
        body = [
            Row(
                [child.name, *_cells(per_child, child.path, columns, targets)],
                url=_place_url(child, period, "lms:report_place_indicators"),
            )
            for child in children
        ]
    whole = figures.level(place.depth * Place.steplen)
    body.append(Row([place.name, *_cells(whole, place.path, columns, targets)], total=True))
    return Report(
        title=_("Indicators of %(place)s") % {"place": place.name},
        subtitle=period.label(),
        columns=_report_columns(columns),
        rows=body,
        filename=_filename("chi-so", place.name),
        extra={"targets": targets},
    )


def villages_indicators_report(
    place: Place,
    period: Period,
    figures: _PlaceFigures | None = None,
    *,
    targets: Targets | None = None,
    every_target: bool = False,
) -> Report:
    """The indicators of every village below ``place`` (for a province: the
    villages of all its communes), one row each, with the target that
    applies to each village (its own or its commune's) and the gap to it."""
    villages = list(
        Place.objects.filter(path__startswith=place.path, kind=PlaceKind.VILLAGE).order_by("path")
    )
    targets, shown = _targets(
        place, period, [village.path for village in villages], targets, every_target
    )
    columns = _columns(shown)
    body = []
    if villages:
        figures = figures or _PlaceFigures(place, period)
        per_village = figures.level(villages[0].depth * Place.steplen)
        body = [
            Row([village.name, *_cells(per_village, village.path, columns, targets)])
            for village in villages
        ]
    return Report(
        title=_("Indicators by village in %(place)s") % {"place": place.name},
        subtitle=period.label(),
        columns=_report_columns(columns),
        rows=body,
        filename=_filename("chi-so-thon", place.name),
        extra={"targets": targets},
    )


def indicators_by_group_report(place: Place, period: Period) -> Report:
    """People trained per target group: the person-level indicators of the
    learners of ``place`` in each group (a learner in two groups counts in
    both)."""
    groups = list(TargetGroup.objects.order_by("sort_order", "name").values("pk", "name", "bit"))
    figures = _figures(
        place,
        period,
        (
            "registered",
            "active",
            "trained",
            "lessons",
            "certificates",
            "digital_id_1",
            "digital_id_2",
            "digital_id_confirmed",
        ),
        partial(_by_group, [(group["pk"], group["bit"]) for group in groups]),
    )
    columns = [
        Column(pgettext("report header", "Target group")),
        Column(pgettext("report header", "Learners registered"), Kind.INT),
        Column(pgettext("report header", "Active learners"), Kind.INT),
        Column(pgettext("report header", "People trained (completed a course)"), Kind.INT),
        Column(pgettext("report header", "Share trained"), Kind.PERCENT),
        Column(pgettext("report header", "Lessons completed"), Kind.INT),
        Column(pgettext("report header", "National certificates verified"), Kind.INT),
        Column(_header("digital_id_1"), Kind.INT),
        Column(_header("digital_id_2"), Kind.INT),
        Column(_header("digital_id_confirmed"), Kind.INT),
    ]
    body = []
    for group in groups:
        pk = group["pk"]
        registered = figures["registered"].get(pk, 0)
        trained = figures["trained"].get(pk, 0)
        body.append(
            Row(
                [
                    group["name"],
                    registered,
                    figures["active"].get(pk, 0),
                    trained,
                    percent(trained, registered),
                    figures["lessons"].get(pk, 0),
                    figures["certificates"].get(pk, 0),
                    figures["digital_id_1"].get(pk, 0),
                    figures["digital_id_2"].get(pk, 0),
                    figures["digital_id_confirmed"].get(pk, 0),
                ]
            )
        )
    return Report(
        title=_("Indicators by target group in %(place)s") % {"place": place.name},
        subtitle=period.label(),
        columns=columns,
        rows=body,
        filename=_filename("chi-so-nhom-doi-tuong", place.name),
    )


__all__ = [
    "digital_family_skills",
    "indicators_by_group_report",
    "indicators_report",
    "is_past",
    "place_figures",
    "skilled_learners",
    "villages_indicators_report",
]
