"""A learner's certificate and its public check page, on a phone."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.certificates.services import certificate_issue
from tests.lms.factories import LearnerFactory, place_tree
from tests.lms.records_helpers import build_course

from .signing_in import sign_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certificate(db):
    places = place_tree()
    learner = LearnerFactory(village=places["a1"], full_name="Phạm Thị Thu Hương")
    course, _lessons = build_course(title="Thanh toán không dùng tiền mặt", lessons=1)
    return certificate_issue(learner=learner, course=course, completed_at=timezone.now())


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_learner_reads_and_prints_their_certificate_on_a_phone(
    live_server, certificate, phone, axe
):
    sign_in_as(phone, live_server.url, certificate.learner.user)
    phone.goto(live_server.url + reverse("lms:my_certificates"))
    phone.get_by_role("link", name="Thanh toán không dùng tiền mặt", exact=True).click()

    assert phone.locator(".certificate__holder").inner_text() == "Phạm Thị Thu Hương"
    assert certificate.display_code in phone.locator(".certificate__code").inner_text()
    assert phone.locator(".certificate__qr svg").is_visible()
    assert phone.locator("[data-print]").is_visible()  # JavaScript can print
    assert no_sideways_scroll(phone)
    axe(phone)

    # Printing hides the site's chrome and keeps the certificate.
    phone.emulate_media(media="print")
    assert not phone.locator(".site-header").is_visible()
    assert phone.locator(".certificate").is_visible()
    phone.emulate_media(media="screen")

    pdf = phone.request.get(
        live_server.url + reverse("lms:certificate_download", args=[certificate.code])
    )
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")


def test_a_verifier_checks_the_certificate_and_the_name(live_server, certificate, phone, axe):
    phone.goto(live_server.url + reverse("lms:certificate_verify_lookup"))
    axe(phone)
    phone.locator("#id_code").fill(certificate.display_code.lower())
    phone.locator("#id_code").press("Enter")

    holder = phone.locator(".certificate-facts__holder")
    assert holder.inner_text() == "P. T. T. H."
    assert "Phạm Thị Thu Hương" not in phone.content()
    assert no_sideways_scroll(phone)
    axe(phone)

    name = phone.locator("#id_name")
    name.fill("pham thi thu huong")  # no accents: not the printed name
    name.press("Enter")
    assert holder.inner_text() == "P. T. T. H."
    assert phone.get_by_role("alert").is_visible()
    axe(phone)

    phone.locator("#id_name").fill("Phạm Thị Thu Hương")
    phone.locator("#id_name").press("Enter")
    assert holder.inner_text() == "Phạm Thị Thu Hương"
    axe(phone)


def test_an_unknown_code_has_a_clear_page(live_server, certificate, phone, axe):
    response = phone.goto(live_server.url + "/chung-chi/kiem-tra/ABCDEFGHJKLMNPQR/")
    assert response.status == 404
    assert phone.locator("h1").is_visible()
    axe(phone)
