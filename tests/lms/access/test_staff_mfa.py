"""Staff must set up an authenticator app before using staff pages; learners are not forced."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from lms.models import Learner, Role
from tests.lms.factories import UserFactory, staff, totp_code

pytestmark = pytest.mark.django_db


def test_staff_without_authenticator_are_sent_to_set_one_up(client, places):
    trainer = staff(Role.TRAINER, places["a1"], with_totp=False)
    client.post(reverse("account_login"), {"login": trainer.email, "password": "Mat-khau-dai-2026"})
    response = client.get(reverse("lms:staff_learners"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password once more, then shows the set-up page
    # (no redirect loop through our middleware).
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": "Mat-khau-dai-2026"})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "Bật ứng dụng xác thực" in response.content.decode()


def test_staff_with_authenticator_get_in(client, places):
    client.force_login(staff(Role.TRAINER, places["a1"]))
    assert client.get(reverse("lms:staff_learners")).status_code == 200


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/"])
def test_admin_sites_need_two_factor_too(client, places, path):
    editor = UserFactory(username="ed", is_staff=True, is_superuser=True)
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_admin_login_pages_go_through_the_site_sign_in_with_its_second_step(client, path):
    response = client.get(path, {"next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"


def test_admin_login_ignores_foreign_next(client):
    response = client.get("/admin/login/", {"next": "https://evil.example/"})
    assert response["Location"] == reverse("account_login") + "?next=%2F"


def test_learners_are_not_forced_to_set_up_two_factor(client, places):
    user = UserFactory(username="learner")
    Learner.objects.create(user=user, full_name="Phạm Văn Bình", village=places["a1"])
    client.force_login(user)
    assert client.get(reverse("lms:profile")).status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()


def test_staff_password_login_asks_for_the_authenticator_code(client, places):
    trainer = staff(Role.TRAINER, places["a1"])
    response = client.post(
        reverse("account_login"),
        {"login": trainer.email, "password": "Mat-khau-dai-2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not client.get(reverse("lms:profile")).wsgi_request.user.is_authenticated
    html = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Tài khoản của bạn được bảo vệ bằng xác thực hai bước" in html
    code = totp_code("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("lms:staff_learners")).status_code == 200
