"""Every page a learner (or someone checking a learner's certificate) sees
passes axe-core (WCAG 2.2 AA) on a phone, in Vietnamese and in English.

One test per page: each sets up the state its page is about (a household
with members, a revoked certificate, a claim sent back, a form submitted
with mistakes...). Then, once per language in a fresh browser, it opens the
page (in English through the language switch a visitor taps), does what the
visitor does there, checks that the page shows the state under test and
runs axe. Both languages are checked before the test fails, so one run
names every violation."""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from cms.demo import seed_site
from courses.models import FourTProgramPage
from lms import messaging
from lms.certificates.services import certificate_issue, certificate_revoke
from lms.models import PhoneNumber, Role
from lms.models.national import ClaimAction
from lms.national import services as national_services
from lms.national.uploads import check_certificate_file
from lms.people.services.cards import sign_in_card_create, sign_in_card_revoke_all
from lms.people.services.people import household_create
from tests.courses.factories import NationalCourseFactory
from tests.lms.factories import LearnerFactory, UserFactory, place_tree, staff
from tests.lms.national import files as national_files
from tests.lms.records_helpers import build_course, build_program, record

from .conftest import AXE_TAGS, phone_page
from .signing_in import sign_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("vi", "en")
LEARNER_NAME = "Phạm Thị Thu Hương"
LEARNER_PHONE = "+84912000123"


class Scene:
    """The state behind the pages: a learner of Khóm 1 and, made on demand,
    the courses, certificates, claims and cards a page shows."""

    def __init__(self):
        self.user = None  # who the page is for; None: a visitor not signed in
        self.home = seed_site()
        self.places = place_tree()
        self.learner = LearnerFactory(
            user=UserFactory(username="huong", email="huong@example.vn"),
            village=self.places["a1"],
            full_name=LEARNER_NAME,
        )
        PhoneNumber.objects.create(user=self.learner.user, number=LEARNER_PHONE, verified=True)

    def sign_in(self, user=None):
        self.user = user or self.learner.user

    @cached_property
    def trainer(self):
        return staff(Role.TRAINER, self.places["a1"], "trainer-khom-1", with_totp=False)

    @cached_property
    def course(self):
        course, _lessons = build_course(
            title="Thanh toán không dùng tiền mặt", lessons=2, check_lesson=True
        )
        return course

    def certificate(self, *, revoked=False):
        certificate = certificate_issue(
            learner=self.learner, course=self.course, completed_at=timezone.now()
        )
        if revoked:
            certificate_revoke(
                certificate=certificate, by=self.trainer, reason="Cấp nhầm theo danh sách cũ."
            )
        return certificate

    @cached_property
    def national_course(self):
        return NationalCourseFactory(title="Kỹ năng số cơ bản", certificate_hint="Mục Chứng nhận")

    def claim(self, *, course=None, decision=None, message=""):
        claim = national_services.certificate_claim_submit(
            learner=self.learner,
            course=course or self.national_course,
            certificate_number="BDHVS-2026-004711",
            issued_on=timezone.localdate() - datetime.timedelta(days=30),
            notes="Học xong ở nhà văn hoá khóm 1.",
            file=check_certificate_file(national_files.upload(national_files.photo())),
        )
        if decision:
            claim = national_services.certificate_claim_decide(
                claim_id=claim.pk, reviewer=self.trainer, decision=decision, message=message
            )
        return claim

    def card(self, *, usable=True) -> str:
        _card, token = sign_in_card_create(learner=self.learner, created_by=self.trainer)
        if not usable:
            sign_in_card_revoke_all(learner=self.learner, revoked_by=self.trainer)
        return token


@dataclass(frozen=True)
class LearnerPage:
    label: str
    # Sets the state up (signing in when the page needs it) and returns the path.
    open: Callable[[Scene], str]
    # Shown only when the page is in the state the test is about.
    expect: str
    # What the visitor does on the page before axe runs (e.g. submits a form).
    act: Callable | None = None
    status: int = 200


