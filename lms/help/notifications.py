"""Telling a village's helpers of a new request for help, in the background
after it committed (run by ``lms.help.tasks``)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.messaging import send_sms
from lms.models import HelpRequest, VillageHelper


def help_request_notify(*, help_request_id: int) -> int:
    """Send each active helper of the request's village (and only of that
    village) a text message, to their phone or else their Zalo number.
    Idempotent: a request already told is not sent again. Returns how many
    messages went out."""
    with transaction.atomic():
        help_request = (
            HelpRequest.objects.select_for_update(of=("self",))
            .select_related("village")
            .filter(pk=help_request_id, notified_at__isnull=True)
            .first()
        )
        if help_request is None:
            return 0
        numbers = []
        for phone, zalo in (
            VillageHelper.objects.active()
            .filter(village_id=help_request.village_id)
            .values_list("phone", "zalo")
        ):
            number = phone or zalo
            if number and number not in numbers:
                numbers.append(number)
        with translation.override(settings.LANGUAGE_CODE):
            body = _(
                "%(site)s: %(name)s in %(village)s asks for help with %(need)s. See it at %(path)s"
            ) % {
                "site": getattr(settings, "WAGTAIL_SITE_NAME", ""),
                "name": help_request.name,
                "village": help_request.village.name,
                "need": help_request.get_need_display(),
                "path": getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
                + reverse("lms:help_request_detail", args=[help_request.pk]),
            }
        for number in numbers:
            send_sms(to=number, body=body)
        help_request.notified_at = timezone.now()
        help_request.save(update_fields=["notified_at"])
    return len(numbers)
