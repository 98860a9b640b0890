"""Batches sent by a phone that was offline: validated first, all or nothing."""

import datetime
import uuid

import pytest
from django.utils import timezone

from lms.learning.services.records import BatchRejected, events_record_batch
from lms.models import CourseProgress, LearningEvent, Source
from tests.lms.records_helpers import build_course, new_learner, right_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def event(lesson, verb="completed", **extra):
    return {
        "id": str(uuid.uuid4()),
        "verb": verb,
        "lesson": lesson.pk,
        "occurred_at": (timezone.now() - datetime.timedelta(minutes=10)).isoformat(),
        **extra,
    }


def send(learner, events):
    return events_record_batch(learner=learner, events=events, source=Source.OFFLINE)


def test_a_batch_records_every_event_and_a_replay_changes_nothing(learner):
    course, lessons = build_course(lessons=2, check_lesson=True)
    questions = lessons[1].knowledge_check_questions()
    batch = [
        event(lessons[0], "opened"),
        event(lessons[0]),
        event(lessons[1], "answered", answers=right_answers(questions)),
    ]
    outcomes = send(learner, batch)
    assert [o.created for o in outcomes] == [True, True, True]
    state = CourseProgress.objects.get(learner=learner, course=course)
    assert state.completed_at is not None
    replay = send(learner, batch)
    assert [o.created for o in replay] == [False, False, False]
    assert LearningEvent.objects.count() == 3
    assert LearningEvent.objects.filter(source=Source.OFFLINE).count() == 3
    state.refresh_from_db()
    assert state.percentage == 100


def test_one_bad_event_rejects_the_whole_batch(learner):
    _course, lessons = build_course(lessons=2)
    future = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    batch = [event(lessons[0]), event(lessons[1], occurred_at=future)]
    with pytest.raises(BatchRejected) as caught:
        send(learner, batch)
    assert list(caught.value.errors) == [1]
    assert "in the future" in caught.value.errors[1][0]
    assert not LearningEvent.objects.exists()
    assert not CourseProgress.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "12345"}, "invalid identifier"),
        ({"lesson": 999999}, "does not exist or is not published"),
        ({"lesson": "1"}, "does not exist or is not published"),
        ({"verb": "completed_in_class"}, "cannot be sent from a phone"),
        ({"occurred_at": "yesterday"}, "no valid date"),
    ],
)
def test_bad_events_in_a_batch_are_named(learner, change, message):
    _course, lessons = build_course(lessons=1)
    with pytest.raises(BatchRejected) as caught:
        send(learner, [{**event(lessons[0]), **change}])
    assert message in caught.value.errors[0][0]
    assert not LearningEvent.objects.exists()


def test_events_for_another_learner_are_refused(learner):
    _course, lessons = build_course(lessons=1)
    other = new_learner()
    with pytest.raises(BatchRejected) as caught:
        send(learner, [event(lessons[0], learner=other.pk)])
    assert "your own learning" in caught.value.errors[0][0]
    assert not LearningEvent.objects.exists()


def test_oversized_batches_are_refused(learner, settings):
    settings.HOCVUSO = {**getattr(settings, "HOCVUSO", {}), "RECORD_BATCH_MAX": 3}
    _course, lessons = build_course(lessons=1)
    with pytest.raises(BatchRejected, match="at most 3"):
        send(learner, [event(lessons[0], "opened") for _ in range(4)])
    assert not LearningEvent.objects.exists()


def test_an_unpublished_lesson_in_a_batch_is_refused(learner):
    _course, lessons = build_course(lessons=2)
    lessons[1].unpublish()
    with pytest.raises(BatchRejected) as caught:
        send(learner, [event(lessons[0]), event(lessons[1])])
    assert list(caught.value.errors) == [1]
    assert not LearningEvent.objects.exists()


def test_a_reused_id_with_other_content_rejects_the_batch(learner):
    _course, lessons = build_course(lessons=2)
    first = event(lessons[0])
    send(learner, [first])
    with pytest.raises(BatchRejected) as caught:
        send(learner, [event(lessons[1]), {**first, "lesson": lessons[1].pk}])
    assert "different content" in caught.value.errors[1][0]
    assert LearningEvent.objects.count() == 1


def test_a_batch_costs_the_same_queries_whatever_its_size(learner):
    """A phone back online after a week sends many events at once: recording
    them must not cost a round trip per event, or a village's phones coming
    back together would queue behind each other."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    course, lessons = build_course(lessons=12)

    def queries_for(events):
        with CaptureQueriesContext(connection) as captured:
            outcomes = send(learner, events)
        assert all(outcome.created for outcome in outcomes)
        return len(captured.captured_queries)

    small = queries_for([event(lessons[0], "opened"), event(lessons[1])])
    # Ten lessons opened and completed; the course is still not complete (a
    # completion costs a few statements more, once, for 4T programs and the
    # digital-family summary).
    large = queries_for(
        [event(lesson, verb) for lesson in lessons[2:] for verb in ("opened", "completed")]
    )
    # Ten times the events; at most a statement or two more (rows both
    # inserted and updated in one batch), never one per event.
    assert large <= small + 2
    state = CourseProgress.objects.get(learner=learner, course=course)
    assert (state.lessons_completed, state.percentage) == (11, 91)
    assert state.completed_at is None


def test_what_editors_publish_applies_to_the_next_batch_at_once(learner):
    """The pages' rules are kept in each server process until content
    changes: an unpublished lesson is refused, and a lesson made optional
    stops counting, from the very next batch."""
    course, lessons = build_course(lessons=3)
    # This process now knows both lessons and the rules of their course.
    send(learner, [event(lessons[0]), event(lessons[1], verb="opened")])
    lessons[1].unpublish()
    with pytest.raises(BatchRejected) as rejected:
        send(learner, [event(lessons[1])])
    assert rejected.value.errors == {0: ["This lesson does not exist or is not published."]}
    assert CourseProgress.objects.get(learner=learner, course=course).percentage == 100 // 3
    lessons[2].required = False
    lessons[2].save_revision().publish()
    send(learner, [event(lessons[0], verb="opened")])
    progress = CourseProgress.objects.get(learner=learner, course=course)
    assert progress.percentage == 100
    assert progress.completed_at is not None


def test_a_batch_asks_once_which_content_is_current(learner, monkeypatch):
    """Every cache round trip is time a phone waits for its answer: whatever
    published content a batch looks up (its lessons, their courses, the
    courses' rules), it asks the cache for the content generation once."""
    from django.core.cache import caches

    from courses.cache import GENERATION_KEY, generation

    _course, lessons = build_course(lessons=3)
    generation()  # the counter exists, as on any running site
    backend = caches["default"]
    reads = []
    get, get_many = backend.get, backend.get_many

    def counting_get(key, *args, **kwargs):
        reads.extend([key] if key == GENERATION_KEY else [])
        return get(key, *args, **kwargs)

    def counting_get_many(keys, *args, **kwargs):
        reads.extend([GENERATION_KEY] if GENERATION_KEY in keys else [])
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get", counting_get)
    monkeypatch.setattr(backend, "get_many", counting_get_many)
    outcomes = send(learner, [event(lessons[0], "opened"), event(lessons[1])])
    assert [outcome.created for outcome in outcomes] == [True, True]
    assert reads == [GENERATION_KEY]
