"""Reads of one learner's own progress, for the pages they see.

Each function costs a fixed number of queries whatever the size of a course
or of the learner's history, so the signed-in lesson page stays as cheap as
a bare page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from courses.models import CoursePage, LessonPage
from lms.models import CourseProgress, Learner, LessonProgress
from lms.people.selectors import LEARNER_CACHE


def lesson_progress_for(user, lesson: LessonPage) -> LessonProgress | None:
    """A signed-in account's progress in a lesson, with its learner profile
    in the same query (remembered as
    :func:`lms.people.selectors.learner_for` does): once a lesson
    has been opened, showing it again costs one query for both."""
    if not getattr(user, "is_authenticated", False):
        return None
    learner = getattr(user, LEARNER_CACHE, False)
    if learner is not False:
        return lesson_progress(learner, lesson) if learner is not None else None
    # At most one row (learner and lesson are unique together): no ordering needed.
    found = list(
        LessonProgress.objects.filter(learner__user=user, lesson=lesson)
        .select_related("learner")
        .order_by()[:1]
    )
    progress = found[0] if found else None
    if progress is not None:
        setattr(user, LEARNER_CACHE, progress.learner)
    return progress


def lesson_progress(learner: Learner, lesson: LessonPage) -> LessonProgress | None:
    return LessonProgress.objects.filter(learner=learner, lesson=lesson).first()


def course_progress(learner: Learner, course: CoursePage) -> CourseProgress | None:
    return CourseProgress.objects.filter(learner=learner, course=course).first()


def completed_lesson_ids(learner: Learner, course: CoursePage) -> set[int]:
    return set(
        LessonProgress.objects.filter(
            learner=learner, course=course, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )


def next_lesson(course: CoursePage, done: set[int]) -> LessonPage | None:
    """The first live lesson, in the editors' order, that is not done yet:
    required lessons first, then optional ones."""
    lessons = list(course.lesson_pages().only("id", "title", "path", "url_path", "required"))
    for lesson in lessons:
        if lesson.required and lesson.pk not in done:
            return lesson
    return next((lesson for lesson in lessons if lesson.pk not in done), None)


@dataclass
class CourseSummary:
    progress: CourseProgress
    course: CoursePage
    next_lesson: LessonPage | None = None


@dataclass
class MyLearning:
    in_progress: list[CourseSummary] = field(default_factory=list)
    completed: list[CourseSummary] = field(default_factory=list)

    @property
    def suggestion(self) -> CourseSummary | None:
        """Where to continue: the course touched most recently."""
        return next((s for s in self.in_progress if s.next_lesson), None)


def my_learning(learner: Learner) -> MyLearning:
    """Courses in progress (most recent first, each with its next lesson) and
    completed courses. Queries: two, plus one for the lessons and one for the
    completed lessons of all courses in progress."""
    rows = list(
        CourseProgress.objects.filter(learner=learner, course__live=True)
        .select_related("course")
        .order_by("-last_activity_at")
    )
    result = MyLearning()
    open_ids = [row.course_id for row in rows if row.completed_at is None]
    lessons_by_course: dict[int, list[LessonPage]] = {cid: [] for cid in open_ids}
    done: set[int] = set()
    if open_ids:
        paths = {row.course.path: row.course_id for row in rows if row.course_id in open_ids}
        steplen = CoursePage.steplen
        children = Q()
        for row in rows:
            if row.course_id in open_ids:
                children |= Q(path__startswith=row.course.path, depth=row.course.depth + 1)
        lessons = (
            LessonPage.objects.live()
            .filter(children)
            .only("id", "title", "path", "url_path", "required")
            .order_by("path")
        )
        for lesson in lessons:
            course_id = paths.get(lesson.path[:-steplen])
            if course_id is not None:
                lessons_by_course[course_id].append(lesson)
        done = set(
            LessonProgress.objects.filter(
                learner=learner, course_id__in=open_ids, completed_at__isnull=False
            ).values_list("lesson_id", flat=True)
        )
    for row in rows:
        summary = CourseSummary(progress=row, course=row.course)
        if row.completed_at is None:
            lessons = lessons_by_course.get(row.course_id, [])
            summary.next_lesson = next(
                (lsn for lsn in lessons if lsn.required and lsn.pk not in done),
                next((lsn for lsn in lessons if lsn.pk not in done), None),
            )
            result.in_progress.append(summary)
        else:
            result.completed.append(summary)
    result.completed.sort(key=lambda s: s.progress.completed_at, reverse=True)
    return result
