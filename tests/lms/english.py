"""The test client in English, for rooms whose assertions read the source
strings (Vietnamese is the default): a room's conftest.py imports ``client``."""

import pytest


@pytest.fixture
def client(client, settings):
    """Pages in English: the assertions read the source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
