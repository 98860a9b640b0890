"""News at a phone's size: readable, accessible, shareable without JavaScript."""

import pytest
from playwright.sync_api import expect

from cms.models import FaqPage, NewsIndexPage, NewsPage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Inline links in the text are exempt; the controls are not.
SMALL_TARGETS = """() => [...document.querySelectorAll('.share a, .share button, .share input')]
    .filter(el => el.offsetParent !== null)
    .map(el => [el.textContent.trim() || el.outerHTML.slice(0, 60), el.getBoundingClientRect()])
    .filter(([, r]) => r.height < 44)
    .map(([label, r]) => `${label}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""


def no_sideways_scrolling(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_news_list_at_phone_size(live_server, demo_site, phone, axe, language):
    index = NewsIndexPage.objects.get()
    if language == "en":
        phone.context.add_cookies(
            [{"name": "hocvuso_language", "value": "en", "url": live_server.url}]
        )
    phone.goto(live_server.url + index.url)
    assert phone.locator("h1").inner_text() == index.title
    assert phone.locator(".news-card").count() == NewsPage.objects.live().count()
    axe(phone)
    assert no_sideways_scrolling(phone)
    # A category narrows the list.
    phone.locator(".news-categories a", has_text="Dịch vụ công").click()
    assert phone.locator(".news-card").count() == 1
    axe(phone)


def test_a_news_article_at_phone_size_shares_and_copies_its_link(
    live_server, demo_site, phone, axe
):
    article = NewsPage.objects.get(slug="ngay-hoi-toan-dan-hoc-tap-so")
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    phone.goto(live_server.url + article.url)
    assert phone.locator("h1").inner_text() == article.title
    assert phone.locator("main img").get_attribute("alt") == article.image_alt
    axe(phone)
    assert no_sideways_scrolling(phone)
    assert phone.evaluate(SMALL_TARGETS) == []
    zalo = phone.get_by_role("link", name="Chia sẻ qua Zalo")
    assert zalo.get_attribute("href").startswith("https://sp.zalo.me/share_inline?url=http")
    button = phone.get_by_role("button", name="Sao chép liên kết")
    button.click()
    expect(phone.locator('[data-copy-status="share-url"]')).to_have_text("Đã sao chép liên kết")
    assert phone.evaluate("navigator.clipboard.readText()").endswith(article.url)
    axe(phone)


def test_without_javascript_the_link_is_in_a_box_to_select(live_server, demo_site, browser):
    article = NewsPage.objects.get(slug="ngay-hoi-toan-dan-hoc-tap-so")
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + article.url)
        box = page.get_by_label("Liên kết đến trang này")
        assert box.is_visible()
        assert box.input_value().endswith(article.url)
        assert not page.get_by_role("button", name="Sao chép liên kết").is_visible()
    finally:
        context.close()


def test_the_questions_open_without_javascript(live_server, demo_site, browser, axe):
    faq = FaqPage.objects.get()
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + faq.url)
        first = page.locator("details").first
        answer = first.locator(".faq-item__answer")
        assert not answer.is_visible()
        first.locator("summary").click()
        assert answer.is_visible()
        assert no_sideways_scrolling(page)
    finally:
        context.close()
    with_js = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = with_js.new_page()
        page.goto(live_server.url + faq.url)
        axe(page)
    finally:
        with_js.close()
