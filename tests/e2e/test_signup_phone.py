"""A learner signs up with a phone number on a phone, with no accessibility violations."""

import re

import pytest
from playwright.sync_api import expect

from lms import messaging
from lms.models import Learner, PhoneNumber

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_phone_signup_at_phone_size(live_server, demo_site, phone, axe):
    messaging.outbox.clear()
    phone.goto(live_server.url + "/accounts/signup/")
    assert phone.locator("html").get_attribute("lang") == "vi"
    axe(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    phone.fill("#id_full_name", "Nguyễn Thị Mận")
    phone.fill("#id_phone", "0987 654 321")
    phone.fill("#id_password1", "Hoc-vu-so-that-vui-2026")
    phone.fill("#id_password2", "Hoc-vu-so-that-vui-2026")
    phone.select_option("#id_village", label="Khóm 2 (Xã Diên Sanh)")
    phone.fill("#id_year_of_birth", "1957")
    phone.check("#id_consent")
    phone.locator("form.account-form button[type=submit]").click()

    phone.wait_for_url(re.compile(r"/accounts/phone/verify/"))
    axe(phone)
    assert [m.to for m in messaging.outbox] == ["+84987654321"]
    code = re.search(r"\b(\d{6})\b", messaging.outbox[0].body).group(1)
    phone.fill("input[name=code]", code)
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url(live_server.url + "/")

    learner = Learner.objects.get(full_name="Nguyễn Thị Mận")
    assert learner.village.name == "Khóm 2"
    assert PhoneNumber.objects.get(user=learner.user).verified

    phone.goto(live_server.url + "/tai-khoan/ho-so/")
    assert phone.locator("#id_full_name").input_value() == "Nguyễn Thị Mận"
    axe(phone)


def test_signup_errors_are_announced_and_accessible(live_server, demo_site, phone, axe):
    phone.goto(live_server.url + "/accounts/signup/")
    phone.fill("#id_full_name", "Lê Văn Tám")
    phone.fill("#id_phone", "12345")
    phone.locator("form.account-form button[type=submit]").click()
    expect(phone.locator(".field--error").nth(1)).to_be_attached()
    axe(phone)


def test_login_pages_are_accessible(live_server, demo_site, phone, axe):
    for path in ("/accounts/login/", "/accounts/login/code/", "/accounts/password/reset/"):
        phone.goto(live_server.url + path)
        assert phone.locator("html").get_attribute("lang") == "vi"
        axe(phone)
