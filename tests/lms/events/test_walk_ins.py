"""Walk-ins at the door: a newcomer registered by the people room's
assisted registration and then checked in; an existing learner from
elsewhere refused; the learner's code on "My learning" and on the card."""

import datetime
import html
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.events.services import event_signup
from lms.models import AuditAction, AuditEntry, ConsentMethod, EventRegistration, Learner
from lms.people.passes import learner_pass, learner_pass_id
from lms.people.services.cards import sign_in_card_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(world):
    event = world.event
    event.start_at = timezone.now() - datetime.timedelta(minutes=30)
    event.end_at = timezone.now() + datetime.timedelta(hours=3)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def test_a_newcomer_is_registered_then_checked_in_as_a_walk_in(client, world, today):
    client.force_login(world.ambassador_a)
    door = reverse("lms:event_door", args=[today.pk])
    page = client.get(door).content.decode()
    register = reverse("lms:staff_register") + "?" + urlencode({"event": today.pk})
    assert register.replace("&", "&amp;") in page or register in page

    response = client.post(
        reverse("lms:staff_register"),
        {
            "event": today.pk,
            "full_name": "Hồ Thị Lành",
            "year_of_birth": "1948",
            "village": world.places["a2"].pk,
            "phone": "",
            "consent_method": ConsentMethod.VERBAL,
            "witness_name": "Trần Văn Tổ",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{door}?{urlencode({'q': 'Hồ Thị Lành'})}"
    newcomer = Learner.objects.get(full_name="Hồ Thị Lành")
    assert "Hồ Thị Lành" in client.get(response["Location"]).content.decode()

    response = client.post(door, {"learner": newcomer.pk, "q": "ho thi lanh"}, follow=True)
    assert b"a walk-in: they had not signed up" in response.content
    registration = EventRegistration.objects.get(event=today, learner=newcomer)
    assert registration.walk_in and registration.registered_by == world.ambassador_a


def test_a_learner_of_another_commune_who_did_not_sign_up_is_refused_by_code(client, world, today):
    client.force_login(world.manager_a)
    door = reverse("lms:event_door", args=[today.pk])
    response = client.post(door, {"code": learner_pass(world.minh)}, follow=True)
    assert b"This learner is not in your area and did not sign up here." in response.content
    assert not EventRegistration.objects.exists()


def test_a_sign_in_card_code_is_not_a_learners_pass(client, world, today):
    _card, token = sign_in_card_create(learner=world.lan, created_by=world.manager_a)
    client.force_login(world.manager_a)
    door = reverse("lms:event_door", args=[today.pk])
    response = client.post(door, {"code": token}, follow=True)
    assert b"This code is not a learner&#x27;s code from this site." in response.content
    assert not EventRegistration.objects.exists()


def test_staff_signing_someone_up_is_audited(world):
    event_signup(event=world.event, learner=world.hoa, signed_up_by=world.manager_a)
    assert AuditEntry.objects.filter(
        action=AuditAction.EVENT_REGISTER, learner_id=world.hoa.pk, actor=world.manager_a
    ).exists()


def shown_pass_id(page: str) -> int:
    """The learner a page's event code belongs to. The code is signed with
    the second it was made, so it is read back, not compared with a new one."""
    code = re.search(r'<p class="learner-pass__code"><small>([^<]+)</small>', page).group(1)
    return learner_pass_id(html.unescape(code))


def test_my_learning_shows_the_learners_code_for_events(client, world):
    client.force_login(world.lan.user)
    page = client.get(reverse("lms:my_learning")).content.decode()
    assert "My code for events" in page
    assert shown_pass_id(page) == world.lan.pk
    assert "<svg" in page


def test_the_printed_card_carries_the_code_for_events(client, world):
    client.force_login(world.trainer_a1)
    page = client.post(reverse("lms:staff_card", args=[world.lan.pk])).content.decode()
    assert "My code for events" in page
    assert shown_pass_id(page) == world.lan.pk
