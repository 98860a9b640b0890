"""Local certificates: issued on completion, printed, checked publicly, revoked."""

import io
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lms.certificates.services import (
    certificate_issue,
    certificate_name_matches,
    certificate_revoke,
    normalise_code,
)
from lms.models import AuditAction, AuditEntry, Role
from lms.models.certificates import CODE_ALPHABET, CODE_LENGTH, Certificate
from lms.signals import course_completed
from tests.lms.factories import LearnerFactory, staff
from tests.lms.records_helpers import build_course, build_program, record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


@pytest.fixture
def course_and_lessons(db):
    return build_course(title="Thanh toán không dùng tiền mặt", lessons=2)


def complete(learner, course, lessons):
    for lesson in lessons:
        record(learner, lesson=lesson)


@pytest.fixture
def certificate(learner, course_and_lessons, tasks):
    course, lessons = course_and_lessons
    with tasks.run():
        complete(learner, course, lessons)
    return Certificate.objects.get(learner=learner, course=course)


# --- Issuing -------------------------------------------------------------------------


def test_completing_a_course_issues_a_certificate_with_an_unguessable_code(
    learner, course_and_lessons, tasks
):
    course, lessons = course_and_lessons
    with tasks.run():
        record(learner, lesson=lessons[0])
    assert not Certificate.objects.exists()  # half a course earns nothing

    with tasks.run():
        record(learner, lesson=lessons[1])

    certificate = Certificate.objects.get()
    assert certificate.learner == learner
    assert certificate.course == course and certificate.program is None
    assert certificate.title == course.title
    assert certificate.holder_name == "Nguyễn Thị Hòa"
    # The host site names the organisation in its identity settings.
    assert certificate.issuer == "Ủy ban nhân dân xã Diên Sanh"
    assert len(certificate.code) == CODE_LENGTH
    assert set(certificate.code) <= set(CODE_ALPHABET)
    assert certificate.display_code.count("-") == 3


@pytest.mark.eager_tasks("the issuer is a setting this test changes in its own process only")
@pytest.mark.parametrize(
    "issuer",
    [
        "lms.certificates.services.default_issuer_name",
        # The path it had before certificates became a room of lms still works.
        "lms.services.certificates.default_issuer_name",
    ],
)
def test_without_the_host_the_issuer_is_the_site_name(
    settings, learner, course_and_lessons, tasks, issuer
):
    settings.HOCVUSO = {**settings.HOCVUSO, "CERTIFICATE_ISSUER": issuer}
    course, lessons = course_and_lessons
    with tasks.run():
        complete(learner, course, lessons)
    assert Certificate.objects.get().issuer == course.get_site().site_name == "Học Vụ Số"


def test_completing_the_4t_program_issues_a_program_certificate(learner, tasks):
    program, courses = build_program()
    with tasks.run():
        for course, lessons in courses[:3]:
            complete(learner, course, lessons)
    assert not Certificate.objects.filter(program=program).exists()

    with tasks.run():
        complete(learner, *courses[3])

    certificate = Certificate.objects.get(program=program)
    assert certificate.title == program.title and certificate.course is None
    # Each of the four courses has its own certificate too.
    assert Certificate.objects.filter(learner=learner, course__isnull=False).count() == 4


def test_issuing_is_idempotent(learner, course_and_lessons, tasks):
    course, _lessons = course_and_lessons
    now = timezone.now()
    first = certificate_issue(learner=learner, course=course, completed_at=now)
    again = certificate_issue(learner=learner, course=course, completed_at=now)
    assert first.pk == again.pk

    # A completion signal delivered twice (a retried task) issues nothing new.
    with tasks.run():
        course_completed.send(sender=None, learner=learner, course=course, completed_at=now)
        course_completed.send(sender=None, learner=learner, course=course, completed_at=now)
    assert Certificate.objects.count() == 1


