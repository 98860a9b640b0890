"""Demo places, people and accounts. Idempotent: running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from courses.demo import seed_target_groups
from courses.models import TargetGroup
from lms.models import (
    ConsentMethod,
    ConsentRecord,
    DigitalIdStatus,
    Grant,
    Learner,
    PhoneNumber,
    Place,
    PlaceKind,
    Role,
)
from lms.people.services.digital_id import digital_id_set
from lms.people.services.people import household_create

DEMO_PASSWORD = "HocVuSo@2026"  # noqa: S105 - demo only, documented in the README
# Base32 secret of every demo staff account's authenticator (README "Demo accounts").
DEMO_TOTP_SECRET = "HOCVUSODEMOSECRETTOTPXYZABCDEFGH"  # noqa: S105 - demo only
DEMO_LEARNER_PHONE = "+84912345678"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    first_name: str
    last_name: str
    groups: tuple[str, ...] = ()
    is_superuser: bool = False
    grant: tuple[str, str] | None = None  # (role, place code)
    staff: bool = True


DEMO_ACCOUNTS = [
    DemoAccount("admin", "admin@demo.hocvuso.vn", "Quản trị", "Nguyễn Văn", is_superuser=True),
    DemoAccount("editor", "editor@demo.hocvuso.vn", "Lan", "Trần Thị", groups=("Editors",)),
    DemoAccount("moderator", "moderator@demo.hocvuso.vn", "Hùng", "Lê Văn", groups=("Moderators",)),
    DemoAccount(
        "trainer", "trainer@demo.hocvuso.vn", "Minh", "Hoàng Văn", grant=(Role.TRAINER, "19681-01")
    ),
    DemoAccount(
        "ambassador",
        "ambassador@demo.hocvuso.vn",
        "Hoa",
        "Đặng Thị",
        grant=(Role.AMBASSADOR, "19681"),
    ),
    DemoAccount(
        "manager", "manager@demo.hocvuso.vn", "Dũng", "Võ Văn", grant=(Role.MANAGER, "19681")
    ),
    DemoAccount("learner", "learner@demo.hocvuso.vn", "Bình", "Phạm Văn", staff=False),
]

# Quảng Trị (44) -> xã Diên Sanh (19681) -> the nine khóm and two residential
# areas of the former town. Village codes are local (no official list was
# found); figures are plausible for about 11,900 people.
PROVINCE = ("44", "Quảng Trị", None, None)
COMMUNE = ("19681", "Xã Diên Sanh", 9020, 2960)
VILLAGES = [
    ("19681-01", "Khóm 1", 840, 270),
    ("19681-02", "Khóm 2", 910, 296),
    ("19681-03", "Khóm 3", 780, 251),
    ("19681-04", "Khóm 4", 1020, 334),
    ("19681-05", "Khóm 5", 865, 281),
    ("19681-06", "Khóm 6", 790, 262),
    ("19681-07", "Khóm 7", 730, 240),
    ("19681-08", "Khóm 8", 820, 268),
    ("19681-09", "Khóm 9", 760, 249),
    ("19681-10", "Tân Diên", 760, 256),
    ("19681-11", "Diên Trường", 745, 253),
]


def _place(code, name, kind, adults, households, parent=None) -> Place:
    place = Place.objects.filter(code=code).first()
    if place is None:
        node = Place(code=code, name=name, kind=kind, adults_16_plus=adults, households=households)
        place = parent.add_child(instance=node) if parent else Place.add_root(instance=node)
    return place


@transaction.atomic
def seed_places() -> list[Place]:
    province = _place(*PROVINCE[:2], PlaceKind.PROVINCE, *PROVINCE[2:])
    commune = _place(*COMMUNE[:2], PlaceKind.COMMUNE, *COMMUNE[2:], parent=province)
    villages = [
        _place(code, name, PlaceKind.VILLAGE, adults, households, parent=commune)
        for code, name, adults, households in VILLAGES
    ]
    seed_target_groups()
    return [province, commune, *villages]


def _ensure_totp(user) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


def _ensure_learner_profile(user) -> None:
    if Learner.objects.filter(user=user).exists():
        return
    village = Place.objects.get(code="19681-01")
    learner = Learner.objects.create(
        user=user,
        full_name="Phạm Văn Bình",
        year_of_birth=1962,
        gender="male",
        village=village,
    )
    digital_id_set(learner=learner, status=DigitalIdStatus.LEVEL_1, by=user, confirmed=False)
    learner.household = household_create(village=village, name="Hộ ông Phạm Văn Bình")
    learner.save(update_fields=["household"])
    learner.target_groups.set(TargetGroup.objects.filter(slug="nguoi-cao-tuoi"))
    ConsentRecord.objects.create(
        learner=learner, policy_version="2026-01", method=ConsentMethod.ONLINE
    )
    PhoneNumber.objects.get_or_create(
        user=user, defaults={"number": DEMO_LEARNER_PHONE, "verified": True}
    )


@transaction.atomic
def seed_accounts() -> list:
    seed_places()
    User = get_user_model()
    users = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.role,
            defaults={
                "email": account.email,
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_staff": account.is_superuser,
                "is_superuser": account.is_superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for name in account.groups:
            group, _ = Group.objects.get_or_create(name=name)
            user.groups.add(group)
        EmailAddress.objects.get_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        if account.grant:
            role, code = account.grant
            place = Place.objects.get(code=code)
            if not Grant.objects.active().filter(user=user, role=role, place=place).exists():
                Grant.objects.create(user=user, role=role, place=place)
        if account.staff:
            _ensure_totp(user)
        else:
            _ensure_learner_profile(user)
        users.append(user)
    return users
