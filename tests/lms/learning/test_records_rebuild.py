"""The event log is enough: rebuilding derived state gives the live state."""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms.models import CourseProgress, LessonProgress, ProgramProgress, Verb
from tests.lms.records_helpers import (
    build_course,
    build_program,
    new_learner,
    record,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db

IGNORED = {"id"}


def snapshot():
    def rows(model, key):
        return sorted(
            ({k: v for k, v in row.items() if k not in IGNORED} for row in model.objects.values()),
            key=lambda row: tuple(row[k] for k in key),
        )

    return {
        "lessons": rows(LessonProgress, ("learner_id", "lesson_id")),
        "courses": rows(CourseProgress, ("learner_id", "course_id")),
        "programs": rows(ProgramProgress, ("learner_id", "program_id")),
    }


def test_rebuild_equals_live_state():
    ago = timezone.now() - datetime.timedelta(days=3)
    anna, binh = new_learner(), new_learner()
    course, lessons = build_course(lessons=2, optional=1, check_lesson=True, final=True)
    _program, program_courses = build_program()
    questions = lessons[1].knowledge_check_questions()
    final = course.final_check_questions()

    record(anna, Verb.OPENED, lesson=lessons[0], when=ago)
    record(anna, lesson=lessons[0], when=ago + datetime.timedelta(minutes=5))
    record(anna, Verb.ANSWERED, lesson=lessons[1], result={"answers": wrong_answers(questions)})
    record(anna, Verb.ANSWERED, lesson=lessons[1], result={"answers": right_answers(questions)})
    record(anna, lesson=lessons[2])
    record(anna, Verb.ANSWERED, course=course, result={"answers": right_answers(final)})
    # Sent late by a phone that was offline: older than what came before it.
    record(anna, lesson=lessons[0], when=ago - datetime.timedelta(days=1), event_id=uuid.uuid4())
    record(binh, Verb.OPENED, lesson=lessons[1])
    for _course, program_lessons in program_courses:
        record(binh, lesson=program_lessons[0])

    live = snapshot()
    assert live["courses"] and live["programs"] and live["lessons"]
    call_command("rebuild_learning_state", stdout=io.StringIO())
    assert snapshot() == live


def test_rebuild_replaces_wrong_derived_state():
    learner = new_learner()
    _course, lessons = build_course(lessons=2)
    record(learner, lesson=lessons[0])
    live = snapshot()
    CourseProgress.objects.update(percentage=0)
    LessonProgress.objects.filter(lesson=lessons[0]).delete()
    call_command("rebuild_learning_state", stdout=io.StringIO())
    assert snapshot() == live


def test_rebuild_equals_live_when_old_evidence_arrives_after_completion():
    learner = new_learner()
    _course, lessons = build_course(lessons=2)
    _program, program_courses = build_program()
    now = timezone.now()
    record(learner, lesson=lessons[0], when=now - datetime.timedelta(hours=1))
    record(learner, lesson=lessons[1], when=now)
    for _c, program_lessons in program_courses:
        record(learner, lesson=program_lessons[0], when=now)
    # The phone that was offline yesterday sends its copy of the last lessons.
    record(learner, lesson=lessons[1], when=now - datetime.timedelta(days=1))
    record(learner, lesson=program_courses[0][1][0], when=now - datetime.timedelta(days=2))
    live = snapshot()
    call_command("rebuild_learning_state", stdout=io.StringIO())
    assert snapshot() == live
