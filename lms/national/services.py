"""National courses: visits, certificate claims and their verification.

Each write is a keyword-only function in one transaction. Files are written
to private storage only after every check passed, and removed again if the
transaction does not commit, so a refused or failed claim leaves nothing.
After commit, a photo is prepared and the learner told of a decision by
``lms.national.tasks`` (the work is in ``photos`` and ``notifications``).
"""

from __future__ import annotations

import datetime
import re
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import NationalCourse
from lms import privacy
from lms.access.policy import Action, claims_for
from lms.learning.services.records import event_record
from lms.models import Learner
from lms.models.national import (
    DECISIONS,
    CertificateClaim,
    CertificateClaimLog,
    ClaimAction,
    ClaimStatus,
    FileKind,
    FileState,
    NationalCourseVisit,
)
from lms.national.storage import FilesOrNothing, delete_after_commit
from lms.national.tasks import notify_certificate_decision, prepare_certificate_photo
from lms.national.uploads import CheckedFile
from lms.text import nfc

#: Learning events of approved claims get this namespace's UUID of the claim,
#: so approving twice (two trainers at once, a retried request) records once.
CLAIM_EVENT_NAMESPACE = uuid.UUID("6f0d7a52-3c1e-5b8e-9a41-2f6c0b1d9e73")
NOTES_MAX_LENGTH = 1000
MESSAGE_MAX_LENGTH = 1000
_NUMBER_SEPARATORS = re.compile(r"[\s\-_./·]+")


def claim_event_id(claim_id: int) -> uuid.UUID:
    return uuid.uuid5(CLAIM_EVENT_NAMESPACE, f"national-certificate-claim:{claim_id}")


def number_key(number: str) -> str:
    """The certificate number as compared for duplicates: without spaces,
    dashes, dots or case ("ABC-123 45" and "abc12345" are the same number)."""
    return _NUMBER_SEPARATORS.sub("", nfc(number)).casefold()


def clean_plain_text(value: str, *, max_length: int) -> str:
    """Free text as plain text: every tag stripped by bleach (the text is
    escaped again when shown), NFC, trimmed, bounded."""
    import bleach  # imported when used: it is not needed by every worker at start-up

    text = bleach.clean(
        nfc(value or ""), tags=set(), attributes={}, strip=True, strip_comments=True
    )
    # bleach leaves &, < and > escaped; store the plain characters.
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if len(text) > max_length:
        raise ValidationError(
            _("Please keep this under %(count)s characters.") % {"count": max_length},
            code="too_long",
        )
    return text


def clean_certificate_number(value: str) -> str:
    import bleach

    number = " ".join(nfc(value or "").split())
    number = bleach.clean(number, tags=set(), strip=True)
    if number != " ".join(nfc(value or "").split()) or "<" in number or ">" in number:
        raise ValidationError(
            _("A certificate number has only letters, digits and dashes."), code="markup"
        )
    if not number_key(number):
        raise ValidationError(_("Enter the certificate number."), code="required")
    if len(number) > 100:
        raise ValidationError(_("This certificate number is too long."), code="too_long")
    return number


def check_issue_date(value: datetime.date) -> datetime.date:
    if value > timezone.localdate():
        raise ValidationError(_("The date of issue cannot be in the future."), code="future")
    return value


def check_course_accepts_claims(course: NationalCourse) -> None:
    if not course.active or not course.issues_certificate:
        raise ValidationError(
            _("This course does not take certificate claims (it is closed or issues none)."),
            code="course",
        )


# --- Visits ---------------------------------------------------------------------------


def national_course_visit_record(*, learner: Learner, course: NationalCourse) -> None:
    """Count one visit through the tracking redirect: an atomic increment of
    the learner's row for the course, created on the first visit. Two visits
    at the same moment both count (the unique constraint settles the race)."""
    now = timezone.now()
    visits = NationalCourseVisit.objects.filter(learner=learner, course=course)
    # Greatest: a visit that took its time must not move "last" before "first".
    counted = {
        "last_visited_at": Greatest(F("last_visited_at"), Value(now)),
        "visit_count": F("visit_count") + 1,
    }
    if visits.update(**counted):
        return
    try:
        with transaction.atomic():
            NationalCourseVisit.objects.create(
                learner=learner, course=course, first_visited_at=now, last_visited_at=now
            )
    except IntegrityError:
        visits.update(**counted)


