"""Demo people and accounts. Idempotent: running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

DEMO_PASSWORD = "HocVuSo@2026"  # noqa: S105 - demo only, documented in the README


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    first_name: str
    last_name: str
    groups: tuple[str, ...] = ()
    is_superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("admin", "admin@demo.hocvuso.vn", "Quản trị", "Nguyễn Văn", is_superuser=True),
    DemoAccount("editor", "editor@demo.hocvuso.vn", "Lan", "Trần Thị", groups=("Editors",)),
    DemoAccount("moderator", "moderator@demo.hocvuso.vn", "Hùng", "Lê Văn", groups=("Moderators",)),
    DemoAccount("learner", "learner@demo.hocvuso.vn", "Bình", "Phạm Văn"),
]


@transaction.atomic
def seed_accounts() -> list:
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
        users.append(user)
    return users
