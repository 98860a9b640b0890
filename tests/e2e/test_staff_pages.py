"""The main staff pages pass axe-core (WCAG 2.2 AA) on a phone, for a trainer
of one village and for a manager of the commune: one sign-in per role, then
every page in turn, including forms showing their errors."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from lms.demo.classes import CLASS_NAME
from lms.models import Learner, Place
from lms.models.classes import TrainingClass
from tests.lms.factories import LearnerFactory

from .conftest import AXE_TAGS
from .signing_in import sign_in_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class Checker:
    """Runs axe on each page and keeps every violation, so that one run names
    all the pages that need fixing."""

    def __init__(self, page, base_url):
        self.page, self.base_url = page, base_url
        self.axe = Axe()
        self.failures = []
        self.checked = []

    def check(self, label):
        assert self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            f"{label} scrolls sideways"
        )
        results = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        self.checked.append(label)
        if results.response["violations"]:
            self.failures.append(f"{label} ({self.page.url}):\n{results.generate_report()}")

    def visit(self, label, path, status=200):
        response = self.page.goto(self.base_url + path)
        assert response.status == status, f"{label}: {path} answered {response.status}"
        self.check(label)

    def assert_no_violations(self):
        assert self.failures == [], "\n\n".join(self.failures)


def report_pages(place: Place) -> list[tuple[str, str]]:
    base = f"/can-bo/bao-cao/dia-ban/{place.pk}/"
    return [
        ("completion by place", base),
        ("completion by course", base + "khoa-hoc/"),
        ("completion by target group", base + "nhom-doi-tuong/"),
        ("indicators", base + "chi-so/"),
        ("indicators by target group", base + "chi-so-nhom-doi-tuong/"),
    ]


def common_pages(checker: Checker, place: Place):
    """The pages a trainer and a manager share, with the forms' error states."""
    page = checker.page
    learner = Learner.objects.select_related("household").get(user__email="learner@demo.hocvuso.vn")
    training_class = TrainingClass.objects.get(name=CLASS_NAME)
    session = training_class.sessions.order_by("-date").first()

    checker.visit("learner list", "/can-bo/nguoi-hoc/")
    checker.visit("learner list, searched", "/can-bo/nguoi-hoc/?q=binh")
    checker.visit("learner detail", f"/can-bo/nguoi-hoc/{learner.pk}/")

    checker.visit("assisted registration", "/can-bo/nguoi-hoc/dang-ky/")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_load_state()
    checker.check("assisted registration with errors")

    checker.visit("households", "/can-bo/ho-gia-dinh/")
    page.select_option("#id_village", str(learner.village_id))
    page.fill("#id_name", learner.household.name)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist, .field__error, [role=alert]").count() >= 1
    checker.check("households, duplicate name refused")
    checker.visit("household detail", f"/can-bo/ho-gia-dinh/{learner.household_id}/")

    checker.visit("class list", "/can-bo/lop/")
    checker.visit("class detail", f"/can-bo/lop/{training_class.pk}/")
    checker.visit("attendance", f"/can-bo/lop/{training_class.pk}/buoi/{session.pk}/diem-danh/")
    checker.visit("class completion", f"/can-bo/bao-cao/lop/{training_class.pk}/")
    for label, path in report_pages(place):
        checker.visit(label, path)
    checker.visit("learner's report", f"/can-bo/bao-cao/nguoi-hoc/{learner.pk}/")
    checker.visit("national certificates queue", "/can-bo/chung-nhan-quoc-gia/")
    checker.visit("national certificates, all", "/can-bo/chung-nhan-quoc-gia/?show=all")
    checker.visit("help given", "/can-bo/ho-tro/")
    checker.visit("certificates", "/can-bo/chung-chi/")


def test_a_trainers_staff_pages_pass_axe_on_a_phone(live_server, demo_site, phone):
    checker = Checker(phone, live_server.url)
    sign_in_staff(phone, live_server.url, "trainer@demo.hocvuso.vn")
    common_pages(checker, Place.objects.get(code="19681-01"))
    # Quarterly reports are a manager's.
    assert phone.goto(live_server.url + "/can-bo/bao-cao-quy/").status == 403
    checker.assert_no_violations()
    assert len(checker.checked) >= 20


def test_a_managers_staff_pages_pass_axe_on_a_phone(live_server, demo_site, phone):
    checker = Checker(phone, live_server.url)
    sign_in_staff(phone, live_server.url, "manager@demo.hocvuso.vn")
    commune = Place.objects.get(code="19681")
    common_pages(checker, commune)
    targets_pages(checker, commune)
    checker.visit("completion report home", "/can-bo/bao-cao/?all=1")
    checker.visit("quarterly reports", "/can-bo/bao-cao-quy/")
    phone.locator("form.prose button[type=submit]").click()
    phone.wait_for_load_state()
    checker.check("quarterly reports, one prepared")
    phone.locator("table a[href*='/can-bo/bao-cao-quy/']").first.click()
    phone.wait_for_url(re.compile(r"/can-bo/bao-cao-quy/\d+/$"))
    checker.check("quarterly report")
    amended_version_pages(checker, commune)
    checker.assert_no_violations()
    assert len(checker.checked) >= 31


def targets_pages(checker: Checker, commune: Place):
    """The commune's targets: the form, a value above 100 refused with its
    message, a target saved, then the indicators with the target and gap."""
    page = checker.page
    checker.visit("targets", f"/can-bo/bao-cao/dia-ban/{commune.pk}/chi-tieu/")
    page.fill("#id_digital_id_2_share__year", "100,5")
    page.locator("form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".field__error").count() == 1
    checker.check("targets, a value above 100 refused")
    page.fill("#id_digital_id_2_share__year", "80")
    page.locator("form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".field__error").count() == 0
    checker.check("targets, saved")
    checker.visit("indicators with a target", f"/can-bo/bao-cao/dia-ban/{commune.pk}/chi-so/")
    assert page.locator("th", has_text="Chỉ tiêu").count() >= 1


def amended_version_pages(checker: Checker, commune: Place):
    """The prepared report frozen, then amended: the frozen version with its
    amendment form, the form's error, the amended version listing the figures
    that changed (a learner registered after the freeze) and the list of
    versions."""
    page = checker.page
    page.locator("form[action$='/chot/'] button[type=submit]").click()
    page.wait_for_load_state()
    checker.check("quarterly report, frozen, with the amendment form")
    page.fill("#id_reason", "   ")
    page.locator("form[action$='/dieu-chinh/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".notice--error").count() == 1
    checker.check("quarterly report, amendment without a reason refused")
    LearnerFactory(village=commune.get_children().order_by("path").first())
    page.fill("#id_reason", "Một người học được đăng ký sau khi báo cáo đã chốt.")
    page.locator("form[action$='/dieu-chinh/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("table.changes-table tbody tr").count() >= 1
    checker.check("quarterly report, amended version")
    checker.visit("quarterly reports, two versions", "/can-bo/bao-cao-quy/")
