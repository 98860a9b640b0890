"""A learner's digital identity changes in one place (digital_id_set): each
change closes the current row of the history and opens the next, the
learner's own fields copy it, a declaration never undoes a staff confirmation
of the same status, and every writer (the profile, staff confirmation, an
ambassador's help entry) goes through it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lms.models import AuditAction, AuditEntry, DigitalIdChange, DigitalIdStatus, Learner, Role
from lms.models.help_log import AmbassadorHelp, HelpOutcome
from lms.people.services import digital_id_set
from tests.lms.factories import LearnerFactory, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

L1, L2, NONE = DigitalIdStatus.LEVEL_1, DigitalIdStatus.LEVEL_2, DigitalIdStatus.NONE


def at(month, day):
    return timezone.make_aware(datetime.datetime(2026, month, day, 10, 0))


def history(learner) -> list[tuple]:
    return list(
        DigitalIdChange.objects.filter(learner=learner)
        .order_by("valid_from")
        .values_list("status", "confirmed", "changed_by", "valid_from", "valid_to")
    )


@pytest.fixture
def lan(places):
    return LearnerFactory(full_name="Nguyễn Thị Lan", village=places["a1"])


@pytest.fixture
def trainer(places):
    return staff(Role.TRAINER, places["a1"])


def test_each_change_closes_the_current_row_and_opens_the_next(lan, trainer):
    digital_id_set(learner=lan, status=L1, by=lan.user, confirmed=False, at=at(2, 1))
    digital_id_set(learner=lan, status=L2, by=trainer, confirmed=True, at=at(3, 20))
    assert history(lan) == [
        (L1, False, lan.user.pk, at(2, 1), at(3, 20)),
        (L2, True, trainer.pk, at(3, 20), None),
    ]
    stored = Learner.objects.get(pk=lan.pk)
    for learner in (lan, stored):  # the caller's instance shows what is stored
        assert learner.digital_id_status == L2
        assert learner.digital_id_confirmed_by_id == trainer.pk
        assert learner.digital_id_confirmed_at == at(3, 20)
    entry = AuditEntry.objects.get(action=AuditAction.CONFIRM_DIGITAL_ID)
    assert (entry.actor, entry.learner_id, entry.detail) == (trainer, lan.pk, {"status": L2})


def test_a_declaration_does_not_undo_a_confirmation_of_the_same_status(lan, trainer):
    digital_id_set(learner=lan, status=L2, by=trainer, confirmed=True, at=at(3, 20))
    assert digital_id_set(learner=lan, status=L2, by=lan.user, confirmed=False) is None
    assert digital_id_set(learner=lan, status=L2, by=trainer, confirmed=True) is None
    assert history(lan) == [(L2, True, trainer.pk, at(3, 20), None)]
    # Another status does replace it: the learner's word, unconfirmed.
    digital_id_set(learner=lan, status=L1, by=lan.user, confirmed=False, at=at(4, 2))
    assert history(lan)[-1] == (L1, False, lan.user.pk, at(4, 2), None)
    lan.refresh_from_db()
    assert lan.digital_id_confirmed_by is None and lan.digital_id_confirmed_at is None
    assert AuditEntry.objects.filter(action=AuditAction.CONFIRM_DIGITAL_ID).count() == 1


def test_staff_confirm_only_an_identity_in_their_places(lan, places):
    outsider = staff(Role.TRAINER, places["b1"])
    with pytest.raises(PermissionDenied):
        digital_id_set(learner=lan, status=L2, by=outsider, confirmed=True)
    with pytest.raises(ValidationError):
        digital_id_set(
            learner=lan, status=NONE, by=staff(Role.TRAINER, places["a1"]), confirmed=True
        )
    assert history(lan) == [] and Learner.objects.get(pk=lan.pk).digital_id_status == NONE


def test_a_change_cannot_be_dated_before_the_last(lan):
    digital_id_set(learner=lan, status=L1, by=lan.user, confirmed=False, at=at(3, 1))
    with pytest.raises(ValidationError):
        digital_id_set(learner=lan, status=L2, by=lan.user, confirmed=False, at=at(2, 1))
    # At the same instant, the later change is what held.
    digital_id_set(learner=lan, status=L2, by=lan.user, confirmed=False, at=at(3, 1))
    assert history(lan) == [(L2, False, lan.user.pk, at(3, 1), None)]


def test_a_stale_instance_does_not_put_an_old_identity_back(lan, trainer):
    stale = Learner.objects.get(pk=lan.pk)
    digital_id_set(learner=lan, status=L2, by=trainer, confirmed=True)
    stale.full_name = "Nguyễn Thị Lan Anh"
    stale.save()
    lan.refresh_from_db()
    assert (lan.full_name, lan.digital_id_status) == ("Nguyễn Thị Lan Anh", L2)
    assert lan.digital_id_confirmed_by == trainer


def test_the_history_follows_the_learners_village_and_year_of_birth(client, lan, places):
    digital_id_set(learner=lan, status=L1, by=lan.user, confirmed=False, at=at(2, 1))
    digital_id_set(learner=lan, status=L2, by=lan.user, confirmed=False, at=at(3, 1))
    client.force_login(lan.user)
    data = {
        "full_name": lan.full_name,
        "village": places["a2"].pk,
        "year_of_birth": "1968",
        "digital_id_status": L2,
    }
    assert client.post(reverse("lms:profile"), data).status_code == 302
    copies = DigitalIdChange.objects.filter(learner=lan).values_list("village", "year_of_birth")
    assert list(copies) == [(places["a2"].pk, 1968)] * 2


def test_the_profile_declares_and_the_staff_page_confirms(client, lan, trainer, places):
    client.force_login(lan.user)
    data = {"full_name": lan.full_name, "village": places["a1"].pk, "digital_id_status": L1}
    assert client.post(reverse("lms:profile"), data).status_code == 302
    client.force_login(trainer)
    client.post(reverse("lms:staff_confirm_digital_id", args=[lan.pk]))
    detail = client.get(reverse("lms:staff_learner_detail", args=[lan.pk])).content.decode()
    assert "declared by the learner" in detail and "confirmed by staff" in detail
    assert f"?learner={lan.pk}" in detail  # the way to log help for her
    client.force_login(lan.user)
    client.post(reverse("lms:profile"), data)  # saved again, the same status
    (declared, _first_to), (confirmed, confirmed_to) = [(row[:3], row[4]) for row in history(lan)]
    assert declared == (L1, False, lan.user.pk)
    assert confirmed == (L1, True, trainer.pk) and confirmed_to is None


# --- An ambassador's help entry -----------------------------------------------------------------


@pytest.fixture
def ambassador(client, places):
    user = staff(Role.AMBASSADOR, places["commune_a"], username="dai-su-so")
    client.force_login(user)
    return user


def help_data(places, **overrides):
    return {
        "date": timezone.localdate().strftime("%d/%m/%Y"),
        "place": places["commune_a"].pk,
        "service": "Cài đặt VNeID",
        "outcome": HelpOutcome.DONE,
        **overrides,
    }


def test_a_vneid_set_up_in_a_help_entry_is_confirmed_by_the_ambassador(
    client, ambassador, lan, places
):
    page = client.get(reverse("lms:help_log"), {"learner": lan.pk}).content.decode()
    assert lan.full_name in page and 'name="vneid_level"' in page
    response = client.post(
        reverse("lms:help_log"), help_data(places, learner=lan.pk, vneid_level=L2)
    )
    assert response.status_code == 302
    entry = AmbassadorHelp.objects.get()
    assert (entry.learner, entry.vneid_level, entry.helper) == (lan, L2, ambassador)
    [(status, confirmed, by, _from, to)] = history(lan)
    assert (status, confirmed, by, to) == (L2, True, ambassador.pk, None)
    lan.refresh_from_db()
    assert lan.digital_id_status == L2 and lan.digital_id_confirmed_by == ambassador
    audit = AuditEntry.objects.get(action=AuditAction.CONFIRM_DIGITAL_ID)
    assert audit.detail == {"status": L2, "help": entry.pk}
    # Help without a linked learner names nobody and offers no VNeID level.
    page = client.get(reverse("lms:help_log")).content.decode()
    assert 'name="vneid_level"' not in page


def test_a_learner_outside_the_ambassadors_places_is_refused(client, ambassador, places):
    outsider = LearnerFactory(full_name="Đặng Thị Mai", village=places["b1"])
    page = client.get(reverse("lms:help_log"), {"learner": outsider.pk}).content.decode()
    assert outsider.full_name not in page
    response = client.post(
        reverse("lms:help_log"), help_data(places, learner=outsider.pk, vneid_level=L2)
    )
    assert response.status_code == 200
    assert "This person is not in your places: nothing was logged." in response.content.decode()
    assert not AmbassadorHelp.objects.exists()
    assert history(outsider) == []
    outsider.refresh_from_db()
    assert outsider.digital_id_status == NONE


def test_no_vneid_is_recorded_when_the_help_could_not_be_done(client, ambassador, lan, places):
    response = client.post(
        reverse("lms:help_log"),
        help_data(places, learner=lan.pk, vneid_level=L1, outcome=HelpOutcome.NOT_DONE),
    )
    assert response.status_code == 200
    assert not AmbassadorHelp.objects.exists() and history(lan) == []
    # Linked without a VNeID: the help is logged, the identity unchanged.
    client.post(reverse("lms:help_log"), help_data(places, learner=lan.pk, vneid_level=""))
    assert AmbassadorHelp.objects.get().learner == lan and history(lan) == []
