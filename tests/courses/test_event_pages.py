"""Event pages and the event list: what editors must fill in, the order of
the list, the home page's contract and the anonymous page cache."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from cms.demo import seed_site
from courses.events import upcoming_events
from courses.models import EventIndexPage, EventPage
from tests.courses.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    return publish(seed_site(), EventIndexPage(title="Sự kiện", slug="su-kien"))


def event(index, title, starts_in_days, hours=3, **fields):
    start = timezone.now() + datetime.timedelta(days=starts_in_days)
    fields.setdefault("venue", "Nhà văn hóa xã Diên Sanh")
    return publish(
        index,
        EventPage(
            title=title,
            slug=f"e{abs(hash(title)) % 10**8}",
            summary="Cả xã cùng học.",
            start_at=start,
            end_at=start + datetime.timedelta(hours=hours),
            **fields,
        ),
    )


def unsaved(**fields):
    start = timezone.now() + datetime.timedelta(days=2)
    values = {
        "title": "Ngày hội",
        "slug": "ngay-hoi",
        "summary": "Cả xã cùng học.",
        "start_at": start,
        "end_at": start + datetime.timedelta(hours=2),
        "venue": "Nhà văn hóa",
    }
    values.update(fields)
    return EventPage(**values)


def errors_of(page) -> dict:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            page.full_clean(exclude=["path", "depth"])
        return caught.value.message_dict


def test_an_event_ending_before_it_starts_is_refused():
    start = timezone.now()
    errors = errors_of(unsaved(start_at=start, end_at=start - datetime.timedelta(hours=1)))
    assert errors["end_at"] == ["The event must end after it starts."]


def test_an_event_needs_a_venue_or_an_online_link():
    errors = errors_of(unsaved(venue="", online_url=""))
    assert errors["venue"] == ["Give a venue, an online link, or both."]
    unsaved(venue="", online_url="https://meet.example.vn/ngay-hoi").full_clean(
        exclude=["path", "depth"]
    )


def test_an_online_link_must_be_a_web_address():
    errors = errors_of(unsaved(online_url="ftp://example.vn/x"))
    assert "Use a web address that starts with https:// or http://." in errors["online_url"]
    errors = errors_of(unsaved(online_url="javascript:alert(1)"))
    assert "online_url" in errors


def test_the_list_shows_upcoming_events_soonest_first_then_past_ones(client, index, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    event(index, "Tuần sau", 7)
    event(index, "Ngày mai", 1)
    event(index, "Năm ngoái", -365)
    event(index, "Tháng trước", -30)
    page = client.get(index.url).content.decode()
    upcoming, past = page.split("Past events")
    assert upcoming.index("Ngày mai") < upcoming.index("Tuần sau")
    assert "Tháng trước" not in upcoming
    assert past.index("Tháng trước") < past.index("Năm ngoái")


def test_upcoming_events_are_live_public_and_unfinished_soonest_first(index):
    later = event(index, "Tuần sau", 7)
    soon = event(index, "Ngày mai", 1)
    now_on = event(index, "Đang diễn ra", 0, hours=2)
    event(index, "Tháng trước", -30)
    draft = event(index, "Bản nháp", 2)
    draft.unpublish()
    private = event(index, "Nội bộ", 3)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert upcoming_events(limit=5) == [now_on, soon, later]
    assert upcoming_events() == [now_on, soon, later]
    assert upcoming_events(limit=1) == [now_on]


def test_upcoming_events_cost_the_same_queries_for_any_number(index, django_assert_max_num_queries):
    for n in range(2):
        event(index, f"Buổi {n}", n + 1)
    with django_assert_max_num_queries(2) as few:
        upcoming_events(limit=10)
    for n in range(6):
        event(index, f"Thêm {n}", n + 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(upcoming_events(limit=10)) == 8


def test_the_event_card_shows_the_title_link_the_date_in_vietnamese_and_the_venue(index):
    start = timezone.make_aware(datetime.datetime(2030, 10, 10, 7, 30))
    page = publish(
        index,
        EventPage(
            title="Ngày hội toàn dân học tập số 10/10",
            slug="ngay-hoi-10-10",
            summary="Cả xã cùng học.",
            start_at=start,
            end_at=start + datetime.timedelta(hours=4),
            venue="Nhà văn hóa xã Diên Sanh",
        ),
    )
    with translation.override("vi"):
        html = render_to_string("courses/includes/event_card.html", {"page": page})
    assert f'href="{page.url}"' in html
    assert "Thứ 5, 10/10/2030, 07:30" in html
    assert "11:30" in html
    assert "Nhà văn hóa xã Diên Sanh" in html


def test_an_anonymous_visitor_gets_the_event_page_from_the_cache(
    client, index, django_assert_num_queries
):
    page = event(index, "Ngày hội", 3, programme=[("item", {"time": "07:30", "item": "Khai mạc"})])
    first = client.get(page.url)
    assert first["X-Cache"] == "miss"
    assert "Khai mạc" in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second["X-Cache"] == "hit"


@pytest.fixture
def editors(catalogue, index, with_authenticator):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from courses.demo import EDITORS, seed_editorial_workflow
    from courses.demo_events import _review_like_the_catalogue

    seed_editorial_workflow(catalogue)
    _review_like_the_catalogue(index)
    editor = get_user_model().objects.create_user("bientap", "bientap@example.vn", "x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    return with_authenticator(editor)


def event_form(**extra):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    return nested_form_data(
        {
            "title": "Ngày hội toàn dân học tập số",
            "slug": "ngay-hoi-moi",
            "summary": "Cả xã cùng học.",
            "start_at": "2030-10-10 07:30",
            "end_at": "2030-10-10 11:30",
            "venue": "Nhà văn hóa xã",
            "online_url": "",
            "capacity": "",
            "programme": streamfield([]),
            "description": rich_text(""),
            "image_alt": "",
            **extra,
        }
    )


def test_an_editor_submits_an_event_for_review_like_a_course(client, index, editors, settings):
    from wagtail.models import WorkflowState

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(editors)
    url = f"/admin/pages/add/courses/eventpage/{index.pk}/"
    response = client.post(url, event_form(**{"action-submit": "submit"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = EventPage.objects.get(slug="ngay-hoi-moi")
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_admin_form_shows_the_editors_mistakes(client, index, editors):
    client.force_login(editors)
    url = f"/admin/pages/add/courses/eventpage/{index.pk}/"
    response = client.post(url, event_form(end_at="2030-10-10 06:00", venue=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sự kiện phải kết thúc sau khi bắt đầu." in page
    assert "Hãy nhập địa điểm, đường link trực tuyến, hoặc cả hai." in page
    response = client.post(url, event_form(online_url="ftp://example.vn/ngay-hoi"))
    assert "Hãy dùng địa chỉ web bắt đầu bằng https:// hoặc http://." in response.content.decode()
    assert not EventPage.objects.filter(slug="ngay-hoi-moi").exists()
