"""Sign-up and sign-in by phone and by e-mail, with a password and with a code."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from lms.models import ConsentMethod, Household, Learner, PhoneNumber
from lms.people.forms import SignupProfileForm
from lms.phones import INVALID_PHONE
from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Hoc-that-cham-2026"


def signup_data(places, **overrides):
    data = {
        "full_name": "Lê Thị  Hoa",
        "phone": "0912 345 678",
        "email": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "village": places["a1"].pk,
        "year_of_birth": "1958",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def vi(message) -> str:
    """A message as a Vietnamese visitor sees it (whatever the catalogue holds now)."""
    with translation.override("vi"):
        return translation.gettext(str(message))


@pytest.fixture
def hoa(places):
    """A learner who signed up by phone and verified it, with a password."""
    user = UserFactory(username="hoa", email="", password=PASSWORD)
    PhoneNumber.objects.create(user=user, number="+84912345678", verified=True)
    Learner.objects.create(user=user, full_name="Lê Thị Hoa", village=places["a1"])
    return user


def code_from(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def test_phone_signup_stores_one_normalised_number_and_verifies_it_by_sms(
    client, places, sms_outbox
):
    response = client.post(reverse("account_signup"), signup_data(places))
    assert response.status_code == 302
    user = get_user_model().objects.get(phone_number__number="+84912345678")
    learner = Learner.objects.get(user=user)
    assert learner.full_name == "Lê Thị Hoa"
    assert learner.village == places["a1"]
    assert learner.consents.get().method == ConsentMethod.ONLINE
    assert learner.consents.get().policy_version == "2026-01"
    assert [m.to for m in sms_outbox] == ["+84912345678"]
    assert "Học Vụ Số" in sms_outbox[0].body
    response = client.post(response["Location"], {"code": code_from(sms_outbox[0].body)})
    assert response.status_code == 302
    assert PhoneNumber.objects.get(user=user).verified
    assert client.get(reverse("lms:profile")).status_code == 200


def test_email_signup_with_password_is_confirmed_by_email(client, places):
    data = signup_data(places, phone="", email="Hoa.Le@Example.vn")
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email="hoa.le@example.vn")
    assert Learner.objects.filter(user=user).exists()
    assert not PhoneNumber.objects.filter(user=user).exists()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    client.get(link)
    client.post(link)
    response = client.post(
        reverse("account_login"), {"login": "hoa.le@example.vn", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user == user


def test_signup_needs_a_phone_or_an_email(client, places):
    response = client.post(reverse("account_signup"), signup_data(places, phone=""))
    assert response.status_code == 200
    assert vi("Enter a mobile phone number or an e-mail address.") in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("login", ["0912345678", "0912 345 678", "0912.345.678", "+84912345678"])
def test_login_by_phone_with_password_in_any_format(client, hoa, login):
    response = client.post(reverse("account_login"), {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated
    # allauth greets the learner by name, not by a generated user name.
    html = client.get(reverse("lms:profile")).content.decode()
    assert "Đăng nhập thành công với tên Lê Thị Hoa." in html


@pytest.fixture
def hoa_by_email(places):
    from allauth.account.models import EmailAddress

    user = UserFactory(username="hoa", email="hoa@example.vn", password=PASSWORD)
    EmailAddress.objects.create(user=user, email="hoa@example.vn", verified=True, primary=True)
    Learner.objects.create(user=user, full_name="Lê Thị Hoa", village=places["a1"])
    return user


def test_login_by_email_with_password(client, hoa_by_email):
    response = client.post(
        reverse("account_login"), {"login": "hoa@example.vn", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_login_by_code_sent_by_sms(client, hoa, sms_outbox):
    response = client.post(reverse("account_request_login_code"), {"phone": "0912.345.678"})
    assert response.status_code == 302
    assert [m.to for m in sms_outbox] == ["+84912345678"]
    response = client.post(
        reverse("account_confirm_login_code"), {"code": code_from(sms_outbox[0].body)}
    )
    assert response.status_code == 302
    assert client.get(reverse("lms:profile")).status_code == 200


def test_login_by_code_sent_by_email(client, hoa_by_email):
    response = client.post(reverse("account_request_login_code"), {"email": "hoa@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    response = client.post(
        reverse("account_confirm_login_code"), {"code": code_from(mail.outbox[0].body)}
    )
    assert response.status_code == 302
    assert client.get(reverse("lms:profile")).status_code == 200


def test_signup_pages_are_vietnamese(client, places):
    html = client.get(reverse("account_signup")).content.decode()
    assert '<html lang="vi">' in html
    assert vi("Create an account") in html
    assert vi("Mobile phone number") in html
    assert "Mật khẩu (nhập lại)" in html  # allauth's own label, from our catalogue
    html = client.get(reverse("account_login")).content.decode()
    assert "Số điện thoại hoặc e-mail" in html
    html = client.get(reverse("account_request_login_code")).content.decode()
    assert vi("Send me a sign-in code") in html


# --- Bad input -------------------------------------------------------------------


@pytest.mark.parametrize("phone", ["12345", "0912 345 67x", "091234567899"])
def test_malformed_phone_saves_nothing(client, places, phone):
    response = client.post(reverse("account_signup"), signup_data(places, phone=phone))
    assert response.status_code == 200
    assert vi(INVALID_PHONE) in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("year", ["2999", "1850", "58", "năm"])
def test_impossible_year_of_birth_saves_nothing(client, places, year):
    response = client.post(reverse("account_signup"), signup_data(places, year_of_birth=year))
    assert response.status_code == 200
    assert 'class="field__error"' in response.content.decode()
    assert not get_user_model().objects.exists()


def test_unknown_household_code_saves_nothing(client, places):
    response = client.post(
        reverse("account_signup"), signup_data(places, household_code="ZZZZ2222")
    )
    assert response.status_code == 200
    message = "No household has this code. Check it with a member of the household."
    assert vi(message) in response.content.decode()
    assert not get_user_model().objects.exists()


def test_unknown_village_saves_nothing(client, places):
    response = client.post(
        reverse("account_signup"), signup_data(places, village=places["commune_a"].pk)
    )
    assert response.status_code == 200
    assert not get_user_model().objects.exists()


def test_missing_consent_saves_nothing(client, places):
    data = signup_data(places)
    del data["consent"]
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert not get_user_model().objects.exists()


def test_forged_role_and_staff_fields_are_ignored(client, places):
    response = client.post(
        reverse("account_signup"),
        signup_data(places, role="manager", is_staff="on", is_superuser="on", grants="1", user="1"),
    )
    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert not user.is_staff and not user.is_superuser
    assert not user.grants.exists()


def test_duplicate_phone_does_not_reveal_the_account_and_saves_nothing(client, places, sms_outbox):
    first = client.post(reverse("account_signup"), signup_data(places))
    client.logout()
    sms_outbox.clear()
    cache.clear()  # allauth allows one code per number per 30 s; let that pass
    second = client.post(
        reverse("account_signup"),
        signup_data(places, phone="+84 912 345 678", full_name="Người Khác"),
    )
    # The same answer as a fresh sign-up: a redirect to the code page...
    assert second.status_code == first.status_code == 302
    # ...but no second account; the owner of the number is told by SMS instead.
    assert get_user_model().objects.count() == 1
    assert Learner.objects.count() == 1
    assert [m.to for m in sms_outbox] == ["+84912345678"]


def test_duplicate_email_does_not_reveal_the_account(client, places):
    first = client.post(
        reverse("account_signup"), signup_data(places, phone="", email="hoa@example.vn")
    )
    client.logout()
    mail.outbox.clear()
    cache.clear()  # allauth sends one mail per address per 3 minutes; let that pass
    second = client.post(
        reverse("account_signup"), signup_data(places, phone="", email="HOA@example.vn")
    )
    assert second.status_code == first.status_code == 302
    assert second["Location"] == first["Location"]
    assert get_user_model().objects.count() == 1
    assert Learner.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]


def test_login_code_for_unknown_phone_looks_the_same(client, hoa, sms_outbox):
    known = client.post(reverse("account_request_login_code"), {"phone": "0912345678"})
    client.logout()
    unknown = client.post(reverse("account_request_login_code"), {"phone": "0987654321"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_wrong_password_message_does_not_say_whether_the_phone_exists(client, hoa):
    known = client.post(reverse("account_login"), {"login": "0912345678", "password": "sai"})
    unknown = client.post(reverse("account_login"), {"login": "0987654321", "password": "sai"})
    assert known.status_code == unknown.status_code == 200
    known_errors = known.context["form"].non_field_errors()
    assert known_errors == unknown.context["form"].non_field_errors()


def test_login_attempts_are_rate_limited(client, hoa):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "0912345678", "password": "sai"})
    # Even the right password is refused for a while after five failures.
    response = client.post(reverse("account_login"), {"login": "0912345678", "password": PASSWORD})
    assert not response.wsgi_request.user.is_authenticated
    assert "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau." in response.content.decode()


def test_signup_can_start_a_household_and_another_learner_can_join(client, places, sms_outbox):
    client.post(reverse("account_signup"), signup_data(places, create_household="on"))
    household = Household.objects.get()
    assert household.village == places["a1"]
    client.logout()
    response = client.post(
        reverse("account_signup"),
        signup_data(
            places,
            phone="0987 654 321",
            full_name="Lê Văn Nam",
            household_code=household.code.lower(),
        ),
    )
    assert response.status_code == 302
    assert household.members.count() == 2


def test_household_code_from_another_village_is_refused(client, places):
    from lms.people.services import household_create

    household = household_create(village=places["b1"], name="Hộ khác")
    response = client.post(
        reverse("account_signup"), signup_data(places, household_code=household.code)
    )
    assert response.status_code == 200
    assert not Learner.objects.exists()


def test_under_16_needs_a_guardian(client, places):
    from django.utils import timezone

    year = str(timezone.localdate().year - 12)
    response = client.post(reverse("account_signup"), signup_data(places, year_of_birth=year))
    assert response.status_code == 200
    assert not get_user_model().objects.exists()
    response = client.post(
        reverse("account_signup"),
        signup_data(
            places, year_of_birth=year, guardian_name="Lê Văn Ba", guardian_relationship="Bố"
        ),
    )
    assert response.status_code == 302
    consent = Learner.objects.get().consents.get()
    assert (consent.guardian_name, consent.guardian_relationship) == ("Lê Văn Ba", "Bố")


def test_the_signup_form_keeps_fields_short_and_in_order():
    fields = list(SignupProfileForm.base_fields)
    assert fields[:2] == ["full_name", "village"]


def test_names_are_stored_nfc(client, places):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Lan")
    client.post(reverse("account_signup"), signup_data(places, full_name=nfd))
    assert Learner.objects.get().full_name == unicodedata.normalize("NFC", "Nguyễn Thị Lan")
