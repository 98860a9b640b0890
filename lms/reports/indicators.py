"""The movement's indicators for a place and a period, per place below it and
per target group (DOMAIN.md "Indicators provinces report").

Each figure is one grouped query: rows are grouped by the first characters of
the village's materialised path, which names the child place they fall in.
The number of queries is fixed whatever the number of learners or places.
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import SkillArea, TargetGroup

from ..conf import lms_settings
from ..models import (
    CertificateClaim,
    ClaimStatus,
    CourseProgress,
    DigitalIdStatus,
    Household,
    Learner,
    LearningEvent,
    LessonProgress,
    Place,
    PlaceKind,
)
from ..models.classes import Attendance, ClassSession
from ..models.help_log import AmbassadorHelp
from .base import Column, Kind, Report, Row, percent
from .completion import _filename, _place_url
from .filters import Period

ADULT_AGE = 16


def digital_family_skills() -> list[int]:
    """The skill areas a household member must have completed a course in
    for the household to count as a "Gia đình số" (digital family): the
    ``DIGITAL_FAMILY_SKILLS`` slugs, or by default every basic digital skill
    (the five of CV 3240)."""
    slugs = lms_settings.DIGITAL_FAMILY_SKILLS
    areas = SkillArea.objects.all()
    areas = areas.filter(slug__in=slugs) if slugs else areas.filter(kind=SkillArea.Kind.BASIC_SKILL)
    return list(areas.values_list("pk", flat=True))


def skilled_learners(period: Period) -> QuerySet[Learner] | None:
    """Learners who, by the end of the period, completed a course in each of
    the digital-family skill areas (None when no skill area is set up)."""
    skills = digital_family_skills()
    if not skills:
        return None
    covered = (
        CourseProgress.objects.filter(
            Period(None, period.end).q("completed_at"),
            completed_at__isnull=False,
            course__skill_areas__in=skills,
        )
        .order_by()
        .values("learner")
        .annotate(n=Count("course__skill_areas", distinct=True))
        .filter(n=len(skills))
        .values("learner")
    )
    return Learner.objects.filter(pk__in=covered)


def _end_year(period: Period) -> int:
    return (period.end or timezone.localdate()).year


class _Grouper:
    """Counts grouped by the path prefix of one level of the tree."""

    def __init__(self, length: int):
        self.length = length

    def __call__(self, queryset: QuerySet, path_field: str, value) -> dict[str, int]:
        rows = (
            queryset.annotate(prefix=Substr(path_field, 1, self.length))
            .order_by()
            .values("prefix")
            .annotate(value=value)
            .values_list("prefix", "value")
        )
        return {prefix: number or 0 for prefix, number in rows}


def _figures(place: Place, period: Period, length: int) -> dict[str, dict[str, int]]:
    group = _Grouper(length)
    within = place.path
    before_end = Period(None, period.end)
    learners = Learner.objects.filter(village__path__startswith=within)
    adults = learners.filter(year_of_birth__lte=_end_year(period) - ADULT_AGE)
    figures = {
        "registered": group(
            learners.filter(before_end.q("created_at")), "village__path", Count("pk")
        ),
        "new": group(learners.filter(period.q("created_at")), "village__path", Count("pk")),
        "active": group(
            LearningEvent.objects.filter(
                period.q("occurred_at"), village__path__startswith=within, learner__isnull=False
            ),
            "village__path",
            Count("learner", distinct=True),
        ),
        "lessons": group(
            LessonProgress.objects.filter(
                period.q("completed_at"),
                completed_at__isnull=False,
                learner__village__path__startswith=within,
            ),
            "learner__village__path",
            Count("pk"),
        ),
        "courses": group(
            CourseProgress.objects.filter(
                period.q("completed_at"),
                completed_at__isnull=False,
                learner__village__path__startswith=within,
            ),
            "learner__village__path",
            Count("pk"),
        ),
        "certificates": group(
            CertificateClaim.objects.filter(
                period.q("decided_at"),
                status=ClaimStatus.APPROVED,
                learner__village__path__startswith=within,
            ),
            "learner__village__path",
            Count("pk"),
        ),
        "sessions": group(
            ClassSession.objects.filter(
                _date_q(period, "date"), training_class__place__path__startswith=within
            ),
            "training_class__place__path",
            Count("pk"),
        ),
        "attendance": group(
            Attendance.objects.filter(
                _date_q(period, "session__date"),
                present=True,
                session__training_class__place__path__startswith=within,
            ),
            "session__training_class__place__path",
            Count("pk"),
        ),
        "digital_id": group(
            adults.exclude(digital_id_status=DigitalIdStatus.NONE), "village__path", Count("pk")
        ),
        "help": group(
            AmbassadorHelp.objects.filter(_date_q(period, "date"), place__path__startswith=within),
            "place__path",
            Count("pk"),
        ),
        "adults_figure": _population(place, group, "adults_16_plus"),
        "households_figure": _population(place, group, "households"),
    }
    skilled = skilled_learners(period)
    figures["digital_families"] = (
        group(
            Household.objects.filter(village__path__startswith=within).filter(
                Exists(skilled.filter(household=OuterRef("pk")))
            ),
            "village__path",
            Count("pk"),
        )
        if skilled is not None
        else {}
    )
    return figures


def _population(place: Place, group: _Grouper, field: str) -> dict[str, int]:
    """A population figure per place: the villages' figures added up (a
    commune or province figure is used only where no village has one)."""
    villages = group(
        Place.objects.filter(
            path__startswith=place.path, kind=PlaceKind.VILLAGE, **{f"{field}__isnull": False}
        ),
        "path",
        Sum(field),
    )
    own = group(
        Place.objects.filter(path__startswith=place.path, **{f"{field}__isnull": False}).filter(
            depth=group.length // Place.steplen
        ),
        "path",
        Sum(F(field)),
    )
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
    ("digital_id", Kind.INT),
    ("digital_id_share", Kind.PERCENT),
    ("help", Kind.INT),
]


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
        "digital_id": pgettext("report header", "Adults 16+ with a digital identity"),
        "digital_id_share": pgettext("report header", "Share of adults 16+"),
        "help": pgettext("report header", "Help given by digital ambassadors"),
    }
    return labels[key]


def _cells(figures: dict[str, dict[str, int]], prefix: str) -> list:
    def get(key: str) -> int:
        return figures[key].get(prefix, 0)

    values = {key: get(key) for key in figures}
    values["households_share"] = percent(get("digital_families"), get("households_figure"))
    values["digital_id_share"] = percent(get("digital_id"), get("adults_figure"))
    return [values[key] for key, _kind in COLUMNS]


def indicators_report(place: Place, period: Period) -> Report:
    """The indicators of ``place`` for ``period``, one row per place directly
    below it and a total row for the place itself."""
    children = list(
        Place.objects.filter(path__startswith=place.path, depth=place.depth + 1).order_by("path")
    )
    columns = [Column(pgettext("report header", "Place"))] + [
        Column(_header(key), kind) for key, kind in COLUMNS
    ]
    body = []
    if children:
        per_child = _figures(place, period, (place.depth + 1) * Place.steplen)
        body = [
            Row(
                [child.name, *_cells(per_child, child.path)],
                url=_place_url(child, period, "lms:report_place_indicators"),
            )
            for child in children
        ]
    whole = _figures(place, period, place.depth * Place.steplen)
    body.append(Row([place.name, *_cells(whole, place.path)], total=True))
    return Report(
        title=_("Indicators of %(place)s") % {"place": place.name},
        subtitle=period.label(),
        columns=columns,
        rows=body,
        filename=_filename("chi-so", place.name),
    )


def villages_indicators_report(place: Place, period: Period) -> Report:
    """The indicators of every village below ``place`` (for a province: the
    villages of all its communes), one row each."""
    villages = list(
        Place.objects.filter(path__startswith=place.path, kind=PlaceKind.VILLAGE).order_by("path")
    )
    columns = [Column(pgettext("report header", "Place"))] + [
        Column(_header(key), kind) for key, kind in COLUMNS
    ]
    body = []
    if villages:
        figures = _figures(place, period, villages[0].depth * Place.steplen)
        body = [Row([village.name, *_cells(figures, village.path)]) for village in villages]
    return Report(
        title=_("Indicators by village in %(place)s") % {"place": place.name},
        subtitle=period.label(),
        columns=columns,
        rows=body,
        filename=_filename("chi-so-thon", place.name),
    )


def indicators_by_group_report(place: Place, period: Period) -> Report:
    """People trained per target group: the person-level indicators of the
    learners of ``place`` in each group (a learner in two groups counts in
    both)."""
    within = place.path
    before_end = Period(None, period.end)

    def by_group(queryset: QuerySet, group_field: str, value) -> dict[int, int]:
        return dict(
            queryset.filter(**{f"{group_field}__isnull": False})
            .order_by()
            .values(group_field)
            .annotate(value=value)
            .values_list(group_field, "value")
        )

    learners = Learner.objects.filter(village__path__startswith=within)
    adults = learners.filter(year_of_birth__lte=_end_year(period) - ADULT_AGE)
    figures = {
        "registered": by_group(
            learners.filter(before_end.q("created_at")), "target_groups", Count("pk", distinct=True)
        ),
        "active": by_group(
            LearningEvent.objects.filter(period.q("occurred_at"), village__path__startswith=within),
            "learner__target_groups",
            Count("learner", distinct=True),
        ),
        "trained": by_group(
            CourseProgress.objects.filter(
                period.q("completed_at"),
                completed_at__isnull=False,
                learner__village__path__startswith=within,
            ),
            "learner__target_groups",
            Count("learner", distinct=True),
        ),
        "lessons": by_group(
            LessonProgress.objects.filter(
                period.q("completed_at"),
                completed_at__isnull=False,
                learner__village__path__startswith=within,
            ),
            "learner__target_groups",
            Count("pk"),
        ),
        "certificates": by_group(
            CertificateClaim.objects.filter(
                period.q("decided_at"),
                status=ClaimStatus.APPROVED,
                learner__village__path__startswith=within,
            ),
            "learner__target_groups",
            Count("pk"),
        ),
        "digital_id": by_group(
            adults.exclude(digital_id_status=DigitalIdStatus.NONE),
            "target_groups",
            Count("pk", distinct=True),
        ),
    }
    columns = [
        Column(pgettext("report header", "Target group")),
        Column(pgettext("report header", "Learners registered"), Kind.INT),
        Column(pgettext("report header", "Active learners"), Kind.INT),
        Column(pgettext("report header", "People trained (completed a course)"), Kind.INT),
        Column(pgettext("report header", "Share trained"), Kind.PERCENT),
        Column(pgettext("report header", "Lessons completed"), Kind.INT),
        Column(pgettext("report header", "National certificates verified"), Kind.INT),
        Column(pgettext("report header", "Adults 16+ with a digital identity"), Kind.INT),
    ]
    body = []
    for group in TargetGroup.objects.order_by("sort_order", "name").values("pk", "name"):
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
                    figures["digital_id"].get(pk, 0),
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
    "skilled_learners",
    "villages_indicators_report",
]
