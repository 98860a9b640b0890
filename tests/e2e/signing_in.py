"""Signing in from a browser test: a learner by a session cookie, a staff
member through the real two-step sign-in, typing the code an authenticator
app would show at that moment."""

import re
import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.test import Client

from lms.demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET

# A code with less time than this left in its step is not typed: the next
# step's is, so the code is still current when the server checks it, even on
# a busy machine and whatever MFA_TOTP_TOLERANCE allows.
FRESH_FOR_SECONDS = 3


def totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator app shows now, computed as allauth checks it."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < FRESH_FOR_SECONDS:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def sign_in_staff(page, base_url: str, login: str, *, secret: str = DEMO_TOTP_SECRET):
    """Password, then the authenticator code, as a trainer or manager does.

    The code is computed just before it is typed. allauth refuses a code used
    once already for the same account in the same step, so one test signing
    the same account in twice should sign out in between or wait a step."""
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation(url=re.compile(r"/accounts/2fa/authenticate/")):
        page.locator("form.account-form button[type=submit]").click()
    code = page.locator("input[name=code]")
    code.fill(totp_code(secret))
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()
    assert "/accounts/2fa/authenticate/" not in page.url, "the authenticator code was refused"


def sign_in_password(page, base_url: str, login: str):
    """A learner's own sign-in with a password (no second step)."""
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    assert "/accounts/login/" not in page.url, "the password was refused"


def sign_in_as(page, base_url: str, user):
    """Skip the sign-in form: give the browser a session of ``user``."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )
