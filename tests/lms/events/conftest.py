import pytest

from tests.lms.english import client  # noqa: F401
from tests.lms.events.helpers import event_world


@pytest.fixture
def world(db):
    return event_world()
