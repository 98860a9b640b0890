"""Completion reports: by class (learners × lessons), by place (province →
commune → village → learners), by course and by target group.

A national course completed (a certificate a trainer verified) is a course
completed in every report but the class register: in the courses completed,
the learners who completed one (once each) and, as its own row, by course.

Every builder takes an object already fetched through the viewer's scoped
queryset (a class from ``classes_for``, a place from
``places_for``), counts in the database with ``values()`` and
``annotate()`` (a fixed number of queries whatever the number of learners)
and returns a :class:`Report` that the page, the CSV and the XLSX file share.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import CoursePage, NationalCourse, TargetGroup
from lms.classes.services import class_lessons
from lms.models import (
    CourseProgress,
    Learner,
    LearnerTally,
    LessonProgress,
    NationalCompletion,
    NationalCourseVisit,
    Place,
    PlaceKind,
)
from lms.models.classes import TrainingClass
from lms.reports.base import Column, Kind, Report, Row, percent
from lms.reports.filters import Period
from lms.reports.grouping import PlaceFolder, completions_in, per_group, tally_key, trained_in
from lms.text import fold


def _learner_url():
    """The learner detail URL for any learner id, reversed once per report
    (a report may list 30,000 learners)."""
    marker = 999_999_999
    template = reverse("lms:report_learner", args=[marker])
    return lambda pk: template.replace(str(marker), str(pk))


def _filename(*parts: str) -> str:
    return "-".join(slugify(fold(part)) for part in parts if part) or "bao-cao"


def _count_subquery(queryset: QuerySet, outer: str = "pk", field: str = "learner") -> Coalesce:
    counted = (
        queryset.filter(**{field: OuterRef(outer)})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# --- By class: learners × lessons -------------------------------------------------


def class_matrix(training_class: TrainingClass, period: Period) -> Report:
    """The class's learners down the side, its courses' lessons across, a tick
    with the date where a lesson was completed in the period; per-learner and
    per-lesson totals. Four queries, whatever the size of the class."""
    # Ids and titles only: building 40 lesson pages as models took longer than
    # the rest of the report.
    lessons = list(class_lessons(training_class).values_list("pk", "title"))
    learners = list(
        training_class.learners.order_by("sort_name", "pk").values(
            "pk", "full_name", "village__name"
        )
    )
    done: dict[tuple[int, int], object] = {}
    if lessons and learners:
        rows = LessonProgress.objects.filter(
            period.q("completed_at"),
            learner__training_classes=training_class,
            lesson__in=[pk for pk, _title in lessons],
            completed_at__isnull=False,
        ).values_list("learner_id", "lesson_id", "completed_at")
        done = {(learner_id, lesson_id): at for learner_id, lesson_id, at in rows}
    columns = [
        Column(pgettext("report header", "Learner")),
        Column(pgettext("report header", "Village")),
        *[Column(title, Kind.TICK) for _pk, title in lessons],
        Column(pgettext("report header", "Lessons completed"), Kind.INT),
        Column(pgettext("report header", "Share of lessons"), Kind.PERCENT),
    ]
    body: list[Row] = []
    per_lesson = [0] * len(lessons)
    learner_url = _learner_url()
    for learner in learners:
        ticks = [done.get((learner["pk"], pk)) for pk, _title in lessons]
        count = sum(1 for tick in ticks if tick)
        for index, tick in enumerate(ticks):
            per_lesson[index] += 1 if tick else 0
        body.append(
            Row(
                [
                    learner["full_name"],
                    learner["village__name"],
                    *ticks,
                    count,
                    percent(count, len(lessons)),
                ],
                url=learner_url(learner["pk"]),
            )
        )
    total_done = sum(per_lesson)
    body.append(
        Row(
            [
                pgettext("report row", "Learners who completed it"),
                "",
                *per_lesson,
                total_done,
                percent(total_done, len(lessons) * len(learners)),
            ],
            total=True,
            # It counts people, not ticks: its lesson cells are numbers.
            kinds=[Kind.TEXT, Kind.TEXT, *[Kind.INT] * len(lessons), Kind.INT, Kind.PERCENT],
        )
    )
    return Report(
        title=training_class.name,
        subtitle=period.label(),
        columns=columns,
        rows=body,
        filename=_filename("hoan-thanh-lop", training_class.name),
        extra={"learner_count": len(learners), "lesson_count": len(lessons)},
    )


# --- By place: drill down province → commune → village → learners ------------------


def place_children_report(place: Place, period: Period) -> Report:
    """One row per place directly below ``place`` (and a total): learners
    registered, learners who completed a lesson or a course in the period,
    lessons and courses completed. Counted per village and added up into the
    places below ``place``; for all time or a calendar quarter, read from the
    learners' tallies (one small row per learner) instead of every progress row."""
    children = list(
        Place.objects.filter(path__startswith=place.path, depth=place.depth + 1).order_by("path")
    )
    grouped = PlaceFolder(place, (place.depth + 1) * Place.steplen)
    within = Q(learner__village__path__startswith=place.path)
    key = tally_key(period)
    learners = grouped(
        Learner.objects.filter(village__path__startswith=place.path),
        "village_id",
        n=Count("pk"),
        **({} if key is not None else {"people": Count("pk", filter=trained_in(period))}),
    )
    if key is not None:
        tallies = grouped(
            LearnerTally.objects.filter(span=key, village__path__startswith=place.path),
            "village_id",
            lesson_people=Count("pk", filter=Q(lessons_completed__gt=0)),
            lesson_n=Sum("lessons_completed"),
            course_people=Count("pk", filter=Q(courses_completed__gt=0)),
            course_n=Sum("courses_completed"),
        )
        lessons = {
            prefix: {"n": row["lesson_n"], "people": row["lesson_people"]}
            for prefix, row in tallies.items()
        }
        courses = {
            prefix: {"n": row["course_n"], "people": row["course_people"]}
            for prefix, row in tallies.items()
        }
    else:
        lessons = grouped(
            LessonProgress.objects.filter(
                within, period.q("completed_at"), completed_at__isnull=False
            ),
            "learner__village_id",
            n=Count("pk"),
            people=Count("learner", distinct=True),
        )
        # Local and national courses completed, and the learners who
        # completed either (counted once, with the registered learners).
        courses = {prefix: {"people": row["people"]} for prefix, row in learners.items()}
        for done in completions_in(period):
            counted = grouped(done.filter(within), "learner__village_id", n=Count("pk"))
            for prefix, row in counted.items():
                courses.setdefault(prefix, {"people": 0})
                courses[prefix]["n"] = courses[prefix].get("n", 0) + row["n"]
    columns = [
        Column(pgettext("report header", "Place")),
        Column(pgettext("report header", "Learners"), Kind.INT),
        Column(pgettext("report header", "Learners who completed a lesson"), Kind.INT),
        Column(pgettext("report header", "Lessons completed"), Kind.INT),
        Column(pgettext("report header", "Learners who completed a course"), Kind.INT),
        Column(pgettext("report header", "Share who completed a course"), Kind.PERCENT),
        Column(pgettext("report header", "Courses completed"), Kind.INT),
    ]

    def figures(prefix: str) -> list:
        registered = learners.get(prefix, {}).get("n", 0)
        lesson_row, course_row = lessons.get(prefix, {}), courses.get(prefix, {})
        return [
            registered,
            lesson_row.get("people", 0),
            lesson_row.get("n", 0),
            course_row.get("people", 0),
            percent(course_row.get("people", 0), registered),
            course_row.get("n", 0),
        ]

    body = [
        Row([child.name, *figures(child.path)], url=_place_url(child, period)) for child in children
    ]
    totals = [sum(row.cells[i] for row in body) for i in range(1, 4)]
    course_people = sum(row.cells[4] for row in body)
    body.append(
        Row(
            [
                pgettext("report row", "Total"),
                *totals,
                course_people,
                percent(course_people, totals[0]),
                sum(row.cells[6] for row in body),
            ],
            total=True,
        )
    )
    return Report(
        title=place.name,
        subtitle=period.label(),
        columns=columns,
        rows=body,
        filename=_filename("hoan-thanh", place.name),
    )


