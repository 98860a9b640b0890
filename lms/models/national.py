"""National courses: visits through the tracking redirect, and certificate
claims (self-reported with proof, verified by a trainer)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.people import Learner


class NationalCourseVisit(models.Model):
    """How often a learner followed our link to a national course: one row per
    learner and course, counted with an atomic increment (the platform has no
    API, so this is all we can know before a certificate arrives)."""

    learner = models.ForeignKey(
        Learner,
        on_delete=models.CASCADE,
        related_name="national_course_visits",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.NationalCourse",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("national course"),
    )
    first_visited_at = models.DateTimeField(_("first visit"), default=timezone.now)
    last_visited_at = models.DateTimeField(_("last visit"), default=timezone.now)
    visit_count = models.PositiveIntegerField(_("visits"), default=1)

    class Meta:
        verbose_name = _("national course visit")
        verbose_name_plural = _("national course visits")
        ordering = ["-last_visited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], name="lms_national_visit_once_per_course"
            ),
            models.CheckConstraint(
                condition=models.Q(visit_count__gte=1), name="lms_national_visit_count_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(last_visited_at__gte=models.F("first_visited_at")),
                name="lms_national_visit_last_after_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.course_id}: {self.visit_count}"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a trainer")
    MORE_INFO = "more_info", _("More information needed")
    APPROVED = "approved", _("Verified")
    REJECTED = "rejected", _("Not accepted")


class FileKind(models.TextChoices):
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    WEBP = "webp", "WebP"
    HEIC = "heic", "HEIC"
    PDF = "pdf", "PDF"


class FileState(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be read")


class CertificateClaimQuerySet(models.QuerySet):
    def owned_by(self, user) -> CertificateClaimQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(learner__user=user)

    def with_duplicate_flags(self) -> CertificateClaimQuerySet:
        """Flags a claim whose certificate number (for the same course) or whose
        file content was also claimed by another learner, in the same query."""
        others = CertificateClaim.objects.exclude(learner=OuterRef("learner"))
        return self.annotate(
            duplicate_number=Exists(
                others.filter(course=OuterRef("course"), number_key=OuterRef("number_key"))
            ),
            duplicate_file=Exists(others.filter(file_sha256=OuterRef("file_sha256"))),
        )


class CertificateClaim(models.Model):
    """A learner's claim to have earned a national course's certificate, with
    the proof (a photo or PDF) a trainer checks. One claim per learner and
    course: after a rejection or a request for more information the learner
    corrects the same claim, and the log keeps every step."""

    learner = models.ForeignKey(
        Learner,
        on_delete=models.CASCADE,
        related_name="certificate_claims",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.NationalCourse",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("national course"),
    )
    certificate_number = models.CharField(_("certificate number"), max_length=100)
    # The number without spaces, dashes or case: how the same number is found twice.
    number_key = models.CharField(max_length=100, editable=False, db_index=True)
    issued_on = models.DateField(_("date of issue"))
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    reviewer_message = models.TextField(
        _("message from the trainer"),
        blank=True,
        help_text=_("Why the claim was not accepted, or what is missing. The learner sees it."),
    )
    file_name = models.CharField(_("file"), max_length=200, editable=False)
    thumbnail_name = models.CharField(max_length=200, blank=True, editable=False)
    file_kind = models.CharField(_("file type"), max_length=5, choices=FileKind.choices)
    file_state = models.CharField(
        _("file state"), max_length=8, choices=FileState.choices, default=FileState.PENDING
    )
    file_size = models.PositiveIntegerField(_("file size (bytes)"))
    file_sha256 = models.CharField(
        _("SHA-256 of the uploaded file"), max_length=64, db_index=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = CertificateClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("national certificate claim")
        verbose_name_plural = _("national certificate claims")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="lms_claim_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], name="lms_claim_once_per_learner_course"
            ),
            models.CheckConstraint(
                condition=~models.Q(certificate_number=""), name="lms_claim_has_number"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ClaimStatus.values), name="lms_claim_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status="submitted") | models.Q(decided_at__isnull=False),
                name="lms_claim_decision_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["rejected", "more_info"])
                | ~models.Q(reviewer_message=""),
                name="lms_claim_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_number} · {self.course_id}"

    @property
    def is_pdf(self) -> bool:
        return self.file_kind == FileKind.PDF

    @property
    def can_resubmit(self) -> bool:
        return self.status in {ClaimStatus.REJECTED, ClaimStatus.MORE_INFO}

    @property
    def can_be_decided(self) -> bool:
        return self.status in {ClaimStatus.SUBMITTED, ClaimStatus.MORE_INFO}


class ClaimAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RESUBMITTED = "resubmitted", _("Corrected and sent again")
    APPROVED = "approved", _("Verified")
    REJECTED = "rejected", _("Not accepted")
    MORE_INFO = "more_info", _("Asked for more information")


# A trainer's decisions and the status each gives; the learner is told of each.
DECISIONS = {
    ClaimAction.APPROVED: ClaimStatus.APPROVED,
    ClaimAction.REJECTED: ClaimStatus.REJECTED,
    ClaimAction.MORE_INFO: ClaimStatus.MORE_INFO,
}


class CertificateClaimLog(models.Model):
    """Each step of a claim: who submitted or decided what, when, and the
    message the learner was given. Append-only, like the audit log."""

    claim = models.ForeignKey(
        CertificateClaim, on_delete=models.CASCADE, related_name="log", verbose_name=_("claim")
    )
    action = models.CharField(_("action"), max_length=12, choices=ClaimAction.choices)
    message = models.TextField(_("message"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    notified_at = models.DateTimeField(_("learner told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate claim step")
        verbose_name_plural = _("certificate claim history")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.action} {self.created_at:%d/%m/%Y %H:%M}"


__all__ = [
    "CertificateClaim",
    "CertificateClaimLog",
    "ClaimAction",
    "ClaimStatus",
    "FileKind",
    "FileState",
    "NationalCourseVisit",
]
