"""Two identical submissions at the same moment record one event (PostgreSQL)."""

import threading
import uuid

import pytest
from django.db import connection
from django.utils import timezone, translation

from lms.learning.services.records import event_record
from lms.models import CourseProgress, LearningEvent, LessonProgress, Source, Verb
from tests.lms.records_helpers import build_course, new_learner

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _tasks_through_the_worker(tasks):
    """Completions queue certificates and publishing queues summaries: the
    worker runs them (these tests assert on the recording only)."""
    with tasks.run():
        yield


def test_concurrent_duplicates_record_one_event(postgres):
    learner = new_learner()
    course, lessons = build_course(lessons=2)
    event_id = uuid.uuid4()
    when = timezone.now()
    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def submit():
        try:
            barrier.wait()
            outcomes.append(
                event_record(
                    event_id=event_id,
                    learner=learner,
                    verb=Verb.COMPLETED,
                    occurred_at=when,
                    source=Source.WEB,
                    lesson=lessons[0],
                )
            )
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(o.created for o in outcomes) == [False, False, False, True]
    assert LearningEvent.objects.count() == 1
    assert LessonProgress.objects.get(learner=learner).progress == 1
    assert CourseProgress.objects.get(learner=learner, course=course).percentage == 50


def test_concurrent_different_lessons_both_count(postgres):
    learner = new_learner()
    course, lessons = build_course(lessons=2)
    barrier = threading.Barrier(2)
    errors = []

    def submit(lesson):
        try:
            barrier.wait()
            event_record(
                event_id=uuid.uuid4(),
                learner=learner,
                verb=Verb.COMPLETED,
                occurred_at=timezone.now(),
                source=Source.WEB,
                lesson=lesson,
            )
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(lesson,)) for lesson in lessons]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    state = CourseProgress.objects.get(learner=learner, course=course)
    assert state.percentage == 100 and state.completed_at is not None


def test_one_id_sent_by_two_learners_at_once_is_recorded_for_one(postgres):
    """Two learners' phones sending the same event id at the same moment: one
    batch is recorded; the other is refused as a whole, naming the event
    that clashed, and none of its events is kept."""
    from lms.learning.services.records import BatchRejected, events_record_batch

    learners = [new_learner(), new_learner()]
    _course, lessons = build_course(lessons=2)
    shared = str(uuid.uuid4())
    when = timezone.now().isoformat()
    barrier = threading.Barrier(2)
    recorded, refused, errors = [], [], []

    def send(learner):
        events = [
            {"id": str(uuid.uuid4()), "verb": "opened", "lesson": lessons[1].pk},
            {"id": shared, "verb": "completed", "lesson": lessons[0].pk},
        ]
        for event in events:
            event["occurred_at"] = when
        try:
            barrier.wait()
            with translation.override("en"):
                events_record_batch(learner=learner, events=events, source=Source.OFFLINE)
            recorded.append(learner)
        except BatchRejected as rejected:
            refused.append((learner, rejected.errors))
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(learner,)) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(recorded) == 1 and len(refused) == 1
    loser, messages = refused[0]
    assert list(messages) == [1]
    with translation.override("en"):
        assert str(messages[1][0]) == "This event was already recorded with different content."
    assert LearningEvent.objects.filter(learner=loser).count() == 0
    assert LearningEvent.objects.filter(learner=recorded[0]).count() == 2
    assert not LessonProgress.objects.filter(learner=loser).exists()