def test_the_database_refuses_a_second_certificate_or_one_for_nothing(learner, course_and_lessons):
    course, _lessons = course_and_lessons
    fields = {"title": "x", "holder_name": "x", "issuer": "x", "completed_at": timezone.now()}
    Certificate.objects.create(code="A" * 16, learner=learner, course=course, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(code="B" * 16, learner=learner, course=course, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(code="C" * 16, learner=learner, **fields)


def test_a_revoked_certificate_is_not_reissued_by_completing_again(
    learner, certificate, course_and_lessons, tasks
):
    certificate_revoke(certificate=certificate, by=None, reason="Ghi nhận nhầm")
    course, _lessons = course_and_lessons
    with tasks.run():
        course_completed.send(
            sender=None, learner=learner, course=course, completed_at=timezone.now()
        )
    assert Certificate.objects.get().is_revoked


# --- Codes and names -------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["", "abc", "0000-0000-0000-0000", "ABCD-EFGH-JKLM-NPQ", "'; DROP TABLE--", "A" * 200]
)
def test_malformed_codes_are_never_looked_up(raw):
    assert normalise_code(raw) is None


def test_codes_may_be_typed_in_lower_case_with_spaces():
    assert normalise_code(" abcd efgh-jkmn pqrs ") == "ABCDEFGHJKMNPQRS"


@pytest.mark.parametrize(
    "typed",
    [
        "Nguyễn Thị Hòa",
        "  nguyễn   thị  HÒA ",
        "Nguyễn Thị Hoà",  # the tone mark on the other vowel
        unicodedata.normalize("NFD", "Nguyễn Thị Hòa"),  # a keyboard sending NFD
    ],
)
def test_the_printed_name_matches_however_it_is_typed(certificate, typed):
    assert certificate_name_matches(certificate=certificate, name=typed)


@pytest.mark.parametrize("typed", ["Nguyen Thi Hoa", "Nguyễn Thị Hoa", "Nguyễn Thị", "", "   "])
def test_other_names_do_not_match(certificate, typed):
    assert not certificate_name_matches(certificate=certificate, name=typed)


# --- The learner's pages ---------------------------------------------------------


def test_the_learner_views_prints_and_downloads_their_certificate(client, learner, certificate):
    client.force_login(learner.user)
    page = client.get(reverse("lms:my_certificates"))
    assert certificate.title in page.content.decode()

    response = client.get(reverse("lms:certificate_detail", args=[certificate.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Hòa" in html and certificate.display_code in html
    assert "<svg" in html  # the QR code
    assert "private" in response["Cache-Control"]

    pdf = client.get(reverse("lms:certificate_download", args=[certificate.code]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert certificate.display_code in text
    assert "Thanh toán không dùng tiền mặt" in text  # Vietnamese letters survive
    assert "Nguyễn Thị Hòa" in text
    verify_url = "http://testserver" + reverse("lms:certificate_verify", args=[certificate.code])
    assert verify_url in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Only the embedded Vietnamese font, no built-in font without the letters.
    assert fonts and all("NotoSans" in name for name in fonts)


def test_nobody_else_sees_a_learners_certificate(client, places, certificate):
    other = LearnerFactory(village=places["a1"])
    client.force_login(other.user)
    for name in ("lms:certificate_detail", "lms:certificate_download"):
        assert client.get(reverse(name, args=[certificate.code])).status_code == 404
    client.logout()
    response = client.get(reverse("lms:certificate_detail", args=[certificate.code]))
    assert response.status_code == 302  # to sign in


def test_the_data_download_holds_certificates(client, learner, certificate):
    client.force_login(learner.user)
    response = client.post(reverse("lms:my_data"))
    import json

    data = json.loads(response.content)
    assert data["certificates"][0]["code"] == certificate.display_code


# --- Public verification ----------------------------------------------------------


def verify_url(certificate):
    return reverse("lms:certificate_verify", args=[certificate.code])


def test_the_public_page_shows_validity_and_only_initials(client, certificate):
    response = client.get(verify_url(certificate))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thanh toán không dùng tiền mặt" in html
    assert (
        certificate.completed_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y")
        in html
    )
    assert certificate.issuer in html
    assert "N. T. H." in html
    assert "Nguyễn Thị Hòa" not in html
    assert "no-store" in response["Cache-Control"]


def test_the_full_name_appears_only_when_typed_correctly(client, certificate):
    wrong = client.post(verify_url(certificate), {"name": "Nguyễn Thị Lan"})
    assert "Nguyễn Thị Hòa" not in wrong.content.decode()
    assert "does not match" in wrong.content.decode()

    right = client.post(verify_url(certificate), {"name": "nguyễn thị hoà"})
    html = right.content.decode()
    assert "Nguyễn Thị Hòa" in html and "matches" in html
    assert "no-store" in right["Cache-Control"] and "private" in right["Cache-Control"]


def test_name_checks_are_rate_limited(client, settings, certificate):
    settings.HOCVUSO = {**settings.HOCVUSO, "CERTIFICATE_NAME_CHECKS_PER_HOUR": 3}
    for attempt in range(3):
        response = client.post(verify_url(certificate), {"name": f"Tên {attempt}"})
        assert response.status_code == 200
    blocked = client.post(verify_url(certificate), {"name": "Nguyễn Thị Hòa"})
    assert blocked.status_code == 429
    assert "Nguyễn Thị Hòa" not in blocked.content.decode()  # even the right name


@pytest.mark.parametrize("code", ["ABCDEFGHJKLMNPQR", "not-a-code", "0" * 16])
def test_unknown_or_malformed_codes_get_a_clear_404(client, certificate, code):
    response = client.get(reverse("lms:certificate_verify", args=[code]))
    assert response.status_code == 404
    assert "Certificate not found" in response.content.decode()


def test_a_typed_code_leads_to_its_page(client, certificate):
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get(reverse("lms:certificate_verify_lookup"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate)

    bad = client.get(reverse("lms:certificate_verify_lookup"), {"code": "12"})
    assert bad.status_code == 200
    assert "That is not a certificate code" in bad.content.decode()


def test_a_revoked_certificate_says_so_with_the_date_but_not_the_reason(client, certificate):
    certificate_revoke(certificate=certificate, by=None, reason="Hồ sơ khai sai")
    response = client.get(verify_url(certificate))
    html = response.content.decode()
    assert "revoked on" in html
    assert timezone.localdate().strftime("%d/%m/%Y") in html
    assert "Hồ sơ khai sai" not in html
    # No name check for a certificate that is no longer valid.
    posted = client.post(verify_url(certificate), {"name": "Nguyễn Thị Hòa"})
    assert "Nguyễn Thị Hòa" not in posted.content.decode()


# --- Revocation -------------------------------------------------------------------


def revoke_url(certificate):
    return reverse("lms:staff_certificate_revoke", args=[certificate.code])


def test_a_trainer_in_scope_revokes_with_a_reason(client, places, certificate):
    trainer = staff(Role.TRAINER, places["a1"])
    client.force_login(trainer)
    page = client.get(revoke_url(certificate))
    assert page.status_code == 200 and "Nguyễn Thị Hòa" in page.content.decode()

    response = client.post(revoke_url(certificate), {"reason": "Học viên khai sai thông tin"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == trainer
    assert certificate.revoked_reason == "Học viên khai sai thông tin"
    entries = AuditEntry.objects.filter(actor=trainer, learner_id=certificate.learner_id)
    assert entries.filter(action=AuditAction.VIEW_LEARNER).count() == 2  # the form, the revoke


def test_revoking_without_a_reason_changes_nothing(client, places, certificate):
    client.force_login(staff(Role.MANAGER, places["commune_a"]))
    response = client.post(revoke_url(certificate), {"reason": "   "})
    assert response.status_code == 400
    assert "Give the reason for revoking this certificate." in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, by=None, reason="")


def test_revoking_twice_keeps_the_first_revocation(client, places, certificate):
    first = staff(Role.TRAINER, places["a1"])
    certificate_revoke(certificate=certificate, by=first, reason="Lý do đầu tiên")
    client.force_login(staff(Role.MANAGER, places["commune_a"]))
    response = client.post(revoke_url(certificate), {"reason": "Lý do thứ hai"})
    assert response.status_code == 400
    assert "already been revoked" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_by == first and certificate.revoked_reason == "Lý do đầu tiên"


def test_staff_out_of_scope_get_404_and_change_nothing(client, places, certificate):
    client.force_login(staff(Role.TRAINER, places["b1"]))
    assert client.get(revoke_url(certificate)).status_code == 404
    assert client.post(revoke_url(certificate), {"reason": "Không"}).status_code == 404
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    listing = client.get(reverse("lms:staff_certificates"))
    assert certificate.display_code not in listing.content.decode()


def test_an_ambassador_cannot_revoke(client, places, certificate):
    client.force_login(staff(Role.AMBASSADOR, places["a1"]))
    assert client.post(revoke_url(certificate), {"reason": "Không"}).status_code == 404


def test_a_malformed_code_in_the_revoke_address_is_a_404(client, places, certificate):
    client.force_login(staff(Role.TRAINER, places["a1"]))
    response = client.post(reverse("lms:staff_certificate_revoke", args=["xyz"]), {"reason": "a"})
    assert response.status_code == 404


def test_staff_list_their_scope_and_it_is_audited(client, places, certificate):
    other = LearnerFactory(village=places["b1"], full_name="Trần Văn Bảo")
    course, _ = build_course(title="Khóa khác", lessons=1)
    hidden = certificate_issue(learner=other, course=course, completed_at=timezone.now())
    manager = staff(Role.MANAGER, places["commune_a"])
    client.force_login(manager)
    html = client.get(reverse("lms:staff_certificates")).content.decode()
    assert certificate.display_code in html
    assert hidden.display_code not in html and "Trần Văn Bảo" not in html
    assert AuditEntry.objects.filter(actor=manager, action=AuditAction.VIEW_LIST).exists()

    by_code = client.get(reverse("lms:staff_certificates"), {"q": certificate.display_code})
    assert certificate.display_code in by_code.content.decode()
    revoked = client.get(reverse("lms:staff_certificates"), {"status": "revoked"})
    assert certificate.display_code not in revoked.content.decode()


def test_the_list_costs_the_same_queries_for_more_certificates(client, places):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    manager = staff(Role.MANAGER, places["commune_a"])
    course, _ = build_course(title="Khóa đếm", lessons=1)
    client.force_login(manager)

    def issue(count):
        for _number in range(count):
            certificate_issue(
                learner=LearnerFactory(village=places["a2"]),
                course=course,
                completed_at=timezone.now(),
            )

    def queries():
        # The fewest of a few requests: an occasional cache miss elsewhere
        # (a session, the site) is not the list's doing.
        counts = []
        for _attempt in range(3):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse("lms:staff_certificates"))
            counts.append(len(captured))
        return min(counts), response

    issue(2)
    few, _response = queries()
    issue(10)
    many, response = queries()
    assert response.content.decode().count("<tr>") == 13  # header + 12
    assert many <= few


def test_a_course_with_certificates_cannot_be_deleted_in_the_admin(client, certificate):
    from allauth.mfa.totp.internal.auth import TOTP
    from wagtail.models import Page

    from tests.lms.factories import UserFactory

    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(admin)
    course = certificate.course
    catalogue = course.get_parent()
    for page in (course, catalogue):  # the course itself, or a page above it
        url = reverse("wagtailadmin_pages:delete", args=[page.pk])
        response = client.post(url, {})
        assert response.status_code == 302
        follow = client.get(response["Location"])
        assert "cannot be deleted" in follow.content.decode()
    assert Page.objects.filter(pk=course.pk).exists()
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_bulk_delete_in_the_admin_keeps_a_course_with_certificates(client, certificate):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.utils.http import urlencode
    from wagtail.models import Page

    from tests.courses.factories import make_course
    from tests.lms.factories import UserFactory

    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(admin)
    course = certificate.course
    catalogue = course.get_parent()
    spare = make_course(catalogue, title="Khóa học chưa cấp chứng nhận")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    query = urlencode({"next": "/admin/", "id": [course.pk, spare.pk]}, doseq=True)
    response = client.post(f"{url}?{query}", {})
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "cannot be deleted" in follow.content.decode()
    # Nothing of the selection is deleted, not even the page without certificates.
    assert Page.objects.filter(pk__in=[course.pk, spare.pk]).count() == 2
    assert Certificate.objects.filter(pk=certificate.pk).exists()

    # Without a certificate in the selection, bulk delete works as before.
    response = client.post(
        f"{url}?{urlencode({'next': '/admin/', 'id': [spare.pk]}, doseq=True)}", {}
    )
    assert response.status_code == 302
    assert not Page.objects.filter(pk=spare.pk).exists()
