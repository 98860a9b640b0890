"""The baselines `make bench` measures against: a bare Wagtail page and a
minimal Django view that exists only when benchmark views are switched on."""

import importlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import clear_url_caches

from cms.models import BarePage, HomePage
from courses.models import CataloguePage
from tests.wagtail_admin import assert_refused

pytestmark = pytest.mark.django_db

BODY = "<h2>Khóa màn hình</h2><p>Đặt mã khó đoán cho điện thoại.</p>"


@pytest.fixture
def bare_page(demo_site):
    page = demo_site.add_child(instance=BarePage(title="Trang chuẩn", slug="bare", body=BODY))
    page.save_revision().publish()
    return page


def test_bare_page_serves_its_rich_text_without_the_site_chrome(client, bare_page):
    response = client.get(bare_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Khóa màn hình</h2>" in html
    assert "Đặt mã khó đoán cho điện thoại." in html
    assert "site-header" not in html  # nothing but the page itself is rendered


def test_bare_page_is_never_kept_by_a_page_cache(client, bare_page):
    """The baseline measures Wagtail itself, so every request must reach it."""
    first = client.get(bare_page.url)
    assert "no-store" in first["Cache-Control"]
    assert "private" in first["Cache-Control"]
    assert client.get(bare_page.url).get("X-Cache") != "hit"


def offered_page_types(response) -> set[str]:
    """The page types a page-type chooser links to, as ``app.model``."""
    html = response.content.decode()
    return {
        f"{app}.{model}" for app, model in re.findall(r'href="/admin/pages/add/(\w+)/(\w+)/', html)
    }


def demo_staff(username: str):
    """A demo staff account; it has an authenticator, so the admin opens for it."""
    return get_user_model().objects.get(username=username)


def test_editors_are_never_offered_the_bare_page(client, demo_site):
    client.force_login(demo_staff("editor"))
    catalogue = CataloguePage.objects.get()
    response = client.get(f"/admin/pages/{catalogue.pk}/add_subpage/")
    assert response.status_code == 200
    assert offered_page_types(response) == {"courses.coursepage", "courses.fourtprogrampage"}
    assert "barepage" not in response.content.decode().lower()

    # Under the home page, the only place a bare page may live, not even a
    # superuser is offered one: the catalogue exists, and nothing else may go
    # there, so the chooser refuses instead of leading to the bare page's form.
    client.force_login(demo_staff("admin"))  # a superuser
    assert_refused(client.get(f"/admin/pages/{demo_site.pk}/add_subpage/"))
    # And its form, asked for directly, is refused and creates nothing.
    form = f"/admin/pages/add/cms/barepage/{demo_site.pk}/"
    for response in (client.get(form), client.post(form, {"title": "Trang chuẩn", "slug": "b"})):
        assert_refused(response)
    assert not BarePage.objects.exists()
    assert not BarePage.can_create_at(demo_site)


def test_bare_page_lives_only_under_the_home_page(bare_page):
    assert BarePage.allowed_parent_page_models() == [HomePage]
    assert BarePage.allowed_subpage_models() == []


@pytest.fixture
def reload_urls(settings):
    def reload(enabled: bool):
        settings.BENCHMARK_VIEWS = enabled
        import cms.urls

        importlib.reload(cms.urls)
        clear_url_caches()

    yield reload
    settings.BENCHMARK_VIEWS = False
    reload(False)


def test_minimal_view_is_not_mounted_by_default(client, demo_site):
    assert client.get("/bench/minimal", follow=True).status_code == 404


def test_minimal_view_answers_when_benchmark_views_are_on(client, reload_urls):
    reload_urls(True)
    response = client.get("/bench/minimal")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert client.post("/bench/minimal").status_code == 405  # GET only
