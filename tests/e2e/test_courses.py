import re

import pytest
from playwright.sync_api import expect

from courses.models import CataloguePage, CoursePage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_find_and_read_a_lesson_on_a_phone(live_server, demo_site, phone, axe):
    phone.goto(live_server.url + "/")
    catalogue = CataloguePage.objects.get()
    phone.locator(f'.site-nav a[href="{catalogue.url}"]').click()
    phone.wait_for_url("**" + catalogue.url)
    expect(phone.locator("h1")).to_have_text(catalogue.title)
    assert phone.locator(".badge--external").count() > 0
    axe(phone)

    # Search without accents finds the course with them.
    phone.locator('input[name="q"]').fill("thanh toan")
    phone.locator('.catalogue-filters button[type="submit"]').click()
    phone.wait_for_url(re.compile(r"\?q=thanh\+toan"))
    phone.wait_for_load_state()
    results = phone.locator(".card__title")
    assert "Thanh toán không dùng tiền mặt bằng mã QR" in results.all_inner_texts()
    axe(phone)

    course = CoursePage.objects.get(title="Thanh toán không dùng tiền mặt bằng mã QR")
    phone.get_by_role("link", name=course.title).click()
    phone.wait_for_url("**" + course.url)
    phone.wait_for_load_state()
    expect(phone.locator(".lesson-list__item").nth(2)).to_be_attached()
    axe(phone)

    phone.locator(".lesson-list__item a").first.click()
    expect(phone.locator("h1")).to_have_text("Tạo mã VietQR cho sạp hàng")
    phone.wait_for_load_state()
    # Pictures keep their space while loading, and say what they show.
    for image in phone.locator("article img").all():
        assert image.get_attribute("alt")
        assert image.get_attribute("width") and image.get_attribute("height")
    phone.locator(".transcript summary").first.click()
    assert phone.locator(".transcript__text").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe(phone)

    phone.locator('a[rel="next"]').click()
    expect(phone.locator("h1")).to_have_text("Kiểm tra tiền đã vào tài khoản")


def test_the_4t_program_lists_a_course_per_pillar(live_server, demo_site, phone, axe):
    from courses.models import FourTProgramPage

    program = FourTProgramPage.objects.get()
    phone.goto(live_server.url + program.url)
    assert phone.locator("section.pillar").count() == 4
    axe(phone)
