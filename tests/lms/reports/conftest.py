"""Fixtures shared by the report tests: the test client in English and the
classes world with learning recorded (tests/lms/classes_helpers.py)."""

import pytest

from tests.lms.classes_helpers import completion_world
from tests.lms.english import client  # noqa: F401  (the pages in English)


@pytest.fixture
def world():
    return completion_world()
