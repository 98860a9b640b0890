"""A trainer signs in with two-step sign-in and takes attendance for a class on
a phone: filter by name, tick, save, then record lessons done in class; every
page passes axe-core at 360x740."""

import re

import pytest

from lms.demo.classes import CLASS_NAME
from lms.models import LearningEvent
from lms.models.classes import Attendance, TrainingClass

from .signing_in import sign_in_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in_trainer(page, base_url):
    sign_in_staff(page, base_url, "trainer@demo.hocvuso.vn")


def small_targets(page):
    return page.evaluate(
        """() => [...document.querySelectorAll(
                'main a, main button, main input[type=checkbox], main .tick-list__label')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent.trim() || el.outerHTML.slice(0, 60),
                        el.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 || r.width < 44)
            .map(([label, r]) => `${label}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )


def test_attendance_on_a_phone(live_server, demo_site, phone, axe):
    training_class = TrainingClass.objects.get(name=CLASS_NAME)
    today = training_class.sessions.order_by("-date").first()
    learners = {learner.full_name: learner for learner in training_class.learners.all()}
    sign_in_trainer(phone, live_server.url)

    phone.goto(live_server.url + "/can-bo/lop/")
    axe(phone)
    phone.get_by_role("link", name=CLASS_NAME).click()
    phone.wait_for_url(re.compile(rf"/can-bo/lop/{training_class.pk}/$"))
    axe(phone)

    phone.goto(f"{live_server.url}/can-bo/lop/{training_class.pk}/buoi/{today.pk}/diem-danh/")
    axe(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    rows = phone.locator(".tick-list__row")
    assert rows.count() == len(learners)
    for box in phone.locator(".tick-list__label").all():
        assert box.bounding_box()["height"] >= 44
    assert small_targets(phone) == []

    # Typing filters instantly, without diacritics, and hides nobody from the form.
    phone.fill("#id_q", "nguyen thi lan")
    assert phone.locator(".tick-list__row:visible").count() == 1
    phone.locator(f"label[for=present-{learners['Nguyễn Thị Lan'].pk}]").click()
    phone.fill("#id_q", "duc")
    assert phone.locator(".tick-list__row:visible").count() == 1
    phone.locator(f"label[for=present-{learners['Trần Văn Đức'].pk}]").click()
    phone.fill("#id_q", "")
    assert phone.locator(".tick-list__row:visible").count() == len(learners)
    phone.locator(f"label[for=present-{learners['Lê Thị Hoa'].pk}]").click()
    assert "3" in phone.locator("[data-attendance-count]").inner_text()
    phone.locator("[data-attendance-form] button[type=submit]").click()
    phone.wait_for_load_state()
    assert phone.locator(".notice--success").count() == 1
    axe(phone)

    present = set(
        Attendance.objects.filter(session=today, present=True).values_list(
            "learner__full_name", flat=True
        )
    )
    assert present == {"Nguyễn Thị Lan", "Trần Văn Đức", "Lê Thị Hoa"}
    assert Attendance.objects.filter(session=today).count() == len(learners)

    phone.goto(f"{live_server.url}/can-bo/lop/{training_class.pk}/buoi/{today.pk}/bai-hoc/")
    axe(phone)
    before = LearningEvent.objects.filter(context__session_id=today.pk).count()
    phone.locator(".tick-list__label").first.click()
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_load_state()
    assert phone.locator(".notice--success").count() == 1
    assert LearningEvent.objects.filter(context__session_id=today.pk).count() == before + 3

    phone.goto(f"{live_server.url}/can-bo/bao-cao/lop/{training_class.pk}/")
    assert phone.locator(".report-table tbody tr").count() == len(learners) + 1
    axe(phone)

    # The trainer's place report (the village's learners and a chart over time).
    phone.goto(f"{live_server.url}/can-bo/bao-cao/")
    phone.wait_for_url(re.compile(r"/can-bo/bao-cao/dia-ban/\d+/"))
    assert phone.locator(".chart").count() == 1
    axe(phone)
    phone.locator("a[href*='chi-so/']").first.click()
    phone.wait_for_load_state()
    axe(phone)


def test_attendance_filter_works_without_javascript(live_server, demo_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    try:
        training_class = TrainingClass.objects.get(name=CLASS_NAME)
        today = training_class.sessions.order_by("-date").first()
        sign_in_trainer(page, live_server.url)
        page.goto(f"{live_server.url}/can-bo/lop/{training_class.pk}/buoi/{today.pk}/diem-danh/")
        page.fill("#id_q", "le thi hoa")
        page.locator("[data-attendance-filter] button[type=submit]").click()
        page.wait_for_url(re.compile(r"\?q=le\+thi\+hoa"))
        assert page.locator(".tick-list__row").count() == 1
        page.locator(".tick-list__label").first.click()
        page.locator("[data-attendance-form] button[type=submit]").click()
        page.wait_for_load_state()
        present = Attendance.objects.filter(session=today, present=True)
        assert list(present.values_list("learner__full_name", flat=True)) == ["Lê Thị Hoa"]
        assert Attendance.objects.filter(session=today).count() == 1  # only the one shown
    finally:
        context.close()
