"""Check-in at the door: by the learner's code or by name, walk-ins, a
second check-in refused, the attendance in the learning record once."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lms.events.services import event_check_in, event_signup
from lms.learning.xapi import learner_statements
from lms.models import AuditAction, AuditEntry, EventRegistration, LearningEvent, Verb
from lms.people.passes import MAX_AGE, learner_pass, learner_pass_id
from tests.lms.events.helpers import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(world):
    """The world's event, happening now."""
    event = world.event
    event.start_at = timezone.now() - datetime.timedelta(minutes=30)
    event.end_at = timezone.now() + datetime.timedelta(hours=3)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def door(event):
    return reverse("lms:event_door", args=[event.pk])


def test_scanning_a_signed_up_learners_code_checks_them_in(client, world, today):
    EventRegistration.objects.create(event=today, learner=world.lan)
    client.force_login(world.ambassador_a)
    response = client.post(door(today), {"code": learner_pass(world.lan)}, follow=True)
    assert b"Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b Lan is checked in." in response.content
    registration = EventRegistration.objects.get(event=today, learner=world.lan)
    assert registration.checked_in_at is not None and not registration.walk_in
    assert AuditEntry.objects.filter(
        action=AuditAction.EVENT_CHECK_IN, learner_id=world.lan.pk
    ).exists()


def test_a_second_check_in_is_refused_with_the_time_of_the_first(client, world, today):
    client.force_login(world.manager_a)
    client.post(door(today), {"code": learner_pass(world.lan)})
    first = EventRegistration.objects.get(learner=world.lan).checked_in_at
    response = client.post(door(today), {"code": learner_pass(world.lan)}, follow=True)
    time = timezone.localtime(first).strftime("%H:%M")
    assert f"is already checked in (at {time}).".encode() in response.content
    assert LearningEvent.objects.filter(verb=Verb.ATTENDED).count() == 1


def test_a_forged_code_is_refused(client, world, today):
    client.force_login(world.manager_a)
    forged = signing.dumps(world.lan.pk, salt="another-salt")
    response = client.post(door(today), {"code": forged}, follow=True)
    assert b"This code is not a learner&#x27;s code from this site." in response.content
    # Đức's id under the signature of Lan's code.
    _lans_id, *signature = learner_pass(world.lan).split(":")
    tampered = ":".join([learner_pass(world.duc).split(":")[0], *signature])
    assert tampered != learner_pass(world.duc)
    with pytest.raises(ValidationError):
        learner_pass_id(tampered)
    assert not EventRegistration.objects.exists()


def test_an_expired_code_is_refused(world):
    code = learner_pass(world.lan)
    later = timezone.now() + MAX_AGE + datetime.timedelta(days=1)
    with time_machine.travel(later), pytest.raises(ValidationError, match="has expired"):
        learner_pass_id(code)


def test_a_code_holds_only_its_learner(world):
    assert learner_pass_id(learner_pass(world.lan)) == world.lan.pk
    assert learner_pass_id(learner_pass(world.duc)) == world.duc.pk
    assert "Lan" not in learner_pass(world.lan)


def test_finding_a_name_without_diacritics_and_checking_in(client, world, today):
    client.force_login(world.manager_a)
    page = client.get(door(today), {"q": "nguyen thi lan"})
    assert "Nguyễn Thị Lan" in page.content.decode()
    assert b"not signed up" in page.content
    posted = {"learner": world.lan.pk, "q": "nguyen thi lan"}
    response = client.post(door(today), posted, follow=True)
    assert b"a walk-in: they had not signed up" in response.content
    assert EventRegistration.objects.get(learner=world.lan).walk_in


def test_the_door_page_works_without_javascript_and_names_the_camera_script(client, world, today):
    client.force_login(world.manager_a)
    page = client.get(door(today)).content.decode()
    assert 'name="code"' in page and 'name="q"' in page
    assert "lms/door.js" in page
    assert "https://" not in page.split("door.js")[0].rsplit("<script", 1)[-1]


def test_a_walk_in_is_refused_when_the_event_is_full(world, today):
    today.capacity = 1
    today.save_revision().publish()
    today.refresh_from_db()
    EventRegistration.objects.create(event=today, learner=world.duc)
    with pytest.raises(ValidationError, match=r"The event is full"):
        event_check_in(event=today, learner=world.lan, checked_in_by=world.manager_a)
    assert EventRegistration.objects.count() == 1
    # Who signed up still gets in.
    event_check_in(event=today, learner=world.duc, checked_in_by=world.manager_a)


def test_attendance_is_recorded_once_and_exported_as_xapi_attended(world, today):
    event_check_in(event=today, learner=world.lan, checked_in_by=world.manager_a)
    with pytest.raises(ValidationError):
        event_check_in(event=today, learner=world.lan, checked_in_by=world.ambassador_a)
    events = LearningEvent.objects.filter(learner=world.lan)
    assert [(e.verb, e.event_page_id) for e in events] == [(Verb.ATTENDED, today.pk)]
    [statement] = learner_statements(world.lan)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attended"
    assert statement["object"]["id"] == today.get_full_url()
    assert statement["object"]["definition"]["name"] == {"vi-VN": today.title}


def test_attended_needs_an_event(world):
    from lms.learning.services.records import event_record

    with pytest.raises(ValidationError, match=r"Say which event was attended\."):
        event_record(
            event_id="6f1f3c1e-7a0e-4c55-9a57-0e5b1e7d10a1",
            learner=world.lan,
            verb=Verb.ATTENDED,
            occurred_at=timezone.now(),
            source="event",
        )


def test_attending_completes_no_course(world, today):
    from lms.models import CourseProgress, LessonProgress

    event_check_in(event=today, learner=world.lan, checked_in_by=world.manager_a)
    assert not CourseProgress.objects.exists() and not LessonProgress.objects.exists()


def test_check_in_before_the_day_is_refused(world):
    later = make_event(
        title="Tháng sau", starts_in=datetime.timedelta(days=30), place=world.places["commune_a"]
    )
    event_signup(event=later, learner=world.lan)
    with pytest.raises(ValidationError, match=r"Check-in opens on the day of the event\."):
        event_check_in(event=later, learner=world.lan, checked_in_by=world.manager_a)


def test_staff_of_another_commune_cannot_see_or_check_in(client, world, today):
    client.force_login(world.manager_b)
    assert client.get(door(today)).status_code == 404
    assert client.post(door(today), {"code": learner_pass(world.lan)}).status_code == 404
    assert client.get(reverse("lms:staff_event_detail", args=[today.pk])).status_code == 404
    assert client.get(reverse("lms:staff_event_export", args=[today.pk])).status_code == 404
    assert today.title not in client.get(reverse("lms:staff_events")).content.decode()
    with pytest.raises(PermissionDenied):
        event_check_in(event=today, learner=world.minh, checked_in_by=world.manager_b)
    assert not EventRegistration.objects.exists()


def test_a_village_trainer_is_not_staff_of_a_commune_event(client, world, today):
    client.force_login(world.trainer_a1)
    assert client.get(door(today)).status_code == 404


def test_a_learner_of_another_commune_who_did_not_sign_up_is_not_found(client, world, today):
    client.force_login(world.manager_a)
    page = client.get(door(today), {"q": "pham van minh"}).content.decode()
    assert "Phạm Văn Minh" not in page
    EventRegistration.objects.create(event=today, learner=world.minh)
    page = client.get(door(today), {"q": "pham van minh"}).content.decode()
    assert "Phạm Văn Minh" in page
    event_check_in(event=today, learner=world.minh, checked_in_by=world.manager_a)
