"""Consent, guardian rules, data download and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lms import privacy
from lms.models import (
    AuditAction,
    AuditEntry,
    ConsentMethod,
    ConsentRecord,
    Household,
    Learner,
    PhoneNumber,
    Role,
    SignInToken,
)
from lms.people.services import (
    account_delete,
    consent_record,
    household_create,
    sign_in_card_create,
)
from tests.lms.factories import LearnerFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def bình(places):
    user = UserFactory(username="binh", email="binh@example.vn")
    EmailAddress.objects.create(user=user, email="binh@example.vn", verified=True, primary=True)
    PhoneNumber.objects.create(user=user, number="+84912345678", verified=True)
    learner = Learner.objects.create(
        user=user,
        full_name="Phạm Văn Bình",
        year_of_birth=1962,
        gender="male",
        village=places["a1"],
    )
    learner.household = household_create(village=places["a1"], name="Hộ ông Bình")
    learner.save()
    consent_record(learner=learner, method=ConsentMethod.ONLINE, recorded_by=user)
    return learner


def test_consent_records_the_policy_version(bình, settings):
    settings.HOCVUSO = {**settings.HOCVUSO, "PRIVACY_POLICY_VERSION": "2027-03"}
    record = consent_record(learner=bình, method=ConsentMethod.WRITTEN)
    assert record.policy_version == "2027-03"


def test_verbal_consent_needs_a_named_witness(bình):
    with pytest.raises(ValidationError):
        consent_record(learner=bình, method=ConsentMethod.VERBAL, witness_name="  ")
    record = consent_record(learner=bình, method=ConsentMethod.VERBAL, witness_name="Lê Văn Tư")
    assert record.witness_name == "Lê Văn Tư"


def test_under_16_needs_a_guardian(places):
    child = LearnerFactory(village=places["a1"], year_of_birth=timezone.localdate().year - 15)
    with pytest.raises(ValidationError):
        consent_record(learner=child, method=ConsentMethod.WRITTEN)
    with pytest.raises(ValidationError):
        consent_record(learner=child, method=ConsentMethod.WRITTEN, guardian_name="Mẹ")
    record = consent_record(
        learner=child,
        method=ConsentMethod.WRITTEN,
        guardian_name="Nguyễn Thị Mai",
        guardian_relationship="Mẹ",
    )
    assert record.guardian_name == "Nguyễn Thị Mai"


def test_sixteen_year_olds_consent_themselves(places):
    teen = LearnerFactory(village=places["a1"], year_of_birth=timezone.localdate().year - 16)
    assert consent_record(learner=teen, method=ConsentMethod.WRITTEN).guardian_name == ""


def test_data_download_contains_everything(client, bình, places):
    trainer = staff(Role.TRAINER, places["a1"])
    sign_in_card_create(learner=bình, created_by=trainer)
    client.force_login(bình.user)
    assert client.get(reverse("lms:my_data")).status_code == 200
    response = client.post(reverse("lms:my_data"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["phone"] == {"number": "+84912345678", "verified": True}
    assert data["account"]["emails"][0]["email"] == "binh@example.vn"
    profile = data["profile"]
    assert profile["full_name"] == "Phạm Văn Bình"
    assert profile["year_of_birth"] == 1962
    assert profile["gender"] == "male"
    assert profile["village"]["name"] == "Khóm 1"
    assert profile["household"]["code"] == bình.household.code
    assert profile["consents"][0]["policy_version"] == "2026-01"
    assert len(profile["sign_in_cards"]) == 1
    assert data["access_log"][0]["action"] == AuditAction.PRINT_CARD
    assert AuditEntry.objects.filter(action=AuditAction.DATA_DOWNLOAD, learner_id=bình.pk).exists()


def test_deleting_the_account_leaves_nothing_personal(client, bình, places):
    trainer = staff(Role.TRAINER, places["a1"])
    client.force_login(trainer)
    client.get(reverse("lms:staff_learner_detail", args=[bình.pk]))
    client.logout()
    user_pk, learner_pk, household_pk = bình.user.pk, bình.pk, bình.household_id
    client.force_login(bình.user)
    response = client.post(reverse("lms:delete_account"), {})
    assert response.status_code == 200  # the box must be ticked
    assert Learner.objects.filter(pk=learner_pk).exists()
    response = client.post(reverse("lms:delete_account"), {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not Learner.objects.filter(pk=learner_pk).exists()
    assert not PhoneNumber.objects.filter(number="+84912345678").exists()
    assert not EmailAddress.objects.filter(email="binh@example.vn").exists()
    assert not ConsentRecord.objects.filter(learner_id=learner_pk).exists()
    assert not SignInToken.objects.filter(learner_id=learner_pk).exists()
    assert not Household.objects.filter(pk=household_pk).exists()  # no one else in it
    # The access log keeps who looked, when, but no name of the erased learner.
    for entry in AuditEntry.objects.all():
        text = json.dumps([entry.actor_label, entry.detail], ensure_ascii=False)
        assert "Bình" not in text and "binh" not in text
    assert AuditEntry.objects.filter(
        action=AuditAction.ACCOUNT_DELETED, learner_id=learner_pk
    ).exists()
    assert not client.get(reverse("lms:profile")).wsgi_request.user.is_authenticated


def test_a_shared_household_stays_for_the_other_members(bình, places):
    other = LearnerFactory(village=places["a1"], household=bình.household)
    account_delete(user=bình.user)
    assert Household.objects.filter(pk=other.household_id).exists()


def test_later_parts_can_hook_into_export_and_erasure(bình):
    calls = []

    @privacy.register_exporter("test_records")
    def export(user):
        return ["record"]

    @privacy.register_eraser("test_records")
    def erase(user):
        calls.append(user.pk)

    try:
        from lms.people.services import account_export

        assert account_export(user=bình.user)["test_records"] == ["record"]
        pk = bình.user.pk
        account_delete(user=bình.user)
        assert calls == [pk]
    finally:
        privacy._exporters.pop("test_records")
        privacy._erasers.pop("test_records")


def test_staff_cannot_delete_their_account_themselves(client, places):
    trainer = staff(Role.TRAINER, places["a1"])
    client.force_login(trainer)
    response = client.post(reverse("lms:delete_account"), {"confirm": "on"})
    assert response.status_code == 302
    assert get_user_model().objects.filter(pk=trainer.pk).exists()
