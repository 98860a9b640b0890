import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_at_phone_size_has_no_axe_violations(live_server, demo_site, phone, axe):
    phone.goto(live_server.url + "/")
    assert phone.locator("h1").inner_text() == demo_site.title
    axe(phone)


def test_home_page_has_a_working_skip_link_and_readable_text(live_server, demo_site, phone):
    phone.goto(live_server.url + "/")
    phone.keyboard.press("Tab")
    skip = phone.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0  # shown when focused
    font_size = phone.evaluate("getComputedStyle(document.body).fontSize")
    assert float(font_size.removesuffix("px")) >= 18
    # No sideways scrolling at 360px.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_touch_targets_are_at_least_44px(live_server, demo_site, phone):
    phone.goto(live_server.url + "/")
    small = phone.evaluate(
        """() => [...document.querySelectorAll('a, button, input, select, textarea')]
            .filter(el => el.offsetParent !== null && !el.classList.contains('skip-link'))
            .map(el => [el.textContent.trim() || el.outerHTML.slice(0, 60),
                        el.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 || r.width < 44)
            .map(([label, r]) => `${label}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert small == []


def test_english_is_one_tap_away(live_server, demo_site, phone):
    phone.goto(live_server.url + "/")
    # The browser asks for English; the site stays Vietnamese until told.
    assert phone.locator("html").get_attribute("lang") == "vi"
    phone.get_by_role("link", name="English").click()
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_role("link", name="Sign in").is_visible()


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_home_page_sections_at_360px_have_no_axe_violations(
    live_server, demo_site, phone, axe, language
):
    phone.goto(live_server.url + "/")
    if language == "en":
        phone.get_by_role("link", name="English").click()
    movement = "“Bình dân học vụ số” là gì?"
    counters = "Phong trào qua những con số" if language == "vi" else "The movement in numbers"
    featured = "Khóa học nổi bật" if language == "vi" else "Featured courses"
    for name in (movement, counters, featured):
        assert phone.get_by_role("heading", name=name, level=2).is_visible()
    # The 4T program and the four featured courses of the demo, as cards.
    cards = phone.locator("#home-courses ~ .card-list .card__title")
    assert cards.count() == 5
    assert cards.first.inner_text() == "Chợ số – Nông thôn số: mô hình 4T"
    assert phone.locator(".counter").count() == 4
    assert _no_sideways_scroll(phone)
    axe(phone)


def test_home_page_works_without_javascript(live_server, demo_site, browser):
    from tests.e2e.conftest import PHONE

    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert page.get_by_role("heading", name="Khóa học nổi bật", level=2).is_visible()
        page.locator("#home-courses ~ .card-list .card__title a").nth(1).click()
        assert page.locator("h1").inner_text() == "Dùng điện thoại thông minh an toàn"
    finally:
        context.close()