# --- Files ----------------------------------------------------------------------------


def _file_fields(checked: CheckedFile, name: str) -> dict:
    return {
        "file_name": name,
        "thumbnail_name": "",
        "file_kind": checked.kind,
        "file_size": checked.size,
        "file_sha256": checked.sha256,
        "file_state": FileState.READY if checked.kind == FileKind.PDF else FileState.PENDING,
    }


def _enqueue_photo(claim: CertificateClaim) -> None:
    if claim.file_kind != FileKind.PDF:
        claim_id = claim.pk
        transaction.on_commit(lambda: prepare_certificate_photo.delay(claim_id))


def _log(claim, action, *, actor=None, message="", detail=None) -> CertificateClaimLog:
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return CertificateClaimLog.objects.create(
        claim=claim,
        action=action,
        message=message,
        detail=detail or {},
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else "",
    )


# --- Claims ---------------------------------------------------------------------------


def certificate_claim_submit(
    *,
    learner: Learner,
    course: NationalCourse,
    certificate_number: str,
    issued_on: datetime.date,
    notes: str = "",
    file: CheckedFile,
) -> CertificateClaim:
    """A learner claims a national course's certificate, with a checked file.

    Photos are re-encoded in the background after commit; until then only
    their checked original exists, and no one is shown it."""
    check_course_accepts_claims(course)
    number = clean_certificate_number(certificate_number)
    notes = clean_plain_text(notes, max_length=NOTES_MAX_LENGTH)
    check_issue_date(issued_on)
    if CertificateClaim.objects.filter(learner=learner, course=course).exists():
        raise ValidationError(
            _("You have already sent a certificate for this course."), code="exists"
        )
    with FilesOrNothing() as files:
        name = files.store(file.content, file.extension)
        try:
            with transaction.atomic():
                claim = CertificateClaim.objects.create(
                    learner=learner,
                    course=course,
                    certificate_number=number,
                    number_key=number_key(number),
                    issued_on=issued_on,
                    notes=notes,
                    **_file_fields(file, name),
                )
        except IntegrityError as error:
            raise ValidationError(
                _("You have already sent a certificate for this course."), code="exists"
            ) from error
        _log(claim, ClaimAction.SUBMITTED, actor=learner.user)
        _enqueue_photo(claim)
    return claim


def certificate_claim_resubmit(
    *,
    claim: CertificateClaim,
    user,
    certificate_number: str,
    issued_on: datetime.date,
    notes: str = "",
    file: CheckedFile | None = None,
) -> CertificateClaim:
    """The learner corrects a claim a trainer sent back (not accepted, or more
    information needed); it goes back to the queue. The old file is removed
    after commit when a new one replaces it."""
    number = clean_certificate_number(certificate_number)
    notes = clean_plain_text(notes, max_length=NOTES_MAX_LENGTH)
    check_issue_date(issued_on)
    with FilesOrNothing() as files:
        locked = CertificateClaim.objects.select_for_update().get(pk=claim.pk)
        if locked.learner.user_id != getattr(user, "pk", None):
            raise PermissionDenied
        if not locked.can_resubmit:
            raise ValidationError(
                _("This claim is waiting for a trainer or already verified."), code="state"
            )
        check_course_accepts_claims(locked.course)
        previous = {
            "certificate_number": locked.certificate_number,
            "issued_on": locked.issued_on.isoformat(),
            "file_sha256": locked.file_sha256,
        }
        old_files = ()
        if file is not None:
            old_files = (locked.file_name, locked.thumbnail_name)
            for field, value in _file_fields(
                file, files.store(file.content, file.extension)
            ).items():
                setattr(locked, field, value)
        locked.certificate_number = number
        locked.number_key = number_key(number)
        locked.issued_on = issued_on
        locked.notes = notes
        locked.status = ClaimStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save()
        _log(locked, ClaimAction.RESUBMITTED, actor=user, detail={"previous": previous})
        if file is not None:
            delete_after_commit(*old_files)
            _enqueue_photo(locked)
    return locked


