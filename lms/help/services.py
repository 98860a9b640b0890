"""Writes of the help room: asking for help, taking and closing a request,
and keeping the village helpers. Each runs in one transaction; staff actions
are audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.access.audit import audit_record
from lms.access.policy import Action, help_requests_for, helpers_for, learners_for, places_for
from lms.classes.help_log import ambassador_help_record
from lms.classes.selectors import class_places_for
from lms.help.tasks import notify_help_request
from lms.models import (
    AuditAction,
    HelpNeed,
    HelpOutcome,
    HelpRequest,
    HelpRequestOutcome,
    HelpStatus,
    Learner,
    Place,
    PlaceKind,
    VillageHelper,
)
from lms.phones import normalise_phone
from lms.text import clean_text, nfc

MESSAGE_MAX = 500
NOT_A_SITE_VILLAGE = gettext_lazy(
    "This village is not one of this site's villages: choose your village from the list."
)
# What the help log records for each way a request ends (none when the
# person could not be reached: no help was given).
LOG_OUTCOME = {
    HelpRequestOutcome.SOLVED: HelpOutcome.DONE,
    HelpRequestOutcome.NOT_SOLVED: HelpOutcome.NOT_DONE,
}


def _text(value: str) -> str:
    """NFC, with each line's spaces tidied and blank lines at the ends dropped."""
    return "\n".join(" ".join(line.split()) for line in nfc(value).splitlines()).strip()


@transaction.atomic
def help_request_create(
    *,
    village: Place,
    need: str,
    name: str,
    phone: str = "",
    message: str = "",
    user=None,
    learner: Learner | None = None,
) -> HelpRequest:
    """Record a request for help for the helpers of ``village`` and tell them
    (a text message, after commit). Anyone may ask; someone not signed in
    must leave a phone number to be called back."""
    if village is None or village.kind != PlaceKind.VILLAGE or not village.pk:
        raise ValidationError({"village": NOT_A_SITE_VILLAGE})
    if not Place.objects.filter(pk=village.pk, kind=PlaceKind.VILLAGE).exists():
        raise ValidationError({"village": NOT_A_SITE_VILLAGE})
    errors = {}
    if need not in HelpNeed.values:
        errors["need"] = _("Choose what you need help with.")
    name = clean_text(name)
    if len(name) < 2:
        errors["name"] = _("Please write your name.")
    signed_in = bool(getattr(user, "is_authenticated", False))
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as error:
            errors["phone"] = error
    elif not signed_in:
        errors["phone"] = _("Leave a phone number so that a helper can call you back.")
    message = _text(message)
    if len(message) > MESSAGE_MAX:
        errors["message"] = _("Keep the message under %(max)s characters.") % {"max": MESSAGE_MAX}
    if errors:
        raise ValidationError(errors)
    help_request = HelpRequest.objects.create(
        village=village,
        need=need,
        name=name,
        phone=phone,
        message=message,
        requested_by=user if signed_in else None,
        learner=learner,
    )
    request_id = help_request.pk
    transaction.on_commit(lambda: notify_help_request.delay(request_id))
    return help_request


def _handled(helper, help_request_id: int) -> HelpRequest:
    """The request, locked, if ``helper`` is one of its village's helpers."""
    help_request = (
        help_requests_for(helper, Action.CHANGE, HelpRequest.objects.select_for_update())
        .filter(pk=help_request_id)
        .first()
    )
    if help_request is None:
        raise PermissionDenied
    return help_request


def _taken_by_other(help_request: HelpRequest, helper) -> ValidationError:
    other = help_request.taken_by
    name = (other.get_full_name() or other.get_username()) if other else _("another helper")
    return ValidationError(
        _("%(name)s has already taken this request: nothing was changed.") % {"name": name},
        code="taken",
    )