# --- Setting the pages up ---------------------------------------------------------------


def signed_in(path_name: str, *args) -> Callable[[Scene], str]:
    def open_page(scene: Scene) -> str:
        scene.sign_in()
        return reverse(path_name, args=args)

    return open_page


def anonymous(path: str) -> Callable[[Scene], str]:
    return lambda scene: path


def profile_first_visit(scene):
    scene.sign_in(UserFactory(username="moi-dang-ky"))  # an account with no learner profile
    return reverse("lms:profile")


def household_with_members(scene):
    household = household_create(village=scene.places["a1"], name="Hộ bà Phạm Thị Thu Hương")
    for learner in (scene.learner, LearnerFactory(village=scene.places["a1"])):
        learner.household = household
        learner.save(update_fields=["household", "updated_at"])
    scene.sign_in()
    return reverse("lms:household")


def my_learning_with_everything(scene):
    _in_progress, lessons = build_course(title="Dịch vụ công trực tuyến", lessons=2)
    record(scene.learner, lesson=lessons[0])
    scene.certificate()
    scene.claim(decision=ClaimAction.MORE_INFO, message="Ảnh bị mờ, xin chụp lại.")
    scene.sign_in()
    return reverse("lms:my_learning")


def my_certificates(scene):
    scene.certificate()
    program, _courses = build_program()
    certificate_revoke(
        certificate=certificate_issue(learner=scene.learner, program=program),
        by=scene.trainer,
        reason="Cấp nhầm theo danh sách cũ.",
    )
    scene.sign_in()
    return reverse("lms:my_certificates")


def own_certificate(*, revoked: bool):
    def open_page(scene):
        certificate = scene.certificate(revoked=revoked)
        scene.sign_in()
        return reverse("lms:certificate_detail", args=[certificate.code])

    return open_page


def certificate_check(*, revoked: bool):
    def open_page(scene):
        certificate = scene.certificate(revoked=revoked)
        return reverse("lms:certificate_verify", args=[certificate.code])

    return open_page


def my_claims(scene):
    verified = NationalCourseFactory(title="An toàn thông tin cho người cao tuổi")
    scene.claim()
    scene.claim(course=verified, decision=ClaimAction.APPROVED)
    national_services.national_course_visit_record(
        learner=scene.learner, course=NationalCourseFactory(title="Chữ ký số cho hộ kinh doanh")
    )
    scene.sign_in()
    return reverse("lms:my_claims")


def claim_form(scene):
    scene.national_course  # noqa: B018 - a course to choose
    scene.sign_in()
    return reverse("lms:claim_create")


def claim_page(**decision):
    def open_page(scene):
        claim = scene.claim(**decision)
        scene.sign_in()
        return reverse("lms:claim_detail", args=[claim.pk])

    return open_page


def closed_national_course(scene):
    course = NationalCourseFactory(title="Khóa học đã đóng", active=False)
    return reverse("lms:national_course_go", args=[course.pk])


def card(*, usable: bool):
    def open_page(scene):
        return reverse("lms:card_sign_in", args=[scene.card(usable=usable)])

    return open_page


def course_page(scene):
    return scene.course.url


def lesson_with_a_check(scene):
    return scene.course.get_children().live().last().url


def program_page(scene):
    build_program()
    return FourTProgramPage.objects.get().url


def catalogue_search(scene):
    return scene.course.get_parent().url + "?q=thanh+toan"


# --- What the visitor does first --------------------------------------------------------


def submit(page, form="form.account-form"):
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def submit_empty(page):
    submit(page)


def clear_the_name(page):
    page.fill("#id_full_name", "")
    submit(page)


def join_with_a_wrong_code(page):
    page.fill("#id_code", "KHONGCO")
    with page.expect_navigation():
        page.locator("button[name=action][value=join]").click()


def wrong_name(page):
    page.fill("#id_name", "pham thi thu huong")
    with page.expect_navigation():
        page.locator("#id_name").press("Enter")


