"""The home page: the movement, featured courses and the 4T program, the
counters, and the sections the events and news parts fill."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms import cache as page_cache
from cms.demo import seed_site
from cms.models import HomeFeaturedCourse, HomePage
from courses.models import FourTProgramPage
from lms.conf import lms_settings
from lms.reports.counters import CACHE_KEY
from tests.cache_ttl import seconds_left
from tests.courses.factories import make_catalogue, make_course, publish, with_authenticator

pytestmark = pytest.mark.django_db


def feature(home: HomePage, courses) -> HomePage:
    home = HomePage.objects.get(pk=home.pk)
    home.featured_courses = [
        HomeFeaturedCourse(course=course, sort_order=order) for order, course in enumerate(courses)
    ]
    home.save_revision().publish()
    return home


def card_titles(response) -> list[str]:
    html = response.content.decode()
    section = html[html.index('id="home-courses"') :]
    section = section[: section.index("</section>")]
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>', section)


@pytest.fixture
def site():
    home = seed_site()
    catalogue = make_catalogue()
    program = publish(
        catalogue,
        FourTProgramPage(
            title="Chợ số – Nông thôn số: mô hình 4T",
            slug="mo-hinh-4t",
            intro="<p>Bốn trụ cột cho tiểu thương.</p>",
        ),
    )
    courses = [
        make_course(catalogue, title=title, summary=f"Tóm tắt {title}", estimated_minutes=45)
        for title in ("Dùng điện thoại an toàn", "Dịch vụ công trực tuyến", "Nhận diện lừa đảo")
    ]
    home = HomePage.objects.get(pk=home.pk)
    home.movement_heading = "“Bình dân học vụ số” là gì?"
    home.movement_text = "<p>Phong trào toàn dân học kỹ năng số.</p>"
    home.four_t_program = program
    home.save_revision().publish()
    return feature(home, [courses[2], courses[0], courses[1]]), program, courses


def test_home_page_shows_the_movement_the_program_and_courses_in_the_editors_order(client, site):
    _home, program, _courses = site
    response = client.get("/")
    html = response.content.decode()
    assert "“Bình dân học vụ số” là gì?" in html
    assert "Phong trào toàn dân học kỹ năng số." in html
    assert card_titles(response) == [
        program.title,
        "Nhận diện lừa đảo",
        "Dùng điện thoại an toàn",
        "Dịch vụ công trực tuyến",
    ]
    assert "Tóm tắt Nhận diện lừa đảo" in html
    assert "khoảng 45 phút" in html
    assert "Bốn trụ cột cho tiểu thương." in html


def test_an_unpublished_course_or_program_is_not_shown_even_from_the_page_cache(client, site):
    _home, program, courses = site
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"
    courses[0].unpublish()
    program.unpublish()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert card_titles(response) == ["Nhận diện lừa đảo", "Dịch vụ công trực tuyến"]
    courses[0].save_revision().publish()
    assert "Dùng điện thoại an toàn" in card_titles(client.get("/"))


def test_no_courses_section_without_featured_courses():
    home = seed_site()
    html = HomePage.objects.get(pk=home.pk).serve(_request()).render().content.decode()
    assert 'id="home-courses"' not in html
    # The events and news sections stay away while those parts have nothing.
    assert 'id="home-events"' not in html
    assert 'id="home-news"' not in html


def _request():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def test_anonymous_home_page_is_served_from_the_page_cache_no_longer_than_its_counters(
    client, site, settings
):
    settings.PAGE_CACHE_TIMEOUT = 600
    first = client.get("/")
    assert first["X-Cache"] == "miss"
    key = page_cache.cache_key(first.wsgi_request)
    bound = lms_settings.PUBLIC_COUNTERS_SECONDS
    assert 0 < seconds_left(key) <= bound
    assert seconds_left(key) <= seconds_left(CACHE_KEY) + 1
    second = client.get("/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize("images", [False, True])
def test_query_count_does_not_grow_with_the_featured_courses(client, site, settings, images):
    settings.PAGE_CACHE_TIMEOUT = 0  # the page itself, not the cache
    home, _program, courses = site
    if images:
        for course in courses:
            course.cover_image = Image.objects.create(
                title=course.title, file=get_test_image_file()
            )
            course.cover_image_alt = f"Ảnh bìa {course.title}"
            course.save_revision().publish()

    def queries(featured) -> int:
        feature(home, featured)
        client.get("/")  # renditions made, counters counted, routes kept
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/")
        assert len(card_titles(response)) == len(featured) + 1
        return len(captured)

    assert queries(courses[:1]) == queries(courses)
    if images:
        assert 'alt="Ảnh bìa Dùng điện thoại an toàn"' in client.get("/").content.decode()


def test_editors_choose_featured_courses_and_the_program_in_the_admin(client, site):
    home = site[0]
    editor = get_user_model().objects.create_superuser(
        "bien-tap", "bien-tap@example.vn", "Mat-khau-2026"
    )
    with_authenticator(editor)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    assert "featured_courses-TOTAL_FORMS" in html
    assert 'name="four_t_program"' in html
    assert 'name="movement_heading"' in html


@pytest.fixture
def other_parts_cards(settings, tmp_path):
    """Stand-ins for the cards the events and news parts provide."""
    for name, text in (
        ("courses/includes/event_card.html", "<p>Sự kiện: {{ page.title }}</p>"),
        ("cms/includes/news_card.html", "<p>Tin: {{ page.title }}</p>"),
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]


def test_events_and_news_sections_show_their_cards_and_links(site, other_parts_cards):
    home = HomePage.objects.get(pk=site[0].pk)
    request = _request()
    context = home.get_context(request)
    context.update(
        upcoming_events=[home.specific_class(title="Ngày hội toàn dân học tập số")],
        events_index_url="/su-kien/",
        latest_news=[home.specific_class(title="Khai giảng lớp VNeID")],
        news_index_url=None,
    )
    html = render_to_string("cms/home_page.html", context, request=request)
    assert "Sự kiện: Ngày hội toàn dân học tập số" in html
    assert 'href="/su-kien/"' in html
    assert "Tin: Khai giảng lớp VNeID" in html
    assert "Xem tất cả tin tức" not in html  # no index page, no link


def test_the_home_page_shows_the_next_events_and_the_latest_news(client, site):
    from tests.cms.test_news import make_index as make_news_index
    from tests.cms.test_news import make_news
    from tests.lms.events.helpers import make_event

    news_index = make_news_index()
    for days_ago, title in enumerate(["Tin thứ tư", "Tin thứ ba", "Tin thứ hai", "Tin đầu"]):
        make_news(news_index, title=title, days_ago=days_ago)
    make_event(title="Đã qua", starts_in=datetime.timedelta(days=-2))
    make_event(title="Ngày hội toàn dân học tập số", starts_in=datetime.timedelta(days=9))
    make_event(title="Lớp VNeID ở nhà văn hóa", starts_in=datetime.timedelta(days=2))

    html = client.get("/").content.decode()
    events = html[html.index('id="home-events"') :]
    events = events[: events.index("</section>")]
    assert events.index("Lớp VNeID ở nhà văn hóa") < events.index("Ngày hội toàn dân học tập số")
    assert "Đã qua" not in events
    news = html[html.index('id="home-news"') :]
    news = news[: news.index("</section>")]
    assert [t for t in ("Tin thứ tư", "Tin thứ ba", "Tin thứ hai", "Tin đầu") if t in news] == [
        "Tin thứ tư",
        "Tin thứ ba",
        "Tin thứ hai",
    ]
    assert f'href="{news_index.url}"' in news
