"""Fixtures shared by the national-course tests (import the ones you use)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from lms.models import Learner, PhoneNumber, Role
from tests.courses.factories import NationalCourseFactory
from tests.lms.factories import UserFactory, staff

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


@pytest.fixture
def course(db):
    return NationalCourseFactory(title="Kỹ năng số cơ bản", certificate_hint="Mục Chứng nhận")


@pytest.fixture
def lan(places):
    return make_learner(places["a1"], "lan", phone="+84912000001")


@pytest.fixture
def binh(places):
    return make_learner(places["b1"], "binh", email="binh@example.vn")


@pytest.fixture
def trainer_a(places):
    return staff(Role.TRAINER, places["a1"], "trainer-a")


@pytest.fixture
def trainer_b(places):
    return staff(Role.TRAINER, places["b1"], "trainer-b")
