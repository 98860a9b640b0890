import os
import socket
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from tests.conftest import unavailable

PHONE = {"width": 360, "height": 740}
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session", autouse=True)
def configured_services():
    """In the services run the browser tests use PostgreSQL and Redis. One of
    them configured but not answering fails every browser test in CI (and
    skips it elsewhere), saying which, before the database is set up."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        host, port = database.get("HOST") or "localhost", int(database.get("PORT") or 5432)
        if not answers(host, port):
            unavailable(f"PostgreSQL at {host}:{port} (DATABASE_URL) is not reachable")
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("RedisCache"):
        location = urlparse(cache["LOCATION"])
        if not answers(location.hostname or "localhost", location.port or 6379):
            unavailable(f"Redis at {cache['LOCATION']} (CACHE_URL) is not reachable")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium not found at {CHROMIUM} (run `make browser`)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # our fixtures make alongside it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@contextmanager
def phone_page(browser):
    """A page in a fresh browser context (no cookies) at a phone-sized viewport."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def phone(browser):
    """A page in a fresh context at a phone-sized viewport."""
    with phone_page(browser) as page:
        yield page


@pytest.fixture
def axe():
    checker = Axe()

    def assert_accessible(page):
        results = checker.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = results.response["violations"]
        assert violations == [], results.generate_report()

    return assert_accessible
