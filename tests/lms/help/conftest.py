"""The help room's world: two communes with two villages each, a helper of
Khóm 1 with a staff account (an ambassador of that village), one of Khóm 2,
a manager of commune A and one of commune B. Pages read in English."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lms.models import HelperRole, Place, Role, VillageHelper
from tests.lms.english import client  # noqa: F401
from tests.lms.factories import LearnerFactory, UserFactory, staff


@dataclass
class HelpWorld:
    places: dict[str, Place]
    helper_a1: object  # account of Khóm 1's helper (an ambassador of Khóm 1)
    helper_a2: object  # account of Khóm 2's helper (no grant at all)
    manager_a: object
    manager_b: object
    listed_a1: VillageHelper
    listed_a2: VillageHelper


def listed(village, name, user=None, **values) -> VillageHelper:
    values.setdefault("role", HelperRole.AMBASSADOR)
    values.setdefault("phone", "+84905000001")
    return VillageHelper.objects.create(village=village, name=name, user=user, **values)


@pytest.fixture
def world(places) -> HelpWorld:
    from allauth.mfa.totp.internal.auth import TOTP

    helper_a1 = staff(Role.AMBASSADOR, places["a1"], "mai")
    helper_a2 = UserFactory(username="tai")
    TOTP.activate(helper_a2, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return HelpWorld(
        places=places,
        helper_a1=helper_a1,
        helper_a2=helper_a2,
        manager_a=staff(Role.MANAGER, places["commune_a"], "dung"),
        manager_b=staff(Role.MANAGER, places["commune_b"], "son"),
        listed_a1=listed(
            places["a1"],
            "Trương Thị Mai",
            helper_a1,
            phone="+84905111201",
            zalo="+84905111201",
            hours="Tối thứ 2–6, 19:00–21:00",
        ),
        listed_a2=listed(
            places["a2"], "Lê Văn Tài", helper_a2, role=HelperRole.YOUTH, phone="+84905111202"
        ),
    )


@pytest.fixture
def learner_a1(world):
    from lms.models import PhoneNumber

    learner = LearnerFactory(village=world.places["a1"], full_name="Phạm Văn Bình")
    PhoneNumber.objects.create(user=learner.user, number="+84912345678", verified=True)
    return learner
