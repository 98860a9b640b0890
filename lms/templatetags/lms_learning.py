"""What course and lesson pages show a signed-in learner about their own
progress. The courses app knows nothing of learners: lms overrides its page
templates (extending them) and fills the blocks they leave for this.

Anonymous visitors get nothing personal (their pages are cached whole for
everyone), and for a signed-in learner every tag costs a fixed number of
queries, whatever the size of the course.
"""

from __future__ import annotations

import uuid

from django import template

from courses.models import CoursePage, LessonPage
from lms.conf import lms_settings
from lms.learning import grading
from lms.learning.progress import completed_lesson_ids, my_learning, next_lesson
from lms.models import CourseProgress, LessonProgress
from lms.people.selectors import learner_for

register = template.Library()


def _state(request, key, compute):
    """Per-request memo, so two tags on one page share one query."""
    memo = request.__dict__.setdefault("_lms_learning_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def lesson_state(request, lesson: LessonPage):
    learner = learner_for(request.user)
    if learner is None:
        return None
    return _state(
        request,
        ("lesson", lesson.pk),
        lambda: LessonProgress.objects.filter(learner=learner, lesson=lesson).first(),
    )


def course_state(request, course: CoursePage):
    learner = learner_for(request.user)
    if learner is None:
        return None
    return _state(
        request,
        ("course", course.pk),
        lambda: CourseProgress.objects.filter(learner=learner, course=course).first(),
    )


@register.inclusion_tag("lms/includes/lesson_status.html", takes_context=True)
def lesson_status(context):
    """Top of a lesson: done or not yet, and "Listen to this lesson"."""
    request = context["request"]
    page = context["page"]
    learner = learner_for(request.user)
    return {
        "request": request,
        "page": page,
        "learner": learner,
        "signed_in": request.user.is_authenticated,
        "progress": lesson_state(request, page) if learner else None,
    }


@register.inclusion_tag("lms/includes/lesson_actions.html", takes_context=True)
def lesson_actions(context):
    """Bottom of a lesson: the "Mark as done" form, or how to save progress."""
    request = context["request"]
    page = context["page"]
    learner = learner_for(request.user)
    return {
        "request": request,
        "page": page,
        "learner": learner,
        "progress": lesson_state(request, page) if learner else None,
        "event_id": uuid.uuid4(),
        "csrf_token": context.get("csrf_token"),
        "batch_max": lms_settings.RECORD_BATCH_MAX,
    }


@register.inclusion_tag("lms/includes/knowledge_check_controls.html", takes_context=True)
def knowledge_check_controls(context):
    """Inside a knowledge check form for a signed-in learner: the submit
    button, a fresh event id and the feedback on the last attempt."""
    request = context["request"]
    page = context["page"]
    learner = learner_for(request.user)
    result = None
    questions: list[dict] = []
    if learner is not None:
        if isinstance(page, LessonPage):
            progress = lesson_state(request, page)
            result = progress.last_result if progress else None
            questions = page.knowledge_check_questions() if result else []
        elif isinstance(page, CoursePage):
            progress = course_state(request, page)
            result = progress.final_check_last_result if progress else None
            questions = page.final_check_questions() if result else []
    return {
        "request": request,
        "page": page,
        "learner": learner,
        "event_id": uuid.uuid4(),
        "csrf_token": context.get("csrf_token"),
        "result": result or None,
        "feedback": grading.feedback(questions, result) if result else [],
    }


@register.inclusion_tag("lms/includes/course_status.html", takes_context=True)
def course_status(context):
    """On a course page: the learner's progress bar and where to continue."""
    request = context["request"]
    page = context["page"]
    learner = learner_for(request.user)
    progress = course_state(request, page) if learner else None
    following = None
    if progress is not None and progress.completed_at is None:
        following = next_lesson(page, completed_lesson_ids(learner, page))
    return {
        "request": request,
        "page": page,
        "learner": learner,
        "progress": progress,
        "next_lesson": following,
        "batch_max": lms_settings.RECORD_BATCH_MAX,
    }


@register.inclusion_tag("lms/includes/continue_learning.html", takes_context=True)
def continue_learning(context):
    """ "Continue where you left off", for the home page."""
    request = context["request"]
    learner = learner_for(request.user)
    suggestion = my_learning(learner).suggestion if learner else None
    return {"request": request, "suggestion": suggestion}


class _Segment:
    """A run of lesson blocks: either the knowledge check (rendered for each
    learner) or content between checks, the same for everyone."""

    def __init__(self, body, start: int, end: int, check: bool):
        self.body, self.start, self.end, self.check = body, start, end, check

    @property
    def blocks(self):
        # Only touched when the fragment is not cached: no block is converted
        # from its stored form on a cache hit.
        return [self.body[index] for index in range(self.start, self.end)]

    @property
    def block(self):
        return self.body[self.start]


@register.simple_tag(takes_context=True)
def lesson_body_segments(context) -> list[_Segment]:
    """The lesson body cut around its knowledge check, read from the stored
    block types alone, so a signed-in learner's page can cache the rest by
    page revision."""
    body = context["page"].body
    segments: list[_Segment] = []
    start = 0
    raw = list(body.raw_data)
    for index, item in enumerate(raw):
        if item["type"] == "knowledge_check":
            if index > start:
                segments.append(_Segment(body, start, index, False))
            segments.append(_Segment(body, index, index + 1, True))
            start = index + 1
    if start < len(raw):
        segments.append(_Segment(body, start, len(raw), False))
    return segments
