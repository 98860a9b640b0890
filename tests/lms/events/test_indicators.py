"""Participants per event, per village and per target group: the screen
and its CSV agree with the fixtures, in a fixed number of queries."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.events.services import event_check_in
from lms.models import EventRegistration
from tests.lms.events.helpers import make_event
from tests.lms.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(world):
    """Lan and Đức (Khóm 1), Hoa (Khóm 2) and Minh (Thôn Một, commune B)
    signed up; Lan, Hoa and Minh came. Lan is elderly, Đức elderly and a
    trader, Hoa and Minh in no target group."""
    event = world.event
    event.start_at = timezone.now() - datetime.timedelta(minutes=10)
    event.end_at = timezone.now() + datetime.timedelta(hours=2)
    event.save_revision().publish()
    event.refresh_from_db()
    for learner in (world.lan, world.duc, world.hoa, world.minh):
        EventRegistration.objects.create(event=event, learner=learner)
    for learner in (world.lan, world.hoa, world.minh):
        event_check_in(event=event, learner=learner, checked_in_by=world.manager_a)
    return event


def test_the_event_list_shows_signed_up_and_checked_in(client, world, attended):
    make_event(title="Buổi khác", place=world.places["commune_a"])
    client.force_login(world.manager_a)
    page = client.get(reverse("lms:staff_events")).content.decode()
    assert "Buổi khác" in page
    row = page.split(attended.title)[1].split("</tr>")[0]
    assert "<td>4</td>" in row and "<td>3</td>" in row


def test_the_event_list_costs_no_query_per_event(client, world, attended):
    client.force_login(world.manager_a)
    client.get(reverse("lms:staff_events"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("lms:staff_events"))
    for n in range(5):
        make_event(title=f"Thêm {n}", place=world.places["commune_a"])
    client.get(reverse("lms:staff_events"))  # the site's lookups, read again after publishing
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("lms:staff_events"))
    assert len(many) == len(few)


def test_breakdown_by_village_and_target_group(client, world, attended):
    client.force_login(world.manager_a)
    page = client.get(reverse("lms:staff_event_detail", args=[attended.pk])).content.decode()
    assert "Signed up: 4 · checked in: 3 (walk-ins: 0)" in page
    village = page.split("By village")[1].split("By target group")[0]
    assert '<th scope="row">Khóm 1</th><td>2</td><td>1</td>' in village
    assert '<th scope="row">Khóm 2</th><td>1</td><td>1</td>' in village
    assert '<th scope="row">Thôn Một</th><td>1</td><td>1</td>' in village
    groups = page.split("By target group")[1]
    assert '<th scope="row">Người cao tuổi</th><td>2</td><td>1</td>' in groups
    assert '<th scope="row">Tiểu thương</th><td>1</td><td>0</td>' in groups
    assert '<th scope="row">No target group</th><td>2</td><td>2</td>' in groups


def test_the_csv_matches_the_screen(client, world, attended):
    client.force_login(world.manager_a)
    response = client.get(reverse("lms:staff_event_export", args=[attended.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Breakdown", "Name", "Signed up", "Checked in"]
    assert rows[1:] == [
        ["Village", "Khóm 1", "2", "1"],
        ["Village", "Khóm 2", "1", "1"],
        ["Village", "Thôn Một", "1", "1"],
        ["Target group", "Người cao tuổi", "2", "1"],
        ["Target group", "Tiểu thương", "1", "0"],
        ["Target group", "No target group", "2", "2"],
    ]


def test_the_breakdown_costs_no_query_per_learner(client, world, attended):
    client.force_login(world.manager_a)
    url = reverse("lms:staff_event_detail", args=[attended.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        learner = LearnerFactory(village=world.places["a2"])
        learner.target_groups.set([world.traders])
        EventRegistration.objects.create(event=attended, learner=learner)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
