"""Many learners signing up for the last places at the same moment never
take more places than the event has (PostgreSQL, real connections)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from lms.events.services import event_signup
from lms.models import EventRegistration
from tests.lms.events.helpers import make_event
from tests.lms.factories import LearnerFactory, place_tree

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _tasks_through_the_worker(tasks):
    """Publishing the event queues the content summaries: the worker runs them."""
    with tasks.run():
        yield


SIGNING_UP = 8
CAPACITY = 3


def test_concurrent_sign_ups_never_exceed_the_capacity(postgres):
    places = place_tree()
    event = make_event(capacity=CAPACITY, place=places["commune_a"])
    learners = [LearnerFactory(village=places["a1"]) for _ in range(SIGNING_UP)]
    barrier = threading.Barrier(SIGNING_UP)
    signed, refused, errors = [], [], []

    def sign_up(learner):
        try:
            barrier.wait()
            event_signup(event=event, learner=learner)
            signed.append(learner.pk)
        except ValidationError as error:
            refused.append(error.code)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(learner,)) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(signed) == CAPACITY
    assert refused == ["full"] * (SIGNING_UP - CAPACITY)
    assert EventRegistration.objects.filter(event=event).count() == CAPACITY
