"""Fixtures of the class tests: the pages in English (the assertions read the
source strings). The classes world is built in tests/lms/classes_helpers.py;
a fixture two class modules need goes here."""

from tests.lms.english import client  # noqa: F401
