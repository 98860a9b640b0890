"""A revoked local certificate says so everywhere: in the learner's "My
certificates" list, on its print page, in its PDF, and on the public check
page, which never calls a revoked code valid, in English or Vietnamese."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lms.certificates.services import certificate_issue, certificate_revoke
from lms.models import Role
from tests.lms.factories import staff
from tests.lms.records_helpers import build_course

pytestmark = pytest.mark.django_db

HOLDER = "Nguyễn Thị Hòa"
REASON = "Hồ sơ khai sai"

# What each language says of a revoked certificate, and what it says only of a
# valid one ("no longer valid" contains "valid", so whole phrases are compared).
WORDS = {
    "en": {
        "badge": "Revoked",
        "revoked": "This certificate was revoked on {date}. It is no longer valid.",
        "stamp": "REVOKED",
        "status": "Revoked.",
        "valid": ["Valid.", "has not been revoked", "Check the holder's name"],
    },
    "vi": {
        "badge": "Đã thu hồi",
        "revoked": "Chứng chỉ này đã bị thu hồi ngày {date} và không còn giá trị.",
        "stamp": "ĐÃ THU HỒI",
        "status": "Đã thu hồi.",
        "valid": ["Còn giá trị.", "chưa bị thu hồi", "Kiểm tra tên người nhận"],
    },
}
LANGUAGES = sorted(WORDS)


@pytest.fixture
def certificates(learner):
    """Two certificates of one learner: the first is revoked, the second not."""
    issued = []
    for title in ("Thanh toán không dùng tiền mặt", "Dịch vụ công trực tuyến"):
        course, _lessons = build_course(title=title, lessons=1)
        issued.append(
            certificate_issue(learner=learner, course=course, completed_at=timezone.now())
        )
    revoked = certificate_revoke(certificate=issued[0], by=None, reason=REASON)
    return revoked, issued[1]


def speak(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return WORDS[language]


def today() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def cards(html: str) -> dict[str, str]:
    """The "My certificates" cards by certificate title."""
    section = html[html.index('class="my-certificates"') :]
    found = {}
    for card in re.findall(r'<li class="card">(.*?)</ul>\s*</li>', section, flags=re.S):
        title = re.search(r'class="card__title"><a [^>]*>(.*?)</a>', card)[1]
        found[title] = card
    return found


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


# --- The learner's own pages ----------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["lms:my_certificates", "lms:my_learning"])
def test_the_learners_list_marks_only_the_revoked_certificate(
    client, settings, learner, certificates, language, page
):
    words = speak(client, settings, language)
    revoked, valid = certificates
    client.force_login(learner.user)
    listed = cards(client.get(reverse(page)).content.decode())
    assert set(listed) == {revoked.title, valid.title}
    badge = f'<span class="badge">{words["badge"]}</span>'
    assert badge in listed[revoked.title]
    assert badge not in listed[valid.title]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_page_of_a_revoked_certificate_says_it_is_no_longer_valid(
    client, settings, learner, certificates, language
):
    words = speak(client, settings, language)
    revoked, valid = certificates
    client.force_login(learner.user)
    html = client.get(reverse("lms:certificate_detail", args=[revoked.code])).content.decode()
    notice = words["revoked"].format(date=today())
    assert notice in html
    # It is printed with the certificate: not in a part of the page print hides.
    paragraph = re.search(rf'<p class="([^"]*)">{re.escape(notice)}</p>', html)
    assert paragraph and "no-print" not in paragraph[1].split()
    assert html.index(notice) < html.index('class="certificate"')
    assert REASON not in html

    other = client.get(reverse("lms:certificate_detail", args=[valid.code])).content.decode()
    assert words["revoked"].split("{date}")[0] not in other


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_of_a_revoked_certificate_is_stamped_revoked(
    client, settings, learner, certificates, language
):
    words = speak(client, settings, language)
    revoked, valid = certificates
    client.force_login(learner.user)
    text = pdf_text(client.get(reverse("lms:certificate_download", args=[revoked.code])))
    assert words["stamp"] in text
    assert revoked.display_code in text and HOLDER in text
    assert REASON not in text

    other = pdf_text(client.get(reverse("lms:certificate_download", args=[valid.code])))
    assert words["stamp"] not in other
    assert valid.display_code in other


def test_a_certificate_revoked_by_a_trainer_says_revoked_on_the_learners_pages(
    client, settings, places, learner
):
    course, _lessons = build_course(lessons=1)
    certificate = certificate_issue(learner=learner, course=course, completed_at=timezone.now())
    words = speak(client, settings, "en")
    client.force_login(learner.user)
    detail = reverse("lms:certificate_detail", args=[certificate.code])
    pdf = reverse("lms:certificate_download", args=[certificate.code])
    # Seen while still valid...
    assert "revoked on" not in client.get(detail).content.decode()
    assert words["stamp"] not in pdf_text(client.get(pdf))

    client.force_login(staff(Role.TRAINER, places["a1"]))
    revoke = reverse("lms:staff_certificate_revoke", args=[certificate.code])
    assert client.post(revoke, {"reason": REASON}).status_code == 302

    # ...and revoked from then on.
    client.force_login(learner.user)
    assert words["revoked"].format(date=today()) in client.get(detail).content.decode()
    assert words["stamp"] in pdf_text(client.get(pdf))
    mine = cards(client.get(reverse("lms:my_certificates")).content.decode())
    assert f'<span class="badge">{words["badge"]}</span>' in mine[certificate.title]
    check = client.get(reverse("lms:certificate_verify", args=[certificate.code]))
    assert "Revoked." in check.content.decode()


# --- The public check page ----------------------------------------------------------------


def assert_revoked(html: str, words: dict) -> None:
    assert f"<strong>{words['status']}</strong>" in html
    assert words["revoked"].format(date=today()) in html
    for phrase in words["valid"]:
        assert phrase not in html, phrase
    assert "notice--success" not in html
    assert REASON not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_page_never_calls_a_revoked_code_valid(client, settings, certificates, language):
    words = speak(client, settings, language)
    revoked, valid = certificates
    response = client.get(reverse("lms:certificate_verify", args=[revoked.code]))
    assert response.status_code == 200
    assert_revoked(response.content.decode(), words)
    # The valid one beside it reads valid, in the very phrases checked above.
    other = client.get(reverse("lms:certificate_verify", args=[valid.code])).content.decode()
    assert f"<strong>{words['valid'][0]}</strong>" in other
    for phrase in words["valid"]:
        assert phrase in other, phrase
    assert words["status"] not in other


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("typed", [HOLDER, "nguyễn thị hoà", "Trần Văn Bảo"])
def test_checking_the_name_on_a_revoked_code_still_says_revoked(
    client, settings, certificates, language, typed
):
    words = speak(client, settings, language)
    revoked, _valid = certificates
    response = client.post(reverse("lms:certificate_verify", args=[revoked.code]), {"name": typed})
    html = response.content.decode()
    assert_revoked(html, words)
    # No name check at all: neither the full name nor a match or mismatch.
    assert HOLDER not in html
    assert "N. T. H." in html
    assert 'role="status"' not in html and 'role="alert"' not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_typed_or_scanned_revoked_code_leads_to_the_revoked_page(
    client, settings, certificates, language
):
    words = speak(client, settings, language)
    revoked, _valid = certificates
    typed = revoked.display_code.lower().replace("-", " ")
    response = client.get(reverse("lms:certificate_verify_lookup"), {"code": typed}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("lms:certificate_verify", args=[revoked.code])
    assert_revoked(response.content.decode(), words)
    dashed = client.get(reverse("lms:certificate_verify", args=[revoked.display_code]), follow=True)
    assert_revoked(dashed.content.decode(), words)


def test_a_page_seen_valid_before_revoking_says_revoked_after(client, settings, certificates):
    words = speak(client, settings, "en")
    _revoked, valid = certificates
    url = reverse("lms:certificate_verify", args=[valid.code])
    assert "<strong>Valid.</strong>" in client.get(url).content.decode()
    assert "matches" in client.post(url, {"name": HOLDER}).content.decode()
    certificate_revoke(certificate=valid, by=None, reason=REASON)
    assert_revoked(client.get(url).content.decode(), words)
    assert_revoked(client.post(url, {"name": HOLDER}).content.decode(), words)
