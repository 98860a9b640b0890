"""Fixtures of the national-course tests: a national course, two learners in
two villages, and a trainer of each."""

import pytest

from lms.models import Role
from tests.courses.factories import NationalCourseFactory
from tests.lms.factories import staff
from tests.lms.national.helpers import make_learner


@pytest.fixture
def course(db):
    return NationalCourseFactory(title="Kỹ năng số cơ bản", certificate_hint="Mục Chứng nhận")


@pytest.fixture
def lan(places):
    return make_learner(places["a1"], "lan", phone="+84912000001")


@pytest.fixture
def binh(places):
    return make_learner(places["b1"], "binh", email="binh@example.vn")


@pytest.fixture
def trainer_a(places):
    return staff(Role.TRAINER, places["a1"], "trainer-a")


@pytest.fixture
def trainer_b(places):
    return staff(Role.TRAINER, places["b1"], "trainer-b")
