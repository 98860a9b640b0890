"""Signed-in pages are not cached whole, but what they share with everyone
(the route to a page, a lesson's neighbours, the site's identity, the
catalogue link) is kept in the cache: editors' changes still show at once,
and nothing one person sees ever reaches another."""

import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import SiteIdentity
from courses.models import CoursePage
from lms.learning.services.records import event_record
from lms.models import Source, Verb
from tests.conftest import clear_cache
from tests.courses.factories import make_catalogue, make_course, make_lesson
from tests.lms.records_helpers import new_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    course = make_course(make_catalogue(), title="Dùng điện thoại an toàn", slug="an-toan")
    make_lesson(course, title="Bài một", slug="bai-mot")
    make_lesson(course, title="Khóa màn hình", slug="khoa-man-hinh")
    return CoursePage.objects.get(pk=course.pk)


@pytest.fixture
def lesson(course):
    return course.lesson_pages().get(slug="khoa-man-hinh")


@pytest.fixture
def learner_client(client):
    learner = new_learner()
    client.force_login(learner.user)
    client.learner = learner
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_change_shows_at_once_to_a_signed_in_learner(learner_client, lesson):
    assert "Khóa màn hình" in page(learner_client, lesson.url)
    assert "Khóa màn hình" in page(learner_client, lesson.url)  # served from the caches
    lesson.title = "Khóa màn hình bằng mã PIN"
    lesson.body = [("text", "<p>Chọn mã PIN sáu số.</p>")]
    lesson.save_revision().publish()
    html = page(learner_client, lesson.url)
    assert "Khóa màn hình bằng mã PIN" in html
    assert "Chọn mã PIN sáu số." in html


def test_a_cache_that_lost_its_counter_never_brings_back_an_old_page(learner_client, lesson):
    """Pages and parts of pages are also kept in each server process, under
    the content generation: when the cache restarts empty, the counter starts
    again from a number never used, so nothing kept from before comes back."""
    from courses.cache import bump_generation, generation

    assert "Khóa màn hình" in page(learner_client, lesson.url)
    assert "Khóa màn hình" in page(learner_client, lesson.url)
    seen_under = generation()
    lesson.title = "Khóa màn hình bằng vân tay"
    lesson.save_revision().publish()
    assert "Khóa màn hình bằng vân tay" in page(learner_client, lesson.url)
    clear_cache()  # e.g. Redis restarted without its data (only this run's keys)
    while generation() < seen_under:  # later publishes count up from the new start
        bump_generation()
    html = page(learner_client, lesson.url)
    assert "Khóa màn hình bằng vân tay" in html
    assert "<h1>Khóa màn hình</h1>" not in html


def test_a_new_lesson_changes_the_neighbours_at_once(learner_client, course, lesson):
    assert "Bài ba" not in page(learner_client, lesson.url)
    make_lesson(course, title="Bài ba", slug="bai-ba")
    html = page(learner_client, lesson.url)
    assert "Bài ba" in html  # now the next lesson


def test_unpublishing_moving_and_deleting_show_at_once(learner_client, course, lesson):
    url = lesson.url
    page(learner_client, url)
    lesson.unpublish()
    assert learner_client.get(url).status_code == 404
    lesson.save_revision().publish()
    page(learner_client, url)
    other = make_course(course.get_parent(), title="Khóa khác", slug="khoa-khac")
    lesson.move(other, pos="last-child")
    moved = CoursePage.objects.get(pk=other.pk).lesson_pages().get()
    response = learner_client.get(url)  # not the cached lesson: the redirect left behind
    assert response.status_code == 301
    assert response["Location"] == moved.url
    assert "Khóa khác" in page(learner_client, moved.url)
    moved.delete()
    assert learner_client.get(moved.url).status_code == 404


def test_a_view_restriction_added_later_applies_at_once(learner_client, lesson):
    page(learner_client, lesson.url)
    page(learner_client, lesson.url)  # its route is now cached as unrestricted
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    assert 'name="password"' in learner_client.get(lesson.url).content.decode()
    restriction.delete()
    page(learner_client, lesson.url)
    page(learner_client, lesson.url)
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Chỉ cán bộ"))
    assert learner_client.get(lesson.url).status_code == 302


def test_site_identity_changes_show_at_once(learner_client, lesson):
    page(learner_client, lesson.url)
    site = lesson.get_site()
    identity = SiteIdentity.for_site(site)
    identity.organisation = "Ủy ban nhân dân xã Diên Phú"
    identity.save()
    assert "Ủy ban nhân dân xã Diên Phú" in page(learner_client, lesson.url)


def test_one_learners_progress_never_shows_to_another(client, lesson):
    first, second = new_learner(), new_learner()
    client.force_login(second.user)
    page(client, lesson.url)  # caches warmed by the second learner
    event_record(
        event_id=uuid.uuid4(),
        learner=first,
        verb=Verb.COMPLETED,
        occurred_at=timezone.now(),
        source=Source.WEB,
        lesson=lesson,
    )
    client.force_login(first.user)
    done = page(client, lesson.url)
    assert "lesson-status__done" in done
    client.force_login(second.user)
    not_done = page(client, lesson.url)
    assert "lesson-status__done" not in not_done
    assert "data-lms-complete" in not_done  # the second learner can still mark it done


def test_only_editors_see_the_user_bar_and_a_new_editor_at_once(learner_client, lesson):
    assert "wagtail-userbar" not in page(learner_client, lesson.url)
    editors = Group.objects.create(name="Biên tập thử")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    learner_client.learner.user.groups.add(editors)
    assert "wagtail-userbar" in page(learner_client, lesson.url)
    learner_client.learner.user.groups.remove(editors)
    assert "wagtail-userbar" not in page(learner_client, lesson.url)


def test_a_new_editor_gets_the_user_bar_even_when_the_cache_loses_its_counter(
    learner_client, lesson
):
    """Who may edit is kept per account under a counter that every
    permission change bumps. When the cache drops that counter alone (it
    evicts keys under memory pressure), it starts again from a number never
    used, so an answer kept from before a change never counts again."""
    from django.core.cache import cache

    from cms.templatetags.cms_tags import PERMISSIONS_GENERATION_KEY

    cache.delete(PERMISSIONS_GENERATION_KEY)  # evicted
    assert "wagtail-userbar" not in page(learner_client, lesson.url)  # the answer is kept
    editors = Group.objects.create(name="Biên tập thử")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    learner_client.learner.user.groups.add(editors)
    cache.delete(PERMISSIONS_GENERATION_KEY)  # evicted again before the next visit
    assert "wagtail-userbar" in page(learner_client, lesson.url)
