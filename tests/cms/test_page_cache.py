"""The anonymous whole-page cache: fast for the public, never personal."""

import pytest
from django.contrib.auth import get_user_model

from courses.models import CoursePage
from tests.courses.factories import NationalCourseFactory, make_catalogue, make_course, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(db):
    course = make_course(make_catalogue(), title="Dùng điện thoại an toàn")
    return make_lesson(course, title="Khóa màn hình", slug="khoa-man-hinh")


def test_second_anonymous_view_is_a_hit_with_no_queries(client, lesson, django_assert_num_queries):
    first = client.get(lesson.url)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(lesson.url)
    assert second["X-Cache"] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_query_strings_and_languages_are_cached_apart(client, lesson):
    catalogue = lesson.get_parent().get_parent()
    assert client.get(catalogue.url, {"q": "khoa"})["X-Cache"] == "miss"
    assert client.get(catalogue.url, {"q": "dien"})["X-Cache"] == "miss"
    assert client.get(catalogue.url, {"q": "khoa"})["X-Cache"] == "hit"
    client.cookies["hocvuso_language"] = "en"
    english = client.get(catalogue.url, {"q": "khoa"})
    assert english["X-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode()


def test_publishing_shows_at_once(client, lesson):
    client.get(lesson.url)
    lesson.title = "Khóa màn hình bằng mã PIN"
    lesson.save_revision().publish()
    response = client.get(lesson.url)
    assert response["X-Cache"] == "miss"
    assert "Khóa màn hình bằng mã PIN" in response.content.decode()


def test_unpublishing_shows_at_once(client, lesson):
    assert client.get(lesson.url).status_code == 200
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_moving_shows_at_once(client, lesson):
    old_url = lesson.url
    other = make_course(lesson.get_parent().get_parent(), title="Khóa khác", slug="khoa-khac")
    client.get(old_url)
    course_url = lesson.get_parent().url
    assert "Khóa màn hình" in client.get(course_url).content.decode()
    lesson.move(other, pos="last-child")
    moved = CoursePage.objects.get(pk=other.pk).lesson_pages().get()
    # Not the cached lesson: Wagtail's redirect from the old address.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == moved.url
    assert "Khóa màn hình" not in client.get(course_url).content.decode()
    assert client.get(moved.url).status_code == 200


def test_deleting_shows_at_once(client, lesson):
    client.get(lesson.url)
    lesson.delete()
    assert client.get(lesson.url).status_code == 404


def test_national_course_changes_show_at_once(client, lesson):
    catalogue = lesson.get_parent().get_parent()
    course = NationalCourseFactory(title="Kỹ năng số cơ bản")
    assert "Kỹ năng số cơ bản" in client.get(catalogue.url).content.decode()
    course.title = "Kỹ năng số nâng cao"
    course.save()
    assert "Kỹ năng số nâng cao" in client.get(catalogue.url).content.decode()


def test_signed_in_users_never_get_or_leave_the_anonymous_copy(client, lesson):
    user = get_user_model().objects.create_user("hocvien", "hv@example.vn", "x")
    anonymous = client.get(lesson.url)
    assert anonymous["X-Cache"] == "miss"
    assert "Sign out" not in anonymous.content.decode()

    client.force_login(user)
    signed_in = client.get(lesson.url)
    assert "X-Cache" not in signed_in
    signed_in_html = signed_in.content.decode()
    assert "/accounts/logout/" in signed_in_html

    client.logout()
    client.cookies.clear()
    again = client.get(lesson.url)
    assert again["X-Cache"] == "hit"
    assert "/accounts/logout/" not in again.content.decode()
    assert again.content == anonymous.content


def test_a_signed_in_render_is_never_stored_for_anonymous_visitors(client, lesson):
    user = get_user_model().objects.create_user("hocvien", "hv@example.vn", "x")
    client.force_login(user)
    client.get(lesson.url)
    client.logout()
    client.cookies.clear()
    response = client.get(lesson.url)
    assert response["X-Cache"] == "miss"
    assert "/accounts/logout/" not in response.content.decode()


def test_only_public_200_pages_are_cached(client, lesson):
    assert "X-Cache" not in client.get("/healthz")
    assert client.get("/khong-co-trang-nay/").status_code == 404
    assert "X-Cache" not in client.get("/khong-co-trang-nay/")
    assert "X-Cache" not in client.post(lesson.url)


def test_responses_that_set_cookies_are_not_cached(client, lesson, settings):
    # A page that puts a CSRF token in the form sets the CSRF cookie.
    from django.middleware.csrf import get_token

    from courses.models import LessonPage

    original = LessonPage.serve

    def serve_with_token(self, request, *args, **kwargs):
        get_token(request)
        return original(self, request, *args, **kwargs)

    LessonPage.serve = serve_with_token
    try:
        assert "X-Cache" not in client.get(lesson.url)
        assert "X-Cache" not in client.get(lesson.url)
    finally:
        LessonPage.serve = original


def test_the_cache_can_be_turned_off(client, lesson, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    client.get(lesson.url)
    assert "X-Cache" not in client.get(lesson.url)
