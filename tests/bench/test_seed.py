"""The content the benchmark rows measure: created idempotently, and the bare
page and the lesson carry the same text, so their ratio compares like with like."""

import pytest
from django.test import Client

from bench import content, seed
from cms.models import BarePage

pytestmark = pytest.mark.django_db


def seed_all() -> dict[str, str]:
    paths: dict[str, str] = {}
    for seeder in seed.SEEDERS:
        paths.update(seeder())
    return paths


def test_seeding_twice_changes_nothing(demo_site):
    from courses.models import LessonPage

    first = seed_all()
    counts = (BarePage.objects.count(), LessonPage.objects.count())
    assert seed_all() == first
    assert (BarePage.objects.count(), LessonPage.objects.count()) == counts
    assert {"bare", "home", "lesson", "lesson_demo", "catalogue"} <= set(first)


def test_bare_page_and_lesson_show_the_same_text(client, demo_site):
    paths = seed_all()
    bare = client.get(paths["bare"])
    lesson = client.get(paths["lesson"])
    assert bare.status_code == lesson.status_code == 200
    for heading, paragraphs in content.SECTIONS:
        for text in [heading, *paragraphs]:
            assert text in bare.content.decode()
            assert text in lesson.content.decode()
    assert content.word_count(content.body_html()) >= 1500


def test_minimal_view_is_left_out_when_benchmark_views_are_off(demo_site):
    assert seed.seed_minimal() == {}


def test_session_cookie_signs_the_row_in(demo_site):
    name, value = seed.session_cookie("learner").split("=", 1)
    browser = Client()
    browser.cookies[name] = value
    html = browser.get("/").content.decode()
    assert "/accounts/logout/" in html
