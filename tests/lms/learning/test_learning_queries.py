"""A signed-in learner's pages cost the same number of queries however large
the course (and the learner's history) is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.lms.records_helpers import build_course, new_learner, record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Count this page's queries, not a shared cache server's evictions (a
    run sharing Redis may flush it mid-test and cost one Wagtail query)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lms-learning-queries",
        }
    }


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_lesson_page_queries_do_not_grow_with_course_size(client):
    learner = new_learner()
    client.force_login(learner.user)
    _small, small_lessons = build_course("Khóa nhỏ", lessons=2, check_lesson=True)
    _big, big_lessons = build_course("Khóa lớn", lessons=25, check_lesson=True)
    for lesson in small_lessons[:1] + big_lessons[:20]:
        record(learner, lesson=lesson)
    small = count_queries(client, small_lessons[-1].url)
    big = count_queries(client, big_lessons[-1].url)
    assert big == small
    # The account, the page and the learner's progress with their profile:
    # the route, the lesson's neighbours and the body come from the cache.
    assert small <= 3, small
    # Later visits do not load the page again: each process keeps it until
    # content changes.
    assert count_queries(client, small_lessons[-1].url) <= 2


def test_course_page_and_my_learning_queries_do_not_grow(client):
    learner = new_learner()
    client.force_login(learner.user)
    small, small_lessons = build_course("Khóa nhỏ", lessons=2)
    big, big_lessons = build_course("Khóa lớn", lessons=25)
    record(learner, lesson=small_lessons[0])
    for lesson in big_lessons[:20]:
        record(learner, lesson=lesson)
    assert count_queries(client, big.url) == count_queries(client, small.url)

    before = count_queries(client, reverse("lms:my_learning"))
    for number in range(3):
        _course, lessons = build_course(f"Khóa thêm {number}", lessons=3)
        record(learner, lesson=lessons[0])
    assert count_queries(client, reverse("lms:my_learning")) == before
