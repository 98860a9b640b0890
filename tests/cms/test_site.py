import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from cms.models import HomePage
from lms.demo.people import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db


def test_home_page_serves_seeded_content_in_vietnamese(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert demo_site.title in html
    assert "Chuyển đến nội dung chính" in html  # the skip link, translated
    assert 'href="#main"' in html and 'id="main"' in html
    assert "Ủy ban nhân dân xã Diên Sanh" in html  # site identity in the chrome


def test_browser_language_does_not_override_the_vietnamese_default(client, demo_site):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html


def test_language_switcher_turns_the_interface_english(client, demo_site):
    response = client.get("/language/en/?next=/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_language_switcher_ignores_unknown_languages_and_foreign_redirects(client, demo_site):
    response = client.get("/language/xx/?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_seed_demo_is_idempotent(demo_site):
    from django.core.management import call_command

    counts = (Page.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", stdout=None)
    assert (Page.objects.count(), get_user_model().objects.count()) == counts
    assert HomePage.objects.count() == 1


def test_seed_demo_creates_an_account_per_role_that_can_sign_in(client, demo_site):
    from lms.demo.people import DEMO_PASSWORD

    for account in DEMO_ACCOUNTS:
        response = client.post(
            "/accounts/login/", {"login": account.email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, account.role
        if account.staff:
            # Staff have an authenticator: the password leads to the second step.
            assert response["Location"] == "/accounts/2fa/authenticate/", account.role
        else:
            assert response["Location"] == "/", account.role
            assert client.get("/").wsgi_request.user.username == account.role
        client.logout()


def test_staff_demo_accounts_complete_sign_in_with_the_documented_totp_secret(client, demo_site):
    from lms.demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET
    from tests.lms.factories import totp_code

    client.post("/accounts/login/", {"login": "trainer@demo.hocvuso.vn", "password": DEMO_PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(DEMO_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/can-bo/nguoi-hoc/").status_code == 200


@pytest.mark.parametrize(
    ("url", "expected"),
    [("/admin/", 302), ("/django-admin/", 302), ("/accounts/login/", 200), ("/sitemap.xml", 200)],
)
def test_public_contract_urls(client, demo_site, url, expected):
    assert client.get(url).status_code == expected


def test_wagtail_admin_asks_anonymous_visitors_to_sign_in(client, demo_site):
    response = client.get("/admin/")
    assert "/admin/login/" in response["Location"]


def test_static_stylesheet_is_served(client, demo_site):
    html = client.get("/").content.decode()
    assert "/static/hocvuso/hocvuso.css" in html
