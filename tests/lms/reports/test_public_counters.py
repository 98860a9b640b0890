"""The home page's public counters: what they count, for the whole site, and
when they change."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cms.models import HomePage
from lms.certificates.services import certificate_revoke
from lms.learning.services.digital_families import skills_rebuild
from lms.models import Certificate, Learner, SummaryState
from lms.people.services.people import household_create
from lms.reports.counters import CACHE_KEY, public_counters, public_counters_count
from tests.cache_ttl import seconds_left
from tests.courses.factories import make_course
from tests.lms.classes_helpers import JUNE, complete
from tests.lms.factories import LearnerFactory, staff

pytestmark = pytest.mark.django_db


def figures(counters) -> tuple[int, int, int, int]:
    return (
        counters.learners,
        counters.courses_completed,
        counters.certificates,
        counters.digital_families,
    )


@pytest.fixture
def world(request, tasks):
    """The indicators' world (tests/lms/conftest.py), its certificates issued:
    six learners; Lan (Khóm 1) and Mai (commune B) completed the course, each
    with a local certificate; Lan's national certificate approved; the course
    teaches both basic skills, so Lan's household is a digital family."""
    with tasks.run():
        world = request.getfixturevalue("indicators_world")
    skills_rebuild()
    return world


def test_counters_count_the_whole_site(world):
    # Learners of both communes; the national certificate was approved
    # without a recorded completion, so it counts as a certificate only.
    assert figures(public_counters()) == (6, 2, 3, 1)
    assert Certificate.objects.count() == 2


def test_a_completion_recorded_shows_at_once(world, tasks):
    assert figures(public_counters()) == (6, 2, 3, 1)
    hoa = world.learners_a1[2]
    with tasks.run():
        complete(hoa, world.lessons, JUNE)
    # One more course completed, and its certificate issued.
    assert figures(public_counters()) == (6, 3, 4, 1)
    with tasks.run():
        hoa.household = household_create(village=world.places["a1"], name="Hộ bà Hoa")
        hoa.save()
    assert public_counters().digital_families == 2


def test_a_lesson_that_completes_nothing_keeps_the_counters(world, tasks):
    counted = public_counters()
    with tasks.run():
        complete(world.learners_a1[2], world.lessons[:1], JUNE)
    assert public_counters() == counted


def test_a_revoked_certificate_no_longer_counts(world, tasks):
    assert public_counters().certificates == 3
    manager = staff("manager", world.places["province"], username="quan-ly-tinh")
    with tasks.run():
        certificate_revoke(
            certificate=Certificate.objects.first(), by=manager, reason="Ghi nhận nhầm."
        )
    assert public_counters().certificates == 2


def new_learners(village, count: int) -> None:
    """Learners imported in bulk (no signal is sent for them)."""
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"nhap-{village.pk}-{n}") for n in range(count)]
    )
    Learner.objects.bulk_create(
        [Learner(user=user, full_name="Người học mới", village=village) for user in users]
    )


def test_publishing_or_unpublishing_a_page_counts_again(world, tasks):
    assert public_counters().learners == 6
    new_learners(world.places["b2"], 2)
    assert public_counters().learners == 6  # the copy stands...
    with tasks.run():
        course = make_course(world.course.get_parent(), title="Khóa học mới")
    assert public_counters().learners == 8  # ...until a page is published
    new_learners(world.places["b1"], 1)
    with tasks.run():
        course.unpublish()
    assert public_counters().learners == 9


def test_the_counters_are_kept_no_longer_than_the_setting(world, settings):
    settings.HOCVUSO = {**settings.HOCVUSO, "PUBLIC_COUNTERS_SECONDS": 30}
    counters = public_counters()
    assert 0 < seconds_left(CACHE_KEY) <= 30
    assert 1 <= counters.fresh_for() <= 30


def test_digital_families_are_counted_without_the_summary_too(world, tasks):
    assert public_counters_count().digital_families == 1
    SummaryState.objects.all().delete()  # e.g. an editor changed a course's skill areas
    with tasks.run():
        assert public_counters_count().digital_families == 1


def test_counting_costs_a_fixed_number_of_queries(world, django_assert_num_queries):
    # Four counts, the digital-family summary's definition checked (three), its count.
    with django_assert_num_queries(8):
        public_counters_count()
    LearnerFactory.create_batch(5, village=world.places["a2"])
    with django_assert_num_queries(8):
        assert public_counters_count().learners == 11
    public_counters()
    with django_assert_num_queries(0):
        public_counters()


def test_the_home_page_shows_the_counters_with_the_languages_separators(world, client):
    new_learners(world.places["a1"], 1228)
    url = HomePage.objects.get().url
    english = client.get(url).content.decode()  # this room's client reads English
    assert '<span class="counter__value">1,234</span> <span class="counter__label">learners' in (
        english
    )
    vietnamese = Client().get(url).content.decode()
    assert '<span class="counter__value">1.234</span> <span class="counter__label">người học' in (
        vietnamese
    )
