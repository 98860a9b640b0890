"""Helpers shared by the national-course tests (their fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from lms.models import Learner, PhoneNumber
from tests.lms.factories import UserFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # what tests.lms.factories.staff uses


def vi(message) -> str:
    """A message as a Vietnamese visitor sees it in a page (translated with
    whatever the catalogue holds now, then HTML-escaped)."""
    with translation.override("vi"):
        text = translation.gettext(message) if isinstance(message, str) else str(message)
    return escape(text)


def stored_files() -> list[Path]:
    """Every file in private storage (the tests' isolated folder)."""
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def make_learner(village, username: str, *, phone: str | None = None, email: str = "") -> Learner:
    user = UserFactory(username=username, email=email)
    if phone:
        PhoneNumber.objects.create(user=user, number=phone, verified=True)
    return Learner.objects.create(
        user=user, full_name=f"Trần Thị {username.title()}", village=village
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def staff_client(user) -> Client:
    """A staff member signed in after the second step (TOTP), as allauth
    leaves the session; the 2FA middleware lets them through because they
    have an authenticator."""
    return signed_in(user)
