"""Writes of the digital ambassadors' help log."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.access.policy import Action, learners_for
from lms.classes.selectors import class_places_for
from lms.models import Learner, Place
from lms.models.help_log import VNEID_LEVELS, AmbassadorHelp, HelpOutcome
from lms.people.services.digital_id import digital_id_set
from lms.text import clean_text

MAX_DAYS_BACK = 366
OUT_OF_SCOPE = gettext_lazy("This person is not in your places: nothing was logged.")


@transaction.atomic
def ambassador_help_record(
    *,
    helper,
    place: Place,
    date: datetime.date,
    service: str,
    outcome: str,
    learner: Learner | None = None,
    vneid_level: str = "",
    request=None,
) -> AmbassadorHelp:
    """Log one time a citizen was helped, in a place within the helper's
    grants, today or within the last year (the log is kept as it happens).

    The entry names the person helped only when the helper links a learner
    of their own places. A VNeID set up in the session then becomes that
    learner's digital identity, confirmed by the helper, from now (when it
    is recorded: a past period's figures do not change afterwards). A
    learner outside the helper's places is refused and nothing is logged."""
    if not class_places_for(helper).filter(pk=place.pk).exists():
        raise PermissionDenied
    today = timezone.localdate()
    if date > today:
        raise ValidationError(_("The date cannot be in the future."), code="future")
    if date < today - datetime.timedelta(days=MAX_DAYS_BACK):
        raise ValidationError(_("Log help within a year of giving it."), code="too_old")
    if outcome not in HelpOutcome.values:
        raise ValidationError(_("Choose an outcome."), code="outcome")
    in_scope = learners_for(helper, Action.CHANGE).filter(pk=getattr(learner, "pk", None))
    if learner is not None and not in_scope.exists():
        raise ValidationError(OUT_OF_SCOPE, code="learner_scope")
    if vneid_level:
        if vneid_level not in dict(VNEID_LEVELS):
            raise ValidationError(_("Choose the VNeID level set up."), code="vneid_level")
        if learner is None:
            raise ValidationError(
                _("A VNeID set up is recorded for a person: open the help log from their page."),
                code="vneid_without_learner",
            )
        if outcome == HelpOutcome.NOT_DONE:
            raise ValidationError(
                _("The help could not be done, so no VNeID was set up."), code="vneid_not_done"
            )
    entry = AmbassadorHelp.objects.create(
        helper=helper,
        place=place,
        date=date,
        service=clean_text(service),
        outcome=outcome,
        learner=learner,
        vneid_level=vneid_level,
    )
    if vneid_level:
        digital_id_set(
            learner=learner,
            status=vneid_level,
            by=helper,
            confirmed=True,
            detail={"help": entry.pk},
            request=request,
        )
    return entry
