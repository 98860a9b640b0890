"""Asking for help on a phone without an account, and Khóm 1's helper taking
and closing the request after two-step sign-in: every page passes axe-core
at 360x740 and works without JavaScript."""

import re

import pytest

from lms.demo.help import HELPER_EMAIL
from lms.models import AmbassadorHelp, HelpRequest, HelpStatus, Place

from .signing_in import sign_in_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_asking_for_help_then_a_helper_takes_and_closes_it(live_server, demo_site, browser, axe):
    from .conftest import phone_page

    village = Place.objects.get(code="19681-01")
    with phone_page(browser) as phone:
        phone.context.set_extra_http_headers({"Accept-Language": "vi"})
        phone.goto(live_server.url + "/")
        phone.locator("footer a[href='/ho-tro/']").click()
        phone.wait_for_url(re.compile(r"/ho-tro/$"))
        axe(phone)
        fits(phone)
        phone.select_option("#id_thon", str(village.pk))
        phone.locator("main form button[type=submit]").click()
        phone.wait_for_url(re.compile(r"/ho-tro/\?thon="))
        assert phone.locator("a[href^='tel:']").count() >= 1
        assert phone.locator("a[href^='https://zalo.me/']").count() >= 1
        axe(phone)
        fits(phone)

        phone.locator(f"main a[href='/ho-tro/nho-giup/?thon={village.pk}']").click()
        phone.wait_for_url(re.compile(r"/ho-tro/nho-giup/"))
        # Sent empty first: the errors show on the page, nothing is saved.
        phone.locator("main form button[type=submit]").click()
        phone.wait_for_load_state()
        assert phone.locator(".field__error, .errorlist, [role=alert]").count() >= 1
        axe(phone)
        fits(phone)
        phone.locator("input[name=need][value=vneid]").check()
        phone.fill("#id_name", "Bà Lê Thị Năm")
        phone.fill("#id_phone", "0914 222 399")
        phone.fill("#id_message", "Tôi quên mật khẩu VNeID.")
        phone.locator("main form button[type=submit]").click()
        phone.wait_for_url(re.compile(r"/ho-tro/da-gui/$"))
        axe(phone)
        fits(phone)
    help_request = HelpRequest.objects.get(name="Bà Lê Thị Năm")
    assert help_request.village == village and help_request.status == HelpStatus.OPEN

    with phone_page(browser) as phone:
        sign_in_staff(phone, live_server.url, HELPER_EMAIL)
        phone.goto(live_server.url + "/can-bo/yeu-cau-ho-tro/")
        axe(phone)
        fits(phone)
        phone.locator(f"a[href='/can-bo/yeu-cau-ho-tro/{help_request.pk}/']").click()
        phone.wait_for_url(re.compile(rf"/can-bo/yeu-cau-ho-tro/{help_request.pk}/$"))
        axe(phone)
        phone.locator(f"form[action$='/{help_request.pk}/nhan/'] button").click()
        phone.wait_for_url(re.compile(rf"/can-bo/yeu-cau-ho-tro/{help_request.pk}/$"))
        axe(phone)
        fits(phone)
        phone.locator("input[name=outcome][value=solved]").check()
        phone.locator(f"form[action$='/{help_request.pk}/dong/'] button").click()
        phone.wait_for_url(re.compile(r"/can-bo/yeu-cau-ho-tro/$"))
        axe(phone)
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.CLOSED and help_request.outcome == "solved"
    assert AmbassadorHelp.objects.filter(pk=help_request.help_log_id, place=village).exists()
