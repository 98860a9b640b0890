"""Migration 0019 opens the digital identity history: one current row per
learner with an identity, from its confirmation (or the learner's
registration, when nobody confirmed it); nothing for learners without one.
Migration 0020 copies each learner's village, year of birth and target
groups onto their rows."""

import datetime

import pytest
from django.utils import timezone

from tests.lms.migration_helpers import apps_before, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("lms", "0018_indicator_targets")]
AFTER = [("lms", "0019_digital_id_history")]
COPIES = [("lms", "0020_digital_id_history_copies")]


@pytest.fixture
def old_apps():
    yield from apps_before(BEFORE)


def local(month, day):
    return timezone.make_aware(datetime.datetime(2026, month, day, 10, 0))


def test_each_identity_becomes_the_current_row_of_its_history(old_apps):
    Place = old_apps.get_model("lms", "Place")
    Learner = old_apps.get_model("lms", "Learner")
    User = old_apps.get_model("cms", "User")
    village = Place.objects.create(path="0001", depth=1, name="Thôn 1", kind="village", code="1")
    trainer = User.objects.create(username="trainer")

    def learner(name, status, created, **confirmation):
        user = User.objects.create(username=name)
        return Learner.objects.create(
            user=user,
            full_name=name,
            sort_name=name,
            village=village,
            digital_id_status=status,
            created_at=created,
            **confirmation,
        )

    lan = learner(
        "lan",
        "vneid2",
        local(1, 5),
        digital_id_confirmed_by=trainer,
        digital_id_confirmed_at=local(3, 20),
    )
    duc = learner("duc", "vneid1", local(2, 1))
    # Confirmed by an account since deleted: the time says it was confirmed.
    hoa = learner("hoa", "vneid2", local(1, 9), digital_id_confirmed_at=local(4, 2))
    binh = learner("binh", "none", local(1, 7))

    new_apps = migrate(AFTER)

    Change = new_apps.get_model("lms", "DigitalIdChange")
    rows = Change.objects.order_by("learner_id").values_list(
        "learner_id", "status", "confirmed", "changed_by_id", "valid_from", "valid_to"
    )
    assert list(rows) == [
        (lan.pk, "vneid2", True, trainer.pk, local(3, 20), None),
        (duc.pk, "vneid1", False, None, local(2, 1), None),
        (hoa.pk, "vneid2", True, None, local(4, 2), None),
    ]

    Learner.objects.filter(pk=duc.pk).update(year_of_birth=1950, target_group_mask=5)
    Learner.objects.filter(pk=lan.pk).update(year_of_birth=1970)
    newer = migrate(COPIES)

    copies = newer.get_model("lms", "DigitalIdChange").objects.order_by("learner_id")
    assert list(
        copies.values_list("learner_id", "village_id", "year_of_birth", "target_group_mask")
    ) == [
        (lan.pk, village.pk, 1970, 0),
        (duc.pk, village.pk, 1950, 5),
        (hoa.pk, village.pk, None, 0),
    ]
    assert binh.pk not in copies.values_list("learner_id", flat=True)
