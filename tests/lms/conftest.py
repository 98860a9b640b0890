import pytest
import time_machine

from lms import messaging
from tests.lms.classes_helpers import DATA_TODAY
from tests.lms.factories import place_tree


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


@pytest.fixture
def clock_in_data_year():
    """The clock at ``DATA_TODAY``, still ticking: for a test whose figures
    count accounts made now within the year of its fixed dates. Request it
    before the fixtures that make the accounts (``usefixtures`` does)."""
    with time_machine.travel(DATA_TODAY, tick=True):
        yield
