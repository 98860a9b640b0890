"""Fixtures shared by the report tests: the test client in English and the
classes world with learning recorded (tests/lms/classes_helpers.py)."""

import pytest

from tests.lms.classes_helpers import completion_world


@pytest.fixture
def client(client):
    """Pages in English: the assertions read the source strings."""
    client.cookies["hocvuso_language"] = "en"
    return client


@pytest.fixture
def world():
    return completion_world()