def wrong_password(page):
    page.fill("#id_login", "huong@example.vn")
    page.fill("#id_password", "khong-phai-mat-khau")
    submit(page)


def request_a_code(page):
    messaging.outbox.clear()
    page.fill("#id_phone", "0912 000 123")
    with page.expect_navigation(url=re.compile(r"/accounts/login/code/confirm/")):
        page.locator("form.account-form button[type=submit]").click()
    assert [message.to for message in messaging.outbox] == [LEARNER_PHONE]


def request_a_code_and_type_a_wrong_one(page):
    request_a_code(page)
    sent = re.search(r"\b(\d{6})\b", messaging.outbox[0].body).group(1)
    page.fill("input[name=code]", "000000" if sent != "000000" else "111111")
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()


NEW_NUMBERS = itertools.count(300)  # a number not signed up yet, each time


def sign_up(page):
    page.fill("#id_full_name", "Nguyễn Thị Mận")
    page.fill("#id_phone", f"0987 654 {next(NEW_NUMBERS)}")
    page.fill("#id_password1", "Hoc-vu-so-that-vui-2026")
    page.fill("#id_password2", "Hoc-vu-so-that-vui-2026")
    page.select_option("#id_village", label="Khóm 2 (Xã Diên Sanh)")
    page.check("#id_consent")
    with page.expect_navigation(url=re.compile(r"/accounts/phone/verify/")):
        page.locator("form.account-form button[type=submit]").click()


FIELD_ERROR = ".field--error, .field__error"

PAGES = [
    # The home page and the courses.
    LearnerPage("home", anonymous("/"), "h1"),
    LearnerPage("catalogue, searched", catalogue_search, ".card__title"),
    LearnerPage("course", course_page, ".lesson-list__item"),
    LearnerPage("lesson with a knowledge check", lesson_with_a_check, ".knowledge-check__form"),
    LearnerPage("4T program", program_page, "section.pillar"),
    # Signing up and in.
    LearnerPage("sign up", anonymous("/accounts/signup/"), "#id_phone"),
    LearnerPage("sign up, with errors", anonymous("/accounts/signup/"), FIELD_ERROR, submit_empty),
    LearnerPage(
        "sign up, confirm the phone", anonymous("/accounts/signup/"), "[name=code]", sign_up
    ),
    LearnerPage("sign in", anonymous("/accounts/login/"), "#id_login"),
    LearnerPage(
        "sign in, wrong password", anonymous("/accounts/login/"), "[role=alert]", wrong_password
    ),
    LearnerPage("sign in by code", anonymous("/accounts/login/code/"), "#id_phone"),
    LearnerPage(
        "sign in by code, type the code",
        anonymous("/accounts/login/code/"),
        "input[name=code]",
        request_a_code,
    ),
    LearnerPage(
        "sign in by code, wrong code",
        anonymous("/accounts/login/code/"),
        FIELD_ERROR,
        request_a_code_and_type_a_wrong_one,
    ),
    LearnerPage("card sign-in", card(usable=True), "main form button[type=submit]"),
    LearnerPage("card sign-in, card cancelled", card(usable=False), ".notice--error", status=410),
    LearnerPage("password reset", anonymous("/accounts/password/reset/"), "#id_email"),
    LearnerPage("sign out", signed_in("account_logout"), "main form button[type=submit]"),
    # The learner's account.
    LearnerPage("profile", signed_in("lms:profile"), "#id_full_name"),
    LearnerPage("profile, with errors", signed_in("lms:profile"), FIELD_ERROR, clear_the_name),
    LearnerPage("profile, first visit", profile_first_visit, "#id_full_name"),
    LearnerPage("household, none yet", signed_in("lms:household"), "#id_code"),
    LearnerPage(
        "household, wrong code", signed_in("lms:household"), FIELD_ERROR, join_with_a_wrong_code
    ),
    LearnerPage("household, with members", household_with_members, ".household-code"),
    LearnerPage("my data", signed_in("lms:my_data"), "a[href$='/tai-khoan/xoa/']"),
    LearnerPage("delete account", signed_in("lms:delete_account"), "#id_confirm"),
    LearnerPage(
        "delete account, not confirmed", signed_in("lms:delete_account"), FIELD_ERROR, submit_empty
    ),
    # Learning and certificates.
    LearnerPage("my learning", my_learning_with_everything, ".card-list"),
    LearnerPage("my certificates, one revoked", my_certificates, ".card-list .badge"),
    LearnerPage("my certificate", own_certificate(revoked=False), ".certificate__holder"),
    LearnerPage("my certificate, revoked", own_certificate(revoked=True), ".notice--error"),
    LearnerPage("certificate check", anonymous("/chung-chi/kiem-tra/"), "#id_code"),
    LearnerPage("certificate check, valid", certificate_check(revoked=False), ".notice--success"),
    LearnerPage(
        "certificate check, wrong name",
        certificate_check(revoked=False),
        "[role=alert]",
        wrong_name,
    ),
    LearnerPage("certificate check, revoked", certificate_check(revoked=True), ".notice--error"),
    LearnerPage(
        "certificate check, unknown code",
        anonymous("/chung-chi/kiem-tra/ABCDEFGHJKLMNPQR/"),
        "h1",
        status=404,
    ),
    # National courses.
    LearnerPage("my national certificates", my_claims, ".claim-status--approved"),
    LearnerPage("send a certificate", claim_form, "#id_file"),
    LearnerPage("send a certificate, with errors", claim_form, FIELD_ERROR, submit_empty),
    LearnerPage("claim, waiting", claim_page(), ".claim-status--submitted"),
    LearnerPage(
        "claim, more information needed",
        claim_page(decision=ClaimAction.MORE_INFO, message="Ảnh bị mờ, xin chụp lại."),
        "#id_file",
    ),
    LearnerPage(
        "claim, not accepted",
        claim_page(decision=ClaimAction.REJECTED, message="Số chứng nhận không khớp."),
        ".notice--error",
    ),
    LearnerPage("claim, verified", claim_page(decision=ClaimAction.APPROVED), ".notice--success"),
    LearnerPage("national course closed", closed_national_course, "h1", status=410),
]


