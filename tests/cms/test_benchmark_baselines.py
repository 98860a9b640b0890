"""The baselines `make bench` measures against: a bare Wagtail page and a
minimal Django view that exists only when benchmark views are switched on."""

import importlib

import pytest
from django.urls import clear_url_caches

from cms.models import BarePage, HomePage

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


def test_editors_are_never_offered_the_bare_page(admin_client, demo_site):
    response = admin_client.get(f"/admin/pages/{demo_site.pk}/add_subpage/")
    assert response.status_code in {200, 302}
    assert "bench" not in response.content.decode().lower()
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
    assert client.post("/bench/minimal").status_code in {403, 405}
