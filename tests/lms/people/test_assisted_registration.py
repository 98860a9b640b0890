"""A trainer registers a learner who cannot sign up alone, and prints a sign-in card."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lms.models import ConsentMethod, Learner, PhoneNumber, Role, SignInToken
from tests.lms.factories import LearnerFactory, staff

pytestmark = pytest.mark.django_db


def form(places, **overrides):
    data = {
        "full_name": "Hồ Thị Lành",
        "year_of_birth": "1948",
        "village": places["a1"].pk,
        "phone": "",
        "consent_method": ConsentMethod.VERBAL,
        "witness_name": "Trần Văn Tổ",
    }
    data.update(overrides)
    return data


@pytest.fixture
def trainer_client(client, places):
    trainer = staff(Role.TRAINER, places["a1"])
    client.force_login(trainer)
    client.trainer = trainer
    return client


def test_trainer_registers_a_learner_with_verbal_consent(trainer_client, places):
    response = trainer_client.post(reverse("lms:staff_register"), form(places))
    learner = Learner.objects.get()
    assert response["Location"] == reverse("lms:staff_learner_detail", args=[learner.pk])
    assert learner.registered_by == trainer_client.trainer
    assert not learner.user.has_usable_password()
    consent = learner.consents.get()
    assert (consent.method, consent.witness_name) == (ConsentMethod.VERBAL, "Trần Văn Tổ")
    assert consent.recorded_by == trainer_client.trainer


def test_phone_is_optional_and_normalised(trainer_client, places):
    trainer_client.post(reverse("lms:staff_register"), form(places, phone="0912.345.678"))
    assert PhoneNumber.objects.get().number == "+84912345678"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"witness_name": ""}, "witness_name"),
        ({"year_of_birth": "2999"}, "year_of_birth"),
        ({"year_of_birth": ""}, "year_of_birth"),
        ({"full_name": ""}, "full_name"),
        ({"phone": "12345"}, "phone"),
        ({"consent_method": "online"}, "consent_method"),
    ],
)
def test_bad_input_saves_nothing(trainer_client, places, overrides, field):
    response = trainer_client.post(reverse("lms:staff_register"), form(places, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Learner.objects.exists()
    assert get_user_model().objects.count() == 1  # only the trainer


def test_a_village_outside_the_trainers_area_is_refused(trainer_client, places):
    response = trainer_client.post(
        reverse("lms:staff_register"), form(places, village=places["b1"].pk)
    )
    assert response.status_code == 200
    assert "village" in response.context["form"].errors
    assert not Learner.objects.exists()


def test_a_duplicate_phone_is_refused(trainer_client, places):
    trainer_client.post(reverse("lms:staff_register"), form(places, phone="0912345678"))
    response = trainer_client.post(
        reverse("lms:staff_register"),
        form(places, phone="+84 912 345 678", full_name="Người Khác"),
    )
    assert "phone" in response.context["form"].errors
    assert Learner.objects.count() == 1


def test_a_child_needs_a_guardian(trainer_client, places):
    year = str(timezone.localdate().year - 10)
    response = trainer_client.post(reverse("lms:staff_register"), form(places, year_of_birth=year))
    assert "guardian_name" in response.context["form"].errors
    trainer_client.post(
        reverse("lms:staff_register"),
        form(places, year_of_birth=year, guardian_name="Hồ Văn Ba", guardian_relationship="Ông"),
    )
    assert Learner.objects.get().consents.get().guardian_relationship == "Ông"


def card_url(response) -> str:
    return re.search(r"/the-dang-nhap/[\w-]+/", response.content.decode()).group(0)


def test_the_card_signs_the_learner_in_once(client, trainer_client, places):
    learner = LearnerFactory(village=places["a1"])
    response = trainer_client.post(reverse("lms:staff_card", args=[learner.pk]))
    html = response.content.decode()
    assert "<svg" in html  # the QR code is inline: no extra request
    url = card_url(response)
    visitor = client.__class__()
    assert visitor.get(url).status_code == 200  # a preview does not spend it
    response = visitor.post(url)
    assert response.status_code == 302
    assert visitor.get(reverse("lms:profile")).wsgi_request.user == learner.user
    again = client.__class__()
    assert again.post(url).status_code == 410
    assert not again.get(reverse("lms:profile")).wsgi_request.user.is_authenticated


def test_a_new_card_cancels_the_old_one_and_cards_can_be_revoked(trainer_client, places):
    learner = LearnerFactory(village=places["a1"])
    first = card_url(trainer_client.post(reverse("lms:staff_card", args=[learner.pk])))
    second = card_url(trainer_client.post(reverse("lms:staff_card", args=[learner.pk])))
    visitor = trainer_client.__class__()
    assert visitor.post(first).status_code == 410
    trainer_client.post(reverse("lms:staff_card_revoke", args=[learner.pk]))
    assert visitor.post(second).status_code == 410
    assert not SignInToken.objects.usable().exists()


def test_an_expired_card_does_not_work(trainer_client, places):
    learner = LearnerFactory(village=places["a1"])
    url = card_url(trainer_client.post(reverse("lms:staff_card", args=[learner.pk])))
    SignInToken.objects.update(expires_at=timezone.now())
    visitor = trainer_client.__class__()
    assert visitor.post(url).status_code == 410
    assert not visitor.get(reverse("lms:profile")).wsgi_request.user.is_authenticated


def test_only_a_hash_of_the_token_is_stored(trainer_client, places):
    learner = LearnerFactory(village=places["a1"])
    url = card_url(trainer_client.post(reverse("lms:staff_card", args=[learner.pk])))
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert not SignInToken.objects.filter(token_hash__contains=token).exists()


def test_a_guessed_token_is_refused(client):
    assert client.post("/the-dang-nhap/khong-co-that/").status_code == 410


def test_staff_accounts_cannot_get_a_card(trainer_client, places):
    other = staff(Role.TRAINER, places["a1"], username="other-trainer")
    learner = LearnerFactory(user=other, village=places["a1"])
    assert trainer_client.post(reverse("lms:staff_card", args=[learner.pk])).status_code == 403


def test_staff_confirm_a_digital_identity(trainer_client, places):
    learner = LearnerFactory(village=places["a1"], digital_id_status="vneid2")
    trainer_client.post(reverse("lms:staff_confirm_digital_id", args=[learner.pk]))
    learner.refresh_from_db()
    assert learner.digital_id_confirmed_by == trainer_client.trainer
    assert learner.digital_id_confirmed_at is not None