def visit(browser, base_url: str, learner_page: LearnerPage, path: str, user, language: str):
    """Open the page in one language, in a fresh browser, as its visitor
    would; return axe's report of its violations, or None."""
    with phone_page(browser) as page:
        if user is not None:
            sign_in_as(page, base_url, user)
        url = base_url + path
        if language != "vi":
            url = f"{base_url}/language/{language}/?next={quote(path)}"
        response = page.goto(url)
        where = f"{learner_page.label}, {language}"
        assert response.status == learner_page.status, f"{where}: {path} gave {response.status}"
        if learner_page.act:
            learner_page.act(page)
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language, where
        assert page.locator(learner_page.expect).count() >= 1, (
            f"{where}: not in the state under test, nothing matches {learner_page.expect}"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            f"{where}: the page scrolls sideways"
        )
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        if results.response["violations"]:
            return f"{where} ({page.url}):\n{results.generate_report()}"
    return None


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


@pytest.mark.parametrize("learner_page", PAGES, ids=[slug(page.label) for page in PAGES])
def test_learner_page_passes_axe_on_a_phone(live_server, browser, learner_page):
    scene = Scene()
    path = learner_page.open(scene)
    reports = [
        visit(browser, live_server.url, learner_page, path, scene.user, language)
        for language in LANGUAGES
    ]
    failures = [report for report in reports if report]
    assert failures == [], "\n\n".join(failures)


def test_the_check_finds_a_violation_when_a_page_has_one(live_server, phone, axe):
    """The check bites: the same axe run fails a page with an unlabelled field."""
    Scene()
    phone.goto(live_server.url + "/accounts/login/")
    phone.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')"
    )
    with pytest.raises(AssertionError, match="label"):
        axe(phone)
