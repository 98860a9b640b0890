"""Recording learning events: completion rules, idempotency, append-only log."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.models import (
    AppendOnlyError,
    CourseProgress,
    LearningEvent,
    LessonProgress,
    ProgramProgress,
    Source,
    Verb,
)
from lms.signals import course_completed, program_completed
from tests.lms.records_helpers import (
    build_course,
    build_program,
    new_learner,
    record,
    right_answers,
    wrong_answers,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def completions():
    received = []

    def on_course(sender, **kwargs):
        received.append(("course", kwargs["course"].pk, kwargs["learner"].pk))

    def on_program(sender, **kwargs):
        received.append(("program", kwargs["program"].pk, kwargs["learner"].pk))

    course_completed.connect(on_course)
    program_completed.connect(on_program)
    yield received
    course_completed.disconnect(on_course)
    program_completed.disconnect(on_program)


def progress(learner, course):
    return CourseProgress.objects.get(learner=learner, course=course)


def test_marking_a_lesson_done_completes_it_and_moves_the_course_on(learner):
    course, lessons = build_course(lessons=3)
    outcome = record(learner, lesson=lessons[0])
    assert outcome.created
    lesson_progress = LessonProgress.objects.get(learner=learner, lesson=lessons[0])
    assert lesson_progress.progress == 1
    assert lesson_progress.completed_at == outcome.event.occurred_at
    assert progress(learner, course).percentage == 33
    assert progress(learner, course).completed_at is None


def test_opening_a_lesson_starts_it_without_completing_it(learner):
    course, lessons = build_course(lessons=2)
    record(learner, Verb.OPENED, lesson=lessons[1])
    lesson_progress = LessonProgress.objects.get(learner=learner, lesson=lessons[1])
    assert lesson_progress.progress == 0
    assert lesson_progress.completed_at is None
    assert progress(learner, course).percentage == 0
    assert progress(learner, course).last_lesson_id == lessons[1].pk


def test_course_without_final_check_completes_with_its_required_lessons(
    learner, completions, tasks
):
    course, lessons = build_course(lessons=2, optional=1)
    with tasks.run():
        record(learner, lesson=lessons[0])
        record(learner, lesson=lessons[1])
    state = progress(learner, course)
    assert state.percentage == 100
    assert state.completed_at is not None
    # The optional lesson is not needed, and the signal went out once.
    assert completions == [("course", course.pk, learner.pk)]


def test_completion_time_is_set_once_on_the_transition(learner, completions, tasks):
    course, lessons = build_course(lessons=1, optional=1)
    first = timezone.now() - datetime.timedelta(hours=2)
    with tasks.run():
        record(learner, lesson=lessons[0], when=first)
        record(learner, lesson=lessons[1])
        record(learner, lesson=lessons[0])
    assert progress(learner, course).completed_at == first
    assert completions == [("course", course.pk, learner.pk)]


def test_course_with_final_check_needs_the_check_passed(learner, completions, tasks):
    course, lessons = build_course(lessons=1, final=True)
    questions = course.final_check_questions()
    with tasks.run():
        record(learner, lesson=lessons[0])
    assert progress(learner, course).percentage == 50
    record(learner, Verb.ANSWERED, course=course, result={"answers": wrong_answers(questions)})
    state = progress(learner, course)
    assert state.completed_at is None
    assert state.final_check_best_score == 0
    with tasks.run():
        record(learner, Verb.ANSWERED, course=course, result={"answers": right_answers(questions)})
    state = progress(learner, course)
    assert state.completed_at is not None
    assert state.final_check_best_score == 100
    assert completions == [("course", course.pk, learner.pk)]


def test_passing_a_lessons_knowledge_check_completes_the_lesson(learner):
    course, lessons = build_course(lessons=1, check_lesson=True)
    lesson = lessons[0]
    questions = lesson.knowledge_check_questions()
    failed = record(
        learner, Verb.ANSWERED, lesson=lesson, result={"answers": wrong_answers(questions)}
    )
    assert failed.event.result["success"] is False
    assert failed.event.result["score"] == 0
    state = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert state.completed_at is None and state.attempts == 1
    passed = record(
        learner, Verb.ANSWERED, lesson=lesson, result={"answers": right_answers(questions)}
    )
    assert passed.event.result == {
        "answers": right_answers(questions),
        "correct": [q["id"] for q in questions],
        "score": 100,
        "success": True,
        "pass_mark": 50,
    }
    state.refresh_from_db()
    assert state.completed_at is not None and state.attempts == 2 and state.best_score == 100
    assert progress(learner, course).completed_at is not None


def test_a_client_cannot_claim_a_pass(learner):
    _course, lessons = build_course(lessons=1, check_lesson=True)
    questions = lessons[0].knowledge_check_questions()
    outcome = record(
        learner,
        Verb.ANSWERED,
        lesson=lessons[0],
        result={"answers": wrong_answers(questions), "success": True, "score": 100},
    )
    assert outcome.event.result["success"] is False
    assert LessonProgress.objects.get(learner=learner).completed_at is None


def test_completed_in_class_completes_the_lesson(learner, admin_user):
    course, lessons = build_course(lessons=1)
    outcome = record(
        learner,
        Verb.COMPLETED_IN_CLASS,
        lesson=lessons[0],
        source=Source.CLASS,
        recorded_by=admin_user,
    )
    assert outcome.event.recorded_by == admin_user
    assert progress(learner, course).completed_at is not None


def test_four_t_program_completes_when_every_pillar_has_a_completed_course(
    learner, completions, tasks
):
    program, courses = build_program()
    for _course, lessons in courses[:3]:
        record(learner, lesson=lessons[0])
    state = ProgramProgress.objects.get(learner=learner, program=program)
    assert (state.pillars_completed, state.pillars_total, state.completed_at) == (3, 4, None)
    with tasks.run():
        record(learner, lesson=courses[3][1][0])
    state.refresh_from_db()
    assert state.pillars_completed == 4 and state.completed_at is not None
    assert ("program", program.pk, learner.pk) in completions
    assert [c for c in completions if c[0] == "program"] == [("program", program.pk, learner.pk)]


def test_recording_the_same_event_twice_changes_nothing(learner):
    course, lessons = build_course(lessons=2)
    event_id = uuid.uuid4()
    first = record(learner, lesson=lessons[0], event_id=event_id)
    again = record(learner, lesson=lessons[0], event_id=event_id)
    assert first.created and not again.created
    assert again.event.pk == first.event.pk
    assert LearningEvent.objects.count() == 1
    assert progress(learner, course).percentage == 50


def test_the_same_id_with_different_content_is_refused(learner):
    _course, lessons = build_course(lessons=2)
    event_id = uuid.uuid4()
    record(learner, lesson=lessons[0], event_id=event_id)
    with pytest.raises(ValidationError, match="different content"):
        record(learner, lesson=lessons[1], event_id=event_id)
    other = new_learner()
    with pytest.raises(ValidationError, match="different content"):
        record(other, lesson=lessons[0], event_id=event_id)
    assert LearningEvent.objects.count() == 1
    assert not LessonProgress.objects.filter(lesson=lessons[1]).exists()


def test_the_log_is_append_only(learner):
    _course, lessons = build_course(lessons=1)
    event = record(learner, lesson=lessons[0]).event
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        LearningEvent.objects.filter(pk=event.pk).update(verb=Verb.OPENED)
    with pytest.raises(AppendOnlyError):
        LearningEvent.objects.all().delete()
    assert LearningEvent.objects.get().verb == Verb.COMPLETED


def test_events_survive_account_deletion_as_anonymous_counts(learner):
    _course, lessons = build_course(lessons=1)
    record(learner, lesson=lessons[0])
    village = learner.village
    learner.user.delete()
    event = LearningEvent.objects.get()
    assert event.learner is None
    assert event.village == village
    assert not CourseProgress.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"event_id": "not-a-uuid"}, "invalid identifier"),
        ({"when": timezone.now() + datetime.timedelta(days=1)}, "in the future"),
        ({"verb": "danced"}, "not known"),
    ],
)
def test_bad_events_are_refused_and_nothing_is_recorded(learner, change, message):
    _course, lessons = build_course(lessons=1)
    with pytest.raises(ValidationError, match=message):
        record(learner, lesson=lessons[0], **change)
    assert not LearningEvent.objects.exists()
    assert not LessonProgress.objects.exists()


def test_a_small_clock_drift_is_accepted(learner):
    _course, lessons = build_course(lessons=1)
    assert record(
        learner, lesson=lessons[0], when=timezone.now() + datetime.timedelta(minutes=2)
    ).created


def test_unpublished_lessons_are_refused(learner):
    _course, lessons = build_course(lessons=2)
    lessons[1].unpublish()
    lessons[1].refresh_from_db()
    with pytest.raises(ValidationError, match="not published"):
        record(learner, lesson=lessons[1])
    assert not LearningEvent.objects.exists()


def test_answers_that_are_not_options_are_refused(learner):
    _course, lessons = build_course(lessons=1, check_lesson=True)
    questions = lessons[0].knowledge_check_questions()
    answers = right_answers(questions)
    answers[questions[0]["id"]] = [str(uuid.uuid4())]
    with pytest.raises(ValidationError, match="not one of the options"):
        record(learner, Verb.ANSWERED, lesson=lessons[0], result={"answers": answers})
    with pytest.raises(ValidationError, match="Answer every question"):
        record(learner, Verb.ANSWERED, lesson=lessons[0], result={"answers": {}})
    assert not LearningEvent.objects.exists()


def test_answering_a_lesson_without_a_check_is_refused(learner):
    _course, lessons = build_course(lessons=1)
    with pytest.raises(ValidationError, match="no knowledge check"):
        record(learner, Verb.ANSWERED, lesson=lessons[0], result={"answers": {}})


def test_deleting_the_account_keeps_the_events_without_the_learner(learner):
    from lms.people.services import account_delete

    _course, lessons = build_course(lessons=1)
    record(learner, lesson=lessons[0])
    account_delete(user=learner.user)
    event = LearningEvent.objects.get()
    assert event.learner_id is None and event.village_id is not None
    assert not LessonProgress.objects.exists()


def test_the_admin_shows_the_log_read_only(admin_client, admin_user, learner):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(admin_user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # staff need a second factor
    _course, lessons = build_course(lessons=1)
    event = record(learner, lesson=lessons[0]).event
    assert admin_client.get("/django-admin/lms/learningevent/").status_code == 200
    change = admin_client.post(
        f"/django-admin/lms/learningevent/{event.pk}/change/", {"verb": "opened"}
    )
    assert change.status_code == 403
    delete = admin_client.post(
        f"/django-admin/lms/learningevent/{event.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert LearningEvent.objects.get().verb == Verb.COMPLETED
