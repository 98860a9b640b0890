"""Writes of the digital ambassadors' help log."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.classes.selectors import class_places_for
from lms.models import Place
from lms.models.help_log import AmbassadorHelp, HelpOutcome
from lms.text import clean_text

MAX_DAYS_BACK = 366


@transaction.atomic
def ambassador_help_record(
    *, helper, place: Place, date: datetime.date, service: str, outcome: str
) -> AmbassadorHelp:
    """Log one time a citizen was helped, in a place within the helper's
    grants, today or within the last year (the log is kept as it happens)."""
    if not class_places_for(helper).filter(pk=place.pk).exists():
        raise PermissionDenied
    today = timezone.localdate()
    if date > today:
        raise ValidationError(_("The date cannot be in the future."), code="future")
    if date < today - datetime.timedelta(days=MAX_DAYS_BACK):
        raise ValidationError(_("Log help within a year of giving it."), code="too_old")
    if outcome not in HelpOutcome.values:
        raise ValidationError(_("Choose an outcome."), code="outcome")
    return AmbassadorHelp.objects.create(
        helper=helper, place=place, date=date, service=clean_text(service), outcome=outcome
    )
