"""Telling a learner of a trainer's decision on their certificate claim, in
the background after it committed (run by ``lms.national.tasks``)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.messaging import send_sms
from lms.models import PhoneNumber
from lms.models.national import DECISIONS, CertificateClaimLog, ClaimAction


def certificate_decision_notify(*, log_id: int) -> bool:
    """Tell the learner of a trainer's decision by text message and/or e-mail,
    to whichever they have. Idempotent: a step already told is not sent again."""
    with transaction.atomic():
        entry = (
            CertificateClaimLog.objects.select_for_update()
            .select_related("claim__learner__user", "claim__course")
            .filter(pk=log_id, notified_at__isnull=True)
            .first()
        )
        if entry is None or entry.action not in DECISIONS:
            return False
        claim = entry.claim
        user = claim.learner.user
        with translation.override(settings.LANGUAGE_CODE):
            body = _decision_text(entry, site=getattr(settings, "WAGTAIL_SITE_NAME", ""))
            subject = _("Your certificate for %(course)s") % {"course": claim.course.title}
        phone = PhoneNumber.objects.filter(user=user).values_list("number", flat=True).first()
        email = (
            EmailAddress.objects.filter(user=user)
            .order_by("-primary", "-verified")
            .values_list("email", flat=True)
            .first()
            or user.email
        )
        if phone:
            send_sms(to=phone, body=body)
        if email:
            send_mail(subject, body, None, [email])
        entry.notified_at = timezone.now()
        entry.save(update_fields=["notified_at"])
    return bool(phone or email)


def _decision_text(entry: CertificateClaimLog, *, site: str) -> str:
    values = {"site": site, "course": entry.claim.course.title, "reason": entry.message}
    if entry.action == ClaimAction.APPROVED:
        text = _(
            "%(site)s: your certificate for %(course)s has been verified. "
            "It now counts in your learning record."
        )
    elif entry.action == ClaimAction.REJECTED:
        text = _(
            "%(site)s: your certificate for %(course)s was not accepted: %(reason)s "
            "You can correct it and send it again."
        )
    else:
        text = _(
            "%(site)s: the trainer needs more information about your certificate for "
            "%(course)s: %(reason)s"
        )
    return text % values