def _place_url(place: Place, period: Period, url_name: str = "lms:report_place") -> str:
    from urllib.parse import urlencode

    params = {key: value for key, value in period.params().items() if value}
    url = reverse(url_name, args=[place.pk])
    return f"{url}?{urlencode(params)}" if params else url


def village_learners_queryset(village: Place, period: Period) -> QuerySet:
    """Learners of a village (or of every village below a place) with their
    completions in the period: counts as subqueries, so one query for the
    whole list, read by the export in chunks."""
    lessons = LessonProgress.objects.filter(period.q("completed_at"), completed_at__isnull=False)
    local, national = completions_in(period)
    last = (
        LessonProgress.objects.filter(learner=OuterRef("pk"))
        .order_by()
        .values("learner")
        .annotate(at=Max("last_activity_at"))
        .values("at")
    )
    return (
        Learner.objects.filter(village__path__startswith=village.path)
        .annotate(
            lessons_done=_count_subquery(lessons),
            courses_done=_count_subquery(local) + _count_subquery(national),
            last_activity=Subquery(last),
        )
        .order_by("sort_name", "pk")
        .values("pk", "full_name", "year_of_birth", "lessons_done", "courses_done", "last_activity")
    )


def village_learners_report(village: Place, period: Period) -> Report:
    columns = [
        Column(pgettext("report header", "Learner")),
        Column(pgettext("report header", "Year of birth"), Kind.INT),
        Column(pgettext("report header", "Lessons completed"), Kind.INT),
        Column(pgettext("report header", "Courses completed"), Kind.INT),
        Column(pgettext("report header", "Last activity"), Kind.DATE),
    ]

    def rows() -> Iterator[Row]:
        learner_url = _learner_url()
        for learner in village_learners_queryset(village, period).iterator(chunk_size=2000):
            yield Row(
                [
                    learner["full_name"],
                    learner["year_of_birth"],
                    learner["lessons_done"],
                    learner["courses_done"],
                    learner["last_activity"],
                ],
                url=learner_url(learner["pk"]),
            )

    return Report(
        title=village.name,
        subtitle=period.label(),
        columns=columns,
        rows=rows(),
        filename=_filename("hoan-thanh", village.name),
        extra={"learner_level": True},
    )


