"""Learners sign up for an event and cancel; every refusal changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.events.services import event_cancel, event_signup
from lms.models import EventRegistration
from tests.lms.events.helpers import make_event
from tests.lms.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def test_a_learner_signs_up_and_cancels_on_the_event_page(client, world):
    client.force_login(world.lan.user)
    page = client.get(world.event.url)
    assert b"Sign up for this event" in page.content

    response = client.post(reverse("lms:event_signup", args=[world.event.pk]), follow=True)
    assert b"You are signed up. See you there!" in response.content
    assert b"You are signed up for this event." in response.content
    assert EventRegistration.objects.filter(event=world.event, learner=world.lan).exists()

    response = client.post(reverse("lms:event_cancel", args=[world.event.pk]), follow=True)
    assert b"Your sign-up is cancelled." in response.content
    assert not EventRegistration.objects.exists()


def test_signing_up_needs_a_post(client, world):
    client.force_login(world.lan.user)
    assert client.get(reverse("lms:event_signup", args=[world.event.pk])).status_code == 405


def test_an_anonymous_visitor_sees_a_sign_in_link_and_no_form(client, world):
    page = client.get(world.event.url)
    assert b"Sign in to sign up" in page.content
    assert b"csrfmiddlewaretoken" not in page.content
    assert "csrftoken" not in page.cookies


def test_signing_up_twice_is_refused(client, world):
    client.force_login(world.lan.user)
    url = reverse("lms:event_signup", args=[world.event.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert b"You are already signed up for this event." in response.content
    assert EventRegistration.objects.count() == 1


def test_cancelling_what_was_not_signed_up_is_refused(client, world):
    client.force_login(world.lan.user)
    response = client.post(reverse("lms:event_cancel", args=[world.event.pk]), follow=True)
    assert b"You are not signed up for this event, so there is nothing to cancel." in (
        response.content
    )


def test_sign_up_beyond_capacity_is_refused(world):
    event = make_event(title="Buổi nhỏ", capacity=2, place=world.places["commune_a"])
    event_signup(event=event, learner=world.lan)
    event_signup(event=event, learner=world.duc)
    with pytest.raises(ValidationError, match=r"This event is full: all 2 places are taken\."):
        event_signup(event=event, learner=world.hoa)
    assert EventRegistration.objects.filter(event=event).count() == 2


def test_no_capacity_means_no_limit(world):
    event = make_event(title="Buổi lớn", capacity=None)
    for _ in range(5):
        event_signup(event=event, learner=LearnerFactory(village=world.places["a1"]))
    assert EventRegistration.objects.filter(event=event).count() == 5


def test_sign_up_after_the_start_or_for_a_past_event_is_refused(world):
    started = make_event(title="Đang diễn ra", starts_in=-datetime.timedelta(hours=1))
    past = make_event(title="Năm ngoái", starts_in=-datetime.timedelta(days=300))
    with pytest.raises(ValidationError, match="already started"):
        event_signup(event=started, learner=world.lan)
    with pytest.raises(ValidationError, match="This event is over"):
        event_signup(event=past, learner=world.lan)
    assert not EventRegistration.objects.exists()


def test_cancelling_after_the_start_is_refused(world):
    event = make_event(title="Sắp bắt đầu", starts_in=datetime.timedelta(minutes=30))
    event_signup(event=event, learner=world.lan)
    EventRegistration.objects.update()  # nothing else changes
    event.start_at -= datetime.timedelta(hours=1)
    event.end_at -= datetime.timedelta(hours=1)
    event.save_revision().publish()
    with pytest.raises(ValidationError, match="can no longer be cancelled"):
        event_cancel(event=event, learner=world.lan)
    assert EventRegistration.objects.count() == 1


def test_the_event_page_in_vietnamese_by_default(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.get(world.event.url)
    assert "Nhà văn hóa xã" in page.content.decode()
