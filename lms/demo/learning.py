"""The demo learner's own learning: one course completed, with the local
certificate it earns, and one course begun, so that "My learning", the
certificate pages and "continue where you left off" show something.

Everything goes through the recording service. Idempotent: the events have
fixed ids, and nothing is recorded again once the first of them exists."""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from courses.models import CoursePage
from lms.learning.services.records import event_record
from lms.models import Learner
from lms.models.records import LearningEvent, Source, Verb

# Fixed namespace: the same lesson and verb always give the same event id.
NAMESPACE = uuid.UUID("6f1d3c1e-9a55-4b59-8a3e-1d2f0c7b9e41")
COMPLETED_COURSE = "nhan-dien-lua-dao"
STARTED_COURSE = "tiet-kiem-so-an-toan"


def _event_id(lesson, verb: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{lesson.slug}:{verb}")


def _lessons(slug: str) -> list:
    course = CoursePage.objects.live().filter(slug=slug).first()
    return [] if course is None else list(course.lesson_pages())


def seed_learning() -> int:
    """Record the demo learner's lessons; returns how many events were new."""
    learner = Learner.objects.filter(user__username="learner").first()
    completed, started = _lessons(COMPLETED_COURSE), _lessons(STARTED_COURSE)
    if learner is None or not completed:
        return 0
    if LearningEvent.objects.filter(pk=_event_id(completed[0], Verb.OPENED)).exists():
        return 0
    # Over the last week and a half, an evening at a time, always in the past:
    # each lesson opened, then its knowledge check answered right (graded by
    # the recording service like any answer).
    when = timezone.now() - datetime.timedelta(days=10)
    steps = [(lesson, verb) for lesson in completed for verb in (Verb.OPENED, Verb.ANSWERED)]
    steps += [(started[0], Verb.OPENED), (started[0], Verb.ANSWERED)] if started else []
    steps += [(started[1], Verb.OPENED)] if len(started) > 1 else []
    for number, (lesson, verb) in enumerate(steps):
        event_record(
            event_id=_event_id(lesson, verb),
            learner=learner,
            verb=verb,
            occurred_at=when + datetime.timedelta(days=number // 2, minutes=5 * (number % 2)),
            source=Source.WEB,
            lesson=lesson,
            result={"answers": _right_answers(lesson)} if verb == Verb.ANSWERED else None,
        )
    return len(steps)


def _right_answers(lesson) -> dict[str, list[str]]:
    return {
        question["id"]: [option["id"] for option in question["options"] if option["correct"]]
        for question in lesson.specific.knowledge_check_questions()
    }
