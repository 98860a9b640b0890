"""Demo helpers for the demo villages, a helper account that answers Khóm 1's
requests on the staff pages, and a couple of open requests. Idempotent."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from lms.demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET
from lms.models import (
    Grant,
    HelperRole,
    HelpNeed,
    HelpRequest,
    Place,
    Role,
    VillageHelper,
)

HELPER_USERNAME = "helper"
HELPER_EMAIL = "helper@demo.hocvuso.vn"
HELPER_NAME = "Trương Thị Mai"
HELPER_VILLAGE = "19681-01"

# (village code, name, role, phone, zalo, hours)
HELPERS = [
    (
        "19681-01",
        HELPER_NAME,
        HelperRole.AMBASSADOR,
        "+84905111201",
        "+84905111201",
        "Tối thứ 2–6, 19:00–21:00",
    ),
    (
        "19681-01",
        "Lê Văn Tài",
        HelperRole.YOUTH,
        "+84905111202",
        "",
        "Sáng thứ 7, Chủ nhật, 8:00–11:00",
    ),
    (
        "19681-02",
        "Nguyễn Thị Hạnh",
        HelperRole.DIGITAL_TEAM,
        "+84905111203",
        "+84905111203",
        "Chiều thứ 3, thứ 5, 14:00–17:00",
    ),
    (
        "19681-03",
        "Phan Văn Quý",
        HelperRole.DIGITAL_TEAM,
        "",
        "+84905111204",
        "Tối hằng ngày, 19:30–21:00",
    ),
    ("19681-10", "Hồ Thị Thu", HelperRole.YOUTH, "+84905111205", "", "Thứ 7, 14:00–17:00"),
]

REQUESTS = [
    (
        "19681-01",
        HelpNeed.VNEID,
        "Bà Nguyễn Thị Gái",
        "+84914222301",
        "Tôi cài VNeID nhưng không nhận được mã kích hoạt.",
    ),
    (
        "19681-01",
        HelpNeed.PAYMENT,
        "Ông Trần Văn Mười",
        "+84914222302",
        "Muốn học quét mã QR để trả tiền ở chợ.",
    ),
]


def _helper_account():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=HELPER_USERNAME,
        defaults={"email": HELPER_EMAIL, "first_name": "Mai", "last_name": "Trương Thị"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=HELPER_EMAIL, defaults={"verified": True, "primary": True}
    )
    village = Place.objects.get(code=HELPER_VILLAGE)
    # A digital ambassador of the village: the grant lets her keep the help log.
    if not Grant.objects.active().filter(user=user, role=Role.AMBASSADOR, place=village).exists():
        Grant.objects.create(user=user, role=Role.AMBASSADOR, place=village)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def _editors_keep_helpers() -> None:
    content_type = ContentType.objects.get_for_model(VillageHelper)
    permissions = Permission.objects.filter(
        content_type=content_type,
        codename__in=["add_villagehelper", "change_villagehelper", "delete_villagehelper"],
    )
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions)


@transaction.atomic
def seed_help() -> int:
    """Needs the demo places first. Returns how many helpers the demo has."""
    if not Place.objects.filter(code=HELPER_VILLAGE).exists():
        return 0
    user = _helper_account()
    for order, (code, name, role, phone, zalo, hours) in enumerate(HELPERS):
        village = Place.objects.filter(code=code).first()
        if village is None or VillageHelper.objects.filter(village=village, name=name).exists():
            continue
        VillageHelper.objects.create(
            village=village,
            name=name,
            role=role,
            phone=phone,
            zalo=zalo,
            hours=hours,
            user=user if name == HELPER_NAME else None,
            sort_order=order,
        )
    for code, need, name, phone, message in REQUESTS:
        village = Place.objects.get(code=code)
        HelpRequest.objects.get_or_create(
            village=village,
            name=name,
            defaults={"need": need, "phone": phone, "message": message, "notified_at": None},
        )
    _editors_keep_helpers()
    return VillageHelper.objects.count()
