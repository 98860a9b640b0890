import pytest

from lms import messaging

from .factories import place_tree


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    messaging.outbox.clear()
    yield
    messaging.outbox.clear()


@pytest.fixture
def places(db):
    return place_tree()


@pytest.fixture
def sms_outbox():
    return messaging.outbox