def certificate_claim_decide(
    *, claim_id: int, reviewer, decision: str, message: str = ""
) -> CertificateClaim:
    """A trainer in scope approves, rejects (with a reason) or asks for more.

    Approval records a ``certificate_verified`` learning event through the one
    recording service, with a UUID derived from the claim, so approving twice
    records one event. Deciding an already approved claim again changes nothing.
    The learner is told after commit."""
    if decision not in DECISIONS:
        raise ValidationError(_("Choose a decision."), code="decision")
    message = clean_plain_text(message, max_length=MESSAGE_MAX_LENGTH)
    if decision != ClaimAction.APPROVED and not message:
        raise ValidationError(
            _("Tell the learner why, or what is missing: they will see this message."),
            code="message",
        )
    with transaction.atomic():
        claim = (  # locks the claim alone, not the learner and village it is scoped by
            claims_for(reviewer, Action.REVIEW)
            .select_for_update(of=("self",))
            .filter(pk=claim_id)
            .first()
        )
        if claim is None:
            raise PermissionDenied
        if claim.status == ClaimStatus.APPROVED and decision == ClaimAction.APPROVED:
            return claim
        if not claim.can_be_decided:
            raise ValidationError(
                _("This claim has already been decided: %(status)s.")
                % {"status": claim.get_status_display()},
                code="state",
            )
        now = timezone.now()
        claim.status = DECISIONS[decision]
        claim.reviewer_message = message
        claim.decided_at = now
        claim.decided_by = reviewer
        claim.save(update_fields=["status", "reviewer_message", "decided_at", "decided_by"])
        entry = _log(claim, decision, actor=reviewer, message=message)
        if decision == ClaimAction.APPROVED:
            _record_learning_event(claim, reviewer=reviewer, at=now)
        entry_id = entry.pk

        transaction.on_commit(lambda: notify_certificate_decision.delay(entry_id))
    return claim


def _record_learning_event(claim: CertificateClaim, *, reviewer, at) -> None:
    event_record(
        event_id=claim_event_id(claim.pk),
        learner=claim.learner,
        verb="certificate_verified",
        occurred_at=at,
        source="national_certificate",
        recorded_by=reviewer,
        national_course=claim.course,
        result={"completion": True, "success": True},
        context={
            "certificate_claim": claim.pk,
            "certificate_number": claim.certificate_number,
            "issued_on": claim.issued_on.isoformat(),
        },
    )


# --- Privacy --------------------------------------------------------------------------


@privacy.register_exporter("national_courses")
def export_national_courses(user) -> dict:
    """Visits and certificate claims in the learner's data download (the
    files themselves stay downloadable from the claim page)."""
    visits = NationalCourseVisit.objects.filter(learner__user=user).select_related("course")
    claims = (
        CertificateClaim.objects.filter(learner__user=user)
        .select_related("course")
        .prefetch_related("log")
    )
    return {
        "visits": [
            {
                "course": visit.course.title,
                "first": visit.first_visited_at.isoformat(),
                "last": visit.last_visited_at.isoformat(),
                "count": visit.visit_count,
            }
            for visit in visits
        ],
        "certificate_claims": [
            {
                "course": claim.course.title,
                "certificate_number": claim.certificate_number,
                "issued_on": claim.issued_on.isoformat(),
                "notes": claim.notes,
                "status": claim.status,
                "message_from_trainer": claim.reviewer_message,
                "file_sha256": claim.file_sha256,
                "history": [
                    {"when": entry.created_at.isoformat(), "action": entry.action}
                    for entry in claim.log.all()
                ],
            }
            for claim in claims
        ],
    }


@receiver(post_delete, sender=CertificateClaim, dispatch_uid="lms_claim_files_deleted")
def _claim_deleted(sender, instance: CertificateClaim, **kwargs) -> None:
    """However a claim goes (an erased account cascades to it), its private
    files go too, once the deletion has committed."""
    delete_after_commit(instance.file_name, instance.thumbnail_name)
