"""Local certificates: proof, printable and publicly checkable, that a learner
completed one of this site's courses or its 4T program."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.people import Learner

# Codes are printed and may be typed in by hand: upper case letters and digits
# without the look-alikes 0/O and 1/I. Sixteen of these 32 symbols are 80 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 16
CODE_GROUP = 4


class CertificateQuerySet(models.QuerySet):
    def valid(self) -> CertificateQuerySet:
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """Issued once per learner and course (or program), after the completion
    commits. Title, holder and issuer are kept as printed, so the certificate
    reads the same even if the course or the profile is renamed later. A
    revoked certificate is kept (the verification page says it was revoked)."""

    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, editable=False)
    learner = models.ForeignKey(
        Learner, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("learner")
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    program = models.ForeignKey(
        "courses.FourTProgramPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("4T program"),
    )
    title = models.CharField(_("title as printed"), max_length=255)
    holder_name = models.CharField(_("holder's name as printed"), max_length=150)
    issuer = models.CharField(_("issuer"), max_length=200)
    completed_at = models.DateTimeField(_("completed at"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(course__isnull=False) & models.Q(program__isnull=True))
                | (models.Q(course__isnull=True) & models.Q(program__isnull=False)),
                name="lms_certificate_course_xor_program",
            ),
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=models.Q(course__isnull=False),
                name="lms_certificate_unique_learner_course",
            ),
            models.UniqueConstraint(
                fields=["learner", "program"],
                condition=models.Q(program__isnull=False),
                name="lms_certificate_unique_learner_program",
            ),
            models.CheckConstraint(
                condition=(models.Q(revoked_at__isnull=True) & models.Q(revoked_reason=""))
                | (models.Q(revoked_at__isnull=False) & ~models.Q(revoked_reason="")),
                name="lms_certificate_revocation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} · {self.title}"

    @property
    def display_code(self) -> str:
        """The code in groups of four, as printed: ABCD-EFGH-JKLM-NPQR."""
        return "-".join(self.code[i : i + CODE_GROUP] for i in range(0, len(self.code), CODE_GROUP))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def holder_initials(self) -> str:
        """What the public page shows of the holder: "N. T. L." for Nguyễn Thị Lan."""
        return " ".join(f"{part[0].upper()}." for part in self.holder_name.split())
