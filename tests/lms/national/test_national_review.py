"""The trainer's verification queue: scope, decisions, the learning event an
approval records, duplicates, and how the learner is told."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from lms.models import AuditAction, AuditEntry, LearningEvent, Role
from lms.models.national import CertificateClaim, ClaimStatus
from lms.national import services
from lms.national.uploads import check_certificate_file
from tests.lms.factories import staff
from tests.lms.national import files
from tests.lms.national.helpers import signed_in, stored_files, vi

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.eager_tasks("the learner's text message and e-mail are read from this process"),
]


def claim_for(learner, course, number="BDHVS-2026-000123", content=None) -> CertificateClaim:
    checked = check_certificate_file(files.upload(content or files.photo()))
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.certificate_claim_submit(
            learner=learner,
            course=course,
            certificate_number=number,
            issued_on=datetime.date(2026, 3, 1),
            notes="",
            file=checked,
        )


def decide(client, claim, decision, message=""):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("lms:staff_claim_detail", args=[claim.pk]),
            {"decision": decision, "message": message},
        )


def test_the_queue_shows_only_claims_in_the_trainers_scope(lan, binh, course, trainer_a):
    mine = claim_for(lan, course)
    theirs = claim_for(binh, course, number="OTHER-9")
    client = signed_in(trainer_a)
    page = client.get(reverse("lms:staff_claims")).content.decode()
    assert lan.full_name in page
    assert binh.full_name not in page
    detail = client.get(reverse("lms:staff_claim_detail", args=[mine.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert reverse("lms:claim_thumbnail", args=[mine.pk]) in html  # the file beside the claim
    assert "Mục Chứng nhận" in html  # where the number is, from the catalogue
    for name in ("lms:staff_claim_detail", "lms:claim_file", "lms:claim_thumbnail"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    response = decide(client, theirs, "approved")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ClaimStatus.SUBMITTED
    assert not LearningEvent.objects.exists()


def test_staff_without_two_step_sign_in_are_sent_to_set_it_up(lan, course, places):
    claim = claim_for(lan, course)
    trainer = staff(Role.TRAINER, places["a1"], "no-totp", with_totp=False)
    client = signed_in(trainer)
    for name in ("lms:staff_claims", "lms:staff_claim_detail", "lms:claim_file"):
        args = [] if name == "lms:staff_claims" else [claim.pk]
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_viewing_a_claim_and_its_file_is_logged(lan, course, trainer_a):
    claim = claim_for(lan, course)
    client = signed_in(trainer_a)
    client.get(reverse("lms:staff_claim_detail", args=[claim.pk]))
    response = client.get(reverse("lms:claim_file", args=[claim.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    actions = set(
        AuditEntry.objects.filter(learner_id=lan.pk, actor=trainer_a).values_list(
            "action", flat=True
        )
    )
    assert actions == {AuditAction.VIEW_LEARNER, AuditAction.DOWNLOAD_FILE}
    # The owner's own downloads are not "access by staff".
    signed_in(lan.user).get(reverse("lms:claim_file", args=[claim.pk]))
    assert not AuditEntry.objects.filter(actor=lan.user).exists()


def test_approval_records_one_learning_event_and_tells_the_learner_by_sms(
    lan, course, trainer_a, sms_outbox
):
    claim = claim_for(lan, course)
    client = signed_in(trainer_a)
    response = decide(client, claim, "approved")
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert claim.decided_by == trainer_a
    event = LearningEvent.objects.get()
    assert event.id == services.claim_event_id(claim.pk)
    assert event.verb == "certificate_verified"
    assert event.source == "national_certificate"
    assert event.recorded_by == trainer_a
    assert event.learner == lan
    assert event.national_course == course
    assert event.context["certificate_number"] == "BDHVS-2026-000123"
    # Approving again (a second trainer, a double click) changes nothing.
    services.certificate_claim_decide(claim_id=claim.pk, reviewer=trainer_a, decision="approved")
    assert LearningEvent.objects.count() == 1
    assert list(claim.log.values_list("action", "actor_label")) == [
        ("submitted", "lan"),
        ("approved", "trainer-a"),
    ]
    assert [m.to for m in sms_outbox] == ["+84912000001"]
    assert "Kỹ năng số cơ bản" in sms_outbox[0].body
    assert mail.outbox == []  # Lan has no e-mail address
    page = signed_in(lan.user).get(reverse("lms:my_claims")).content.decode()
    with translation.override("vi"):
        assert str(ClaimStatus.APPROVED.label) in page


def test_rejection_needs_a_reason_the_learner_sees_and_they_may_send_again(
    binh, course, trainer_b, sms_outbox
):
    claim = claim_for(binh, course)
    client = signed_in(trainer_b)
    response = decide(client, claim, "rejected", "")
    assert response.status_code == 200
    assert (
        vi("Tell the learner why, or what is missing: they will see this message.")
        in response.content.decode()
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED

    decide(client, claim, "rejected", "Ảnh bị mờ, <b>không</b> đọc được số.")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert claim.reviewer_message == "Ảnh bị mờ, không đọc được số."
    assert not LearningEvent.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["binh@example.vn"]
    assert "Ảnh bị mờ, không đọc được số." in mail.outbox[0].body
    assert sms_outbox == []

    learner = signed_in(binh.user)
    page = learner.get(reverse("lms:claim_detail", args=[claim.pk])).content.decode()
    assert "Ảnh bị mờ, không đọc được số." in page
    old_files = stored_files()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = learner.post(
            reverse("lms:claim_detail", args=[claim.pk]),
            {
                "certificate_number": "BDHVS-2026-000124",
                "issued_on": "02/03/2026",
                "notes": "Ảnh mới",
                "file": files.upload(files.photo(color=(10, 200, 10))),
            },
        )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.certificate_number == "BDHVS-2026-000124"
    new_files = stored_files()
    assert len(new_files) == 2 and not set(old_files) & set(new_files)
    assert list(claim.log.values_list("action", flat=True)) == [
        "submitted",
        "rejected",
        "resubmitted",
    ]
    # Back in the queue, and approved this time.
    decide(client, claim, "approved")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_asking_for_more_information(lan, course, trainer_a, sms_outbox):
    claim = claim_for(lan, course)
    decide(signed_in(trainer_a), claim, "more_info", "Gửi thêm ảnh mặt sau.")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.MORE_INFO
    assert "Gửi thêm ảnh mặt sau." in sms_outbox[0].body
    # The learner answers without a new file: the old one is kept.
    before = stored_files()
    response = signed_in(lan.user).post(
        reverse("lms:claim_detail", args=[claim.pk]),
        {
            "certificate_number": claim.certificate_number,
            "issued_on": "01/03/2026",
            "notes": "Đã bổ sung",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.notes == "Đã bổ sung"
    assert stored_files() == before


def test_a_decided_claim_cannot_be_decided_again_differently(lan, course, trainer_a):
    claim = claim_for(lan, course)
    client = signed_in(trainer_a)
    decide(client, claim, "approved")
    response = decide(client, claim, "rejected", "Sai")
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_the_same_number_from_another_learner_is_flagged_not_refused(
    lan, binh, course, trainer_a, places
):
    first = claim_for(lan, course, number="ABC-123")
    # The same number, typed differently, with another photo.
    second = claim_for(binh, course, number="abc 123", content=files.photo(color=(9, 9, 9)))
    assert CertificateClaim.objects.count() == 2
    queue = signed_in(trainer_a).get(reverse("lms:staff_claims")).content.decode()
    assert vi("Same number claimed by another learner") in queue
    assert vi("Same file sent by another learner") not in queue
    detail = signed_in(trainer_a).get(reverse("lms:staff_claim_detail", args=[first.pk]))
    html = detail.content.decode()
    assert vi("Same certificate number") in html
    assert vi("a learner outside your area") in html  # Bình lives outside trainer A's scope
    assert binh.full_name not in html
    # A commune trainer sees both, by name.
    commune = staff(Role.TRAINER, places["province"], "province-trainer")
    html = (
        signed_in(commune).get(reverse("lms:staff_claim_detail", args=[second.pk])).content.decode()
    )
    assert lan.full_name in html


def test_the_same_file_from_another_learner_is_flagged(lan, binh, course, places):
    content = files.photo(color=(1, 2, 3))
    claim_for(lan, course, number="N-1", content=content)
    claim_for(binh, course, number="N-2", content=content)
    flagged = CertificateClaim.objects.with_duplicate_flags()
    assert [c.duplicate_file for c in flagged] == [True, True]
    assert [c.duplicate_number for c in flagged] == [False, False]
    commune = staff(Role.TRAINER, places["province"], "province-trainer")
    queue = signed_in(commune).get(reverse("lms:staff_claims")).content.decode()
    assert queue.count(vi("Same file sent by another learner")) == 2


def test_the_queue_costs_the_same_queries_however_many_claims(
    course, trainer_a, places, django_assert_max_num_queries
):
    from tests.lms.national.helpers import make_learner

    client = signed_in(trainer_a)
    claim_for(make_learner(places["a1"], "first"), course, number="Q-0")
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("lms:staff_claims"))
    for n in range(1, 6):
        claim_for(make_learner(places["a1"], f"learner{n}"), course, number=f"Q-{n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("lms:staff_claims"))
    assert response.content.decode().count("card__title") == 6


def test_erasing_an_account_removes_its_claims_and_files(lan, course):
    from lms.people.services import account_delete

    claim_for(lan, course)
    assert stored_files()
    with TestCase.captureOnCommitCallbacks(execute=True):
        account_delete(user=lan.user)
    assert not CertificateClaim.objects.exists()
    assert stored_files() == []


def test_the_data_download_includes_visits_and_claims(lan, course):
    from lms.national.services import national_course_visit_record
    from lms.people.services import account_export

    national_course_visit_record(learner=lan, course=course)
    claim_for(lan, course)
    data = account_export(user=lan.user)["national_courses"]
    assert data["visits"][0]["count"] == 1
    assert data["certificate_claims"][0]["certificate_number"] == "BDHVS-2026-000123"
    assert data["certificate_claims"][0]["history"][0]["action"] == "submitted"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_trainers_approving_at_once_record_one_event(postgres, lan, course, places):
    import threading

    from django.db import connection

    claim = claim_for(lan, course)
    reviewers = [staff(Role.TRAINER, places["a1"], f"trainer-{n}") for n in range(2)]
    start = threading.Barrier(2)
    errors = []

    def approve(reviewer):
        try:
            start.wait()
            services.certificate_claim_decide(
                claim_id=claim.pk, reviewer=reviewer, decision="approved"
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=[r]) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert LearningEvent.objects.count() == 1
    assert claim.log.filter(action="approved").count() == 1
