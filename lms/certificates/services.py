"""Local certificates: issue (after a completion commits), look up, check a
name against the one printed, revoke."""

from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.conf import import_setting, lms_settings
from lms.models.certificates import CODE_ALPHABET, CODE_LENGTH, Certificate
from lms.text import clean_text

REVOKE_REASON_MAX_LENGTH = 500
_SEPARATORS = re.compile(r"[\s\-_.]+")
_CODE_RE = re.compile(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
# Vietnamese tone marks (grave, acute, tilde, hook above, dot below). Their
# placement within a syllable varies by keyboard ("hòa" / "hoà"), so a name
# check compares each syllable's tone apart from its letters.
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def default_issuer_name(site) -> str:
    """The issuer printed on certificates when the host names none: the
    Wagtail site's name."""
    return site.site_name if site is not None and site.site_name else ""


def issuer_name_for(page) -> str:
    """Ask the host (``HOCVUSO["CERTIFICATE_ISSUER"]``) who issues certificates
    for the site ``page`` belongs to; lms cannot read the host's settings
    models itself."""
    site = page.get_site() if page is not None else None
    name = import_setting(lms_settings.CERTIFICATE_ISSUER)(site)
    return clean_text(name) or default_issuer_name(site)


def normalise_code(raw: str) -> str | None:
    """A typed or scanned code in canonical form, or None when it cannot be
    one (wrong length or letters): such a code is never looked up."""
    if not isinstance(raw, str) or len(raw) > 64:
        return None
    code = _SEPARATORS.sub("", raw).upper()
    return code if _CODE_RE.fullmatch(code) else None


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def certificate_lookup(raw_code: str) -> Certificate | None:
    code = normalise_code(raw_code)
    if code is None:
        return None
    return Certificate.objects.select_related("learner").filter(code=code).first()


def certificate_issue(
    *,
    learner,
    course=None,
    program=None,
    completed_at: datetime | None = None,
) -> Certificate:
    """Issue the certificate for a completed course or 4T program, or return
    the one already issued: completion events may be replayed or delivered
    twice, and a learner has one certificate per course or program. A revoked
    certificate stays revoked (completing again does not undo a revocation)."""
    if (course is None) == (program is None):
        raise ValueError("Issue a certificate for exactly one course or program.")
    target = {"course": course} if course is not None else {"program": program}
    existing = Certificate.objects.filter(learner=learner, **target).first()
    if existing is not None:
        return existing
    page = course if course is not None else program
    fields = {
        "learner": learner,
        **target,
        "title": page.title,
        "holder_name": learner.full_name,
        "issuer": issuer_name_for(page),
        "completed_at": completed_at or timezone.now(),
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(code=_new_code(), **fields)
        except IntegrityError:
            # Either the same certificate was issued concurrently (return it)
            # or, astronomically rarely, the random code was taken (try again).
            existing = Certificate.objects.filter(learner=learner, **target).first()
            if existing is not None:
                return existing
    raise RuntimeError("Could not find a free certificate code.")


def _syllable_key(syllable: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", syllable)
    letters = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    tones = "".join(sorted(ch for ch in decomposed if ch in _TONE_MARKS))
    return unicodedata.normalize("NFC", letters), tones


def name_key(name: str) -> tuple[tuple[str, str], ...]:
    """How two spellings of one name compare: NFC, case and spacing ignored,
    tone-mark placement ignored ("Hòa" = "Hoà"), but not the diacritics
    themselves: "Lan" and "Lân" are different people, and ignoring them would
    make names easier to guess."""
    return tuple(_syllable_key(part) for part in clean_text(name).casefold().split())


def certificate_name_matches(*, certificate: Certificate, name: str) -> bool:
    typed = name_key(name)
    return bool(typed) and secrets.compare_digest(
        repr(typed).encode(), repr(name_key(certificate.holder_name)).encode()
    )


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a certificate (e.g. issued on records later found wrong). The
    reason is required and kept; revoking twice is refused, so the first
    revocation's date and reason stand."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError(_("Give the reason for revoking this certificate."), code="reason")
    if len(reason) > REVOKE_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Keep the reason under %(limit)s characters.") % {"limit": REVOKE_REASON_MAX_LENGTH},
            code="reason",
        )
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("This certificate has already been revoked."), code="revoked")
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revoked_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return locked
