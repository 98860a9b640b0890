"""Fixtures shared by the certificate tests: the learner who earns them."""

import pytest

from tests.lms.factories import LearnerFactory


@pytest.fixture
def learner(places):
    """Nguyễn Thị Hòa of Khóm 1 (test_certificates_revoked.py names her HOLDER)."""
    return LearnerFactory(village=places["a1"], full_name="Nguyễn Thị Hòa")