def place_report(place: Place, period: Period) -> Report:
    if place.kind == PlaceKind.VILLAGE:
        return village_learners_report(place, period)
    return place_children_report(place, period)


# --- By course and by target group -----------------------------------------------------


def courses_report(place: Place, period: Period) -> Report:
    """Per course, among the learners of ``place``: how many started it, how
    many completed it in the period, and the share. Local courses first, then
    the national ones: started there means followed our link to it or had a
    certificate verified; completed, a certificate verified in the period."""
    rows = (
        CourseProgress.objects.filter(learner__village__path__startswith=place.path)
        .order_by()
        .values("course_id")
        .annotate(
            started=Count("pk"),
            completed=Count("pk", filter=period.q("completed_at") & Q(completed_at__isnull=False)),
        )
    )
    figures = {row["course_id"]: row for row in rows}
    courses = CoursePage.objects.live().order_by("path").values("pk", "title")
    columns = [
        Column(pgettext("report header", "Course")),
        Column(pgettext("report header", "Learners who started"), Kind.INT),
        Column(pgettext("report header", "Learners who completed it"), Kind.INT),
        Column(pgettext("report header", "Share of those who started"), Kind.PERCENT),
    ]
    body = []
    for course in courses:
        row = figures.get(course["pk"], {})
        started, completed = row.get("started", 0), row.get("completed", 0)
        body.append(Row([course["title"], started, completed, percent(completed, started)]))
    body += _national_course_rows(place, period)
    return Report(
        title=_("Courses in %(place)s") % {"place": place.name},
        subtitle=period.label(),
        columns=columns,
        rows=body,
        filename=_filename("khoa-hoc", place.name),
    )


def _national_course_rows(place: Place, period: Period) -> list[Row]:
    """The courses report's rows for national courses (those in the catalogue
    now, and any other a learner of ``place`` completed)."""
    within = Q(learner__village__path__startswith=place.path)

    def per_course(queryset: QuerySet) -> dict[int, int]:
        rows = queryset.filter(within).order_by().values("course_id").annotate(n=Count("pk"))
        return {row["course_id"]: row["n"] for row in rows}

    visited = NationalCourseVisit.objects.filter(
        learner=OuterRef("learner"), course=OuterRef("course")
    )
    # One row per learner and course in each table: started = visits, and
    # completions by a learner who never followed our link.
    started = per_course(NationalCourseVisit.objects.all())
    for course_id, n in per_course(NationalCompletion.objects.exclude(Exists(visited))).items():
        started[course_id] = started.get(course_id, 0) + n
    completed = per_course(completions_in(period)[1])
    courses = NationalCourse.objects.filter(Q(active=True) | Q(pk__in=list(started))).order_by(
        "title", "pk"
    )
    rows = []
    for course in courses.values("pk", "title", "platform"):
        begun, done = started.get(course["pk"], 0), completed.get(course["pk"], 0)
        title = _("%(title)s (on %(platform)s)") % course
        rows.append(Row([title, begun, done, percent(done, begun)]))
    return rows


def target_groups_report(place: Place, period: Period) -> Report:
    """Per target group, among the learners of ``place``: how many there are
    and how many completed a course in the period. A learner in two groups
    counts in both."""
    # Counted per target group mask (lms.learning.services.target_groups), a few
    # dozen combinations: one scan each, no join with the link table.
    groups = list(TargetGroup.objects.order_by("sort_order", "name").values("pk", "name", "bit"))
    bits = [(group["pk"], group["bit"]) for group in groups]
    learners = Learner.objects.filter(village__path__startswith=place.path).order_by()
    # Who completed a course, local or national, counted once per learner.
    figures = per_group(
        bits,
        learners.values("target_group_mask").annotate(
            n=Count("pk"), done=Count("pk", filter=trained_in(period))
        ),
        "target_group_mask",
        ["n", "done"],
    )
    counts, completed = figures["n"], figures["done"]
    columns = [
        Column(pgettext("report header", "Target group")),
        Column(pgettext("report header", "Learners"), Kind.INT),
        Column(pgettext("report header", "Learners who completed a course"), Kind.INT),
        Column(pgettext("report header", "Share who completed a course"), Kind.PERCENT),
    ]
    body = []
    for group in groups:
        total, done = counts[group["pk"]], completed[group["pk"]]
        body.append(Row([group["name"], total, done, percent(done, total)]))
    return Report(
        title=_("Target groups in %(place)s") % {"place": place.name},
        subtitle=period.label(),
        columns=columns,
        rows=body,
        filename=_filename("nhom-doi-tuong", place.name),
    )
