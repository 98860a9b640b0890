"""The demo's 10/10 day: on the next 10 October, at the commune's cultural
house, with its programme, capacity, groups, courses and a few sign-ups;
reviewed like the catalogue; seeding again changes nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowPage

from courses.demo_events import DAY_SLUG, next_ten_october
from courses.models import EventIndexPage, EventPage
from lms.models import EventHost, EventRegistration

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_ten_october_day(demo_site):
    day = EventPage.objects.get(slug=DAY_SLUG)
    assert day.live and day.title == "Ngày hội toàn dân học tập số 10/10"
    start = timezone.localtime(day.start_at)
    assert (start.month, start.day) == (10, 10)
    assert day.end_at > timezone.now()
    assert start - timezone.now() < datetime.timedelta(days=366)
    assert day.venue == "Nhà văn hóa xã Diên Sanh"
    assert day.capacity and len(day.programme) >= 3
    assert day.target_groups.exists() and day.courses.exists()
    assert EventHost.objects.get(event=day).place.code == "19681"
    assert 0 < EventRegistration.objects.filter(event=day).count() <= day.capacity
    index = EventIndexPage.objects.get()
    assert WorkflowPage.objects.filter(page=index).exists()
    editor = get_user_model().objects.get(username="editor")
    assert editor.has_perm("lms.change_eventhost")


def test_seeding_again_changes_nothing(demo_site):
    before = (EventPage.objects.count(), EventRegistration.objects.count())
    call_command("seed_demo", stdout=None)
    assert (EventPage.objects.count(), EventRegistration.objects.count()) == before


def test_the_next_ten_october_is_this_years_until_it_is_over():
    tz = timezone.get_current_timezone()
    assert next_ten_october(datetime.datetime(2026, 3, 1, tzinfo=tz)).year == 2026
    assert next_ten_october(datetime.datetime(2026, 10, 10, 9, 0, tzinfo=tz)).year == 2026
    assert next_ten_october(datetime.datetime(2026, 10, 10, 12, 0, tzinfo=tz)).year == 2027
    assert next_ten_october(datetime.datetime(2026, 10, 11, tzinfo=tz)).year == 2027
