"""A learner sends a national-course certificate; bad input is refused with a
clear message and leaves nothing behind (no row, no file)."""

import datetime
import io

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from lms.models.national import CertificateClaim, CertificateClaimLog, ClaimStatus, FileState
from lms.national import uploads
from lms.national.uploads import too_large_message
from tests.courses.factories import NationalCourseFactory
from tests.lms.national import files
from tests.lms.national.helpers import signed_in, stored_files, vi

pytestmark = [
    pytest.mark.django_db,
    # tests/lms/national/test_national_worker.py sends the photo task through a real worker.
    pytest.mark.eager_tasks("it reads the files kept in this test's own private folder"),
]
URL = reverse("lms:claim_create")


def form_data(course, **overrides):
    data = {
        "course": course.pk,
        "certificate_number": "BDHVS-2026-000123",
        "issued_on": "15/03/2026",
        "notes": "Học xong tại nhà văn hoá.",
        "file": files.upload(files.photo(gps=True)),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post(client, data):
    """Post the form, running after-commit work (the photo task) as a real
    commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(URL, data)


def assert_nothing_stored(response, message: str):
    assert response.status_code == 200
    assert vi(message) in response.content.decode()
    assert not CertificateClaim.objects.exists()
    assert not CertificateClaimLog.objects.exists()
    assert stored_files() == []


def test_the_form_lets_a_phone_take_a_photo_or_choose_a_pdf(lan, course):
    response = signed_in(lan.user).get(URL + f"?course={course.pk}")
    html = response.content.decode()
    # Photos and PDFs, and no ``capture`` forcing the camera (it hides files).
    assert 'accept="image/*,application/pdf"' in html
    assert "capture=" not in html
    assert 'enctype="multipart/form-data"' in html
    assert "dd/mm/yyyy" in html
    assert f'<option value="{course.pk}" selected>' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_learner_sends_a_photo_and_it_is_prepared_without_metadata(lan, course):
    response = post(signed_in(lan.user), form_data(course))
    claim = CertificateClaim.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("lms:claim_detail", args=[claim.pk])
    assert claim.learner == lan
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.issued_on == datetime.date(2026, 3, 15)
    assert claim.certificate_number == "BDHVS-2026-000123"
    assert claim.number_key == "bdhvs2026000123"
    # Tasks run eagerly in tests: the photo is already re-encoded.
    assert claim.file_state == FileState.READY
    assert claim.thumbnail_name
    assert claim.file_name.startswith("certificates/") and "lan" not in claim.file_name
    assert len(stored_files()) == 2  # the clean photo and its thumbnail; the original is gone
    for path in stored_files():
        assert b"PhoneMaker" not in path.read_bytes()
    assert list(claim.log.values_list("action", flat=True)) == ["submitted"]
    page = signed_in(lan.user).get(response["Location"]).content.decode()
    assert "Kỹ năng số cơ bản" in page
    assert "BDHVS-2026-000123" in page


def test_a_pdf_is_kept_as_sent(lan, course):
    content = files.pdf()
    post(
        signed_in(lan.user),
        form_data(course, file=files.upload(content, "c.pdf", "application/pdf")),
    )
    claim = CertificateClaim.objects.get()
    assert claim.file_kind == "pdf"
    assert claim.file_state == FileState.READY
    assert [p.read_bytes() for p in stored_files()] == [content]


def test_markup_in_notes_and_number_is_never_stored_or_run(lan, course):
    client = signed_in(lan.user)
    response = post(
        client,
        form_data(course, certificate_number="<script>alert(1)</script>123"),
    )
    assert_nothing_stored(response, "A certificate number has only letters, digits and dashes.")
    post(
        client,
        form_data(course, notes='Xin chào <script>alert("x")</script><b onclick="x()">bạn</b>'),
    )
    claim = CertificateClaim.objects.get()
    assert claim.notes == 'Xin chào alert("x")bạn'
    page = client.get(reverse("lms:claim_detail", args=[claim.pk])).content.decode()
    assert "<script>alert" not in page
    assert "alert(&quot;x&quot;)bạn" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"certificate_number": ""}, "Enter the certificate number."),
        ({"certificate_number": " - - "}, "Enter the certificate number."),
        ({"issued_on": ""}, "Enter the date of issue."),
        ({"issued_on": "2026-03-15x"}, "Write the date as day/month/year, for example 15/03/2026."),
        ({"file": None}, "Add a photo or PDF of the certificate."),
        ({"file": files.upload(files.SVG, "a.jpg")}, uploads.NOT_ALLOWED),
        ({"file": files.upload(files.HTML, "a.jpg")}, uploads.NOT_ALLOWED),
        ({"file": files.upload(files.zip_bomb(), "a.jpg")}, uploads.NOT_ALLOWED),
        ({"file": files.upload(files.png_bomb(), "a.png")}, uploads.TOO_MANY_PIXELS),
        ({"file": files.upload(files.jpeg_html_polyglot())}, uploads.MIXED_CONTENT),
        ({"file": files.upload(files.jpeg_zip_polyglot())}, uploads.MIXED_CONTENT),
        ({"file": files.upload(files.pdf(javascript="app.alert(1)"), "a.pdf")}, uploads.ACTIVE_PDF),
        ({"file": files.upload(files.pdf(launch=True), "a.pdf")}, uploads.ACTIVE_PDF),
        ({"file": files.upload(files.pdf(attachment=True), "a.pdf")}, uploads.ACTIVE_PDF),
    ],
    ids=[
        "empty-number",
        "blank-number",
        "no-date",
        "bad-date",
        "no-file",
        "svg",
        "html",
        "zip-bomb",
        "decompression-bomb",
        "jpeg-html-polyglot",
        "jpeg-zip-polyglot",
        "pdf-javascript",
        "pdf-launch",
        "pdf-attachment",
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(
    lan, course, overrides, message
):
    response = post(signed_in(lan.user), form_data(course, **overrides))
    assert_nothing_stored(response, message)


def test_a_date_in_the_future_is_refused(lan, course):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(signed_in(lan.user), form_data(course, issued_on=tomorrow.strftime("%d/%m/%Y")))
    assert_nothing_stored(response, "The date of issue cannot be in the future.")


def test_an_oversized_file_is_dropped_while_it_arrives(lan, course, settings):
    settings.HOCVUSO = {**settings.HOCVUSO, "CERTIFICATE_UPLOAD_MAX_BYTES": 100_000}
    big = files.photo(size=(2400, 1800), quality=100)
    assert len(big) > 100_000
    response = post(signed_in(lan.user), form_data(course, file=files.upload(big)))
    with translation.override("vi"):
        message = too_large_message(100_000)
    assert_nothing_stored(response, message)


def test_claims_for_inactive_courses_or_courses_without_certificates_are_refused(lan):
    closed = NationalCourseFactory(active=False)
    no_certificate = NationalCourseFactory(issues_certificate=False)
    client = signed_in(lan.user)
    for course in (closed, no_certificate):
        response = post(client, form_data(course))
        assert_nothing_stored(
            response,
            "This course does not take certificate claims (it is closed or issues none).",
        )


def test_a_second_claim_for_the_same_course_goes_to_the_first(lan, course):
    client = signed_in(lan.user)
    post(client, form_data(course))
    response = post(client, form_data(course, certificate_number="OTHER-1"))
    claim = CertificateClaim.objects.get()
    assert response["Location"] == reverse("lms:claim_detail", args=[claim.pk])
    assert claim.certificate_number == "BDHVS-2026-000123"
    assert len(stored_files()) == 2


def test_the_claim_form_needs_a_signed_in_learner(client, course):
    response = client.post(URL, form_data(course))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not CertificateClaim.objects.exists()


def test_a_learner_cannot_read_or_change_someone_elses_claim(lan, binh, course):
    post(signed_in(lan.user), form_data(course))
    claim = CertificateClaim.objects.get()
    other = signed_in(binh.user)
    assert other.get(reverse("lms:claim_detail", args=[claim.pk])).status_code == 404
    assert other.get(reverse("lms:claim_file", args=[claim.pk])).status_code == 404
    assert other.get(reverse("lms:claim_thumbnail", args=[claim.pk])).status_code == 404
    response = other.post(
        reverse("lms:claim_detail", args=[claim.pk]),
        {"certificate_number": "HACK", "issued_on": "01/01/2026"},
    )
    assert response.status_code == 404
    # Nor decide it: the queue is for staff only.
    response = other.post(
        reverse("lms:staff_claim_detail", args=[claim.pk]), {"decision": "approved"}
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.certificate_number == "BDHVS-2026-000123"
    assert claim.status == ClaimStatus.SUBMITTED


def test_the_owner_downloads_the_clean_photo_with_safe_headers(lan, course):
    client = signed_in(lan.user)
    post(client, form_data(course))
    claim = CertificateClaim.objects.get()
    response = client.get(reverse("lms:claim_file", args=[claim.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    with Image.open(io.BytesIO(body)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("inline")


def test_a_pdf_is_downloaded_as_an_attachment(lan, course):
    client = signed_in(lan.user)
    post(client, form_data(course, file=files.upload(files.pdf(), "c.pdf", "application/pdf")))
    claim = CertificateClaim.objects.get()
    response = client.get(reverse("lms:claim_file", args=[claim.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