@transaction.atomic
def help_request_take(*, helper, help_request_id: int, request=None) -> HelpRequest:
    """``helper`` takes the request: the others see who is on it. A request
    someone else took, or one already closed, is refused and left as it was."""
    help_request = _handled(helper, help_request_id)
    if help_request.status == HelpStatus.CLOSED:
        raise ValidationError(_("This request is closed already."), code="closed")
    if help_request.status == HelpStatus.TAKEN:
        if help_request.taken_by_id == helper.pk:
            return help_request
        raise _taken_by_other(help_request, helper)
    help_request.status = HelpStatus.TAKEN
    help_request.taken_by = helper
    help_request.taken_at = timezone.now()
    help_request.save(update_fields=["status", "taken_by", "taken_at"])
    audit_record(
        actor=helper,
        action=AuditAction.TAKE_HELP_REQUEST,
        learner_id=help_request.learner_id,
        detail={"help_request": help_request.pk},
        request=request,
    )
    return help_request


def may_log_help(helper, help_request: HelpRequest) -> bool:
    """The help log is kept by staff with a grant over the place: a helper
    without one closes the request without a log entry."""
    return class_places_for(helper).filter(pk=help_request.village_id).exists()


@transaction.atomic
def help_request_close(
    *,
    helper,
    help_request_id: int,
    outcome: str,
    log_help: bool = True,
    request=None,
) -> HelpRequest:
    """Close a request with how it ended. With ``log_help`` (and help given),
    the ambassadors' help log gets its entry through its own service, so the
    help counts in the indicators; the entry names the learner who asked when
    the helper may see them. A request another helper took is refused."""
    help_request = _handled(helper, help_request_id)
    if outcome not in HelpRequestOutcome.values:
        raise ValidationError({"outcome": _("Choose how it ended.")})
    if help_request.status == HelpStatus.CLOSED:
        raise ValidationError(_("This request is closed already."), code="closed")
    if help_request.status == HelpStatus.TAKEN and help_request.taken_by_id != helper.pk:
        raise _taken_by_other(help_request, helper)
    now = timezone.now()
    if help_request.taken_by_id is None:
        help_request.taken_by, help_request.taken_at = helper, now
    help_request.status = HelpStatus.CLOSED
    help_request.outcome = outcome
    help_request.closed_at = now
    if log_help and outcome in LOG_OUTCOME:
        if not may_log_help(helper, help_request):
            raise ValidationError(
                {
                    "log_help": _(
                        "Only staff of this village keep the help log: untick the box to close."
                    )
                }
            )
        learner = None
        if help_request.learner_id:
            learner = learners_for(helper, Action.CHANGE).filter(pk=help_request.learner_id).first()
        help_request.help_log = ambassador_help_record(
            helper=helper,
            place=help_request.village,
            date=timezone.localdate(),
            service=str(help_request.get_need_display()),
            outcome=LOG_OUTCOME[outcome],
            learner=learner,
            request=request,
        )
    help_request.save(
        update_fields=["status", "outcome", "closed_at", "taken_by", "taken_at", "help_log"]
    )
    audit_record(
        actor=helper,
        action=AuditAction.CLOSE_HELP_REQUEST,
        learner_id=help_request.learner_id,
        detail={"help_request": help_request.pk, "outcome": outcome},
        request=request,
    )
    return help_request


@transaction.atomic
def village_helper_save(
    *, by, values: dict, helper: VillageHelper | None = None, request=None
) -> VillageHelper:
    """Add or change a village helper from a staff page: only a manager over
    the village (the editors keep helpers in the Wagtail admin instead)."""
    village = values.get("village")
    if village is None:
        raise ValidationError({"village": _("Choose a village.")})
    if not places_for(by, Action.REPORT, Place.objects.filter(pk=village.pk)).villages().exists():
        raise PermissionDenied
    if helper is not None:
        helper = helpers_for(by).select_for_update().filter(pk=helper.pk).first()
        if helper is None:
            raise PermissionDenied
    else:
        helper = VillageHelper()
    for field in ("village", "name", "role", "phone", "zalo", "hours", "user", "active"):
        if field in values:
            setattr(helper, field, values[field])
    if "sort_order" in values and values["sort_order"] is not None:
        helper.sort_order = values["sort_order"]
    helper.full_clean()
    helper.save()
    audit_record(
        actor=by,
        action=AuditAction.SAVE_HELPER,
        detail={"village_helper": helper.pk, "village": village.pk},
        request=request,
    )
    return helper
