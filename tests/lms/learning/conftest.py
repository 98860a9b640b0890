"""Fixtures shared by the learning tests: a learner in Khóm 1, that learner
signed in, and the messages of this process in English."""

import pytest
from django.utils import translation

from tests.lms.records_helpers import new_learner


@pytest.fixture
def learner(db):
    return new_learner()


@pytest.fixture
def signed_in(client, learner, english_pages):
    """The test client signed in as ``learner``, reading the English interface."""
    client.force_login(learner.user)
    return client


@pytest.fixture
def english_messages():
    """Assertions read the English messages (Vietnamese is the default). A
    module asks for it with ``pytest.mark.usefixtures("english_messages")``."""
    with translation.override("en"):
        yield
