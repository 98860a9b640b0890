"""On a phone: a learner sends a national-course certificate, a trainer
(signed in with a password and an authenticator code) verifies it, and the
learner sees it verified in My learning. axe-core checks every page."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from courses.models import NationalCourse
from lms.models import LearningEvent
from lms.models.national import CertificateClaim, ClaimStatus

from .signing_in import sign_in_password, sign_in_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def certificate_photo() -> bytes:
    image = Image.new("RGB", (1200, 850), (250, 246, 230))
    for x in range(100, 1100, 3):
        image.putpixel((x, 200), (20, 20, 120))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return buffer.getvalue()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_learner_sends_a_certificate_a_trainer_verifies_it_on_phones(
    live_server, demo_site, browser, phone, axe
):
    course = NationalCourse.objects.filter(active=True, issues_certificate=True).first()
    base = live_server.url

    # The learner, from My learning.
    sign_in_password(phone, base, "learner@demo.hocvuso.vn")
    phone.goto(base + reverse("lms:my_learning"))
    axe(phone)
    phone.locator(".national-claims a.button").click()
    phone.wait_for_url("**" + reverse("lms:claim_create"))
    assert phone.locator("#id_file").get_attribute("accept") == "image/*,application/pdf"
    assert phone.locator("#id_file").get_attribute("capture") is None
    axe(phone)
    phone.select_option("#id_course", str(course.pk))
    phone.fill("#id_certificate_number", "BDHVS-2026-004711")
    phone.fill("#id_issued_on", "20/10/2026")
    phone.fill("#id_notes", "Học xong ở nhà văn hoá khóm 1.")
    phone.set_input_files(
        "#id_file",
        {"name": "IMG_2026.jpg", "mimeType": "image/jpeg", "buffer": certificate_photo()},
    )
    phone.locator("form.account-form button[type=submit]").click()
    claim = CertificateClaim.objects.get()
    phone.wait_for_url("**" + reverse("lms:claim_detail", args=[claim.pk]))
    assert phone.locator(".claim-status--submitted").is_visible()
    assert no_sideways_scroll(phone)
    axe(phone)

    # The trainer of the learner's village, on another phone.
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    trainer = context.new_page()
    try:
        sign_in_staff(trainer, base, "trainer@demo.hocvuso.vn")
        trainer.goto(base + reverse("lms:staff_claims"))
        axe(trainer)
        trainer.locator(f'a[href="{reverse("lms:staff_claim_detail", args=[claim.pk])}"]').click()
        trainer.wait_for_load_state("load")
        thumbnail = trainer.locator("img.claim-review__thumb")
        assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0"), (
            trainer.request.get(base + thumbnail.get_attribute("src")).headers
        )
        assert no_sideways_scroll(trainer)
        axe(trainer)
        trainer.check('input[name=decision][value="approved"]')
        trainer.locator("form.account-form button[type=submit]").click()
        trainer.wait_for_url("**" + reverse("lms:staff_claims"))
        axe(trainer)
    finally:
        context.close()

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert LearningEvent.objects.filter(verb="certificate_verified").count() == 1

    # Back to the learner: verified, in My learning.
    phone.goto(base + reverse("lms:my_learning"))
    badge = phone.locator(".national-claims .claim-status--approved")
    assert badge.is_visible()
    assert course.title in phone.locator(".national-claims").inner_text()
    axe(phone)
