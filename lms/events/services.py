"""Writes for events: signing up, cancelling, checking in at the door.

A seat is given under a lock on the event's ``EventHost`` row, so two people
signing up at the same moment can never both take the last seat. Attendance
enters the learning record as an ``attended`` event through the one
recording service, with an id fixed by the event and the learner, so a
second check-in can never record it twice.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import EventPage
from lms.access.audit import audit_record
from lms.access.policy import Action, events_for, learners_for
from lms.learning.services.records import event_record
from lms.models import AuditAction, EventHost, EventRegistration, Learner, Source, Verb
from lms.people.services.people import learner_register_assisted

ATTENDED_NAMESPACE = uuid.UUID("6f1f3c1e-7a0e-4c55-9a57-0e5b1e7d10a0")
# The door opens before the event starts (people come early to be helped).
DOOR_OPENS_BEFORE = datetime.timedelta(hours=12)


def attended_event_id(*, event: EventPage, learner: Learner) -> uuid.UUID:
    """The one id of "this learner attended this event"."""
    return uuid.uuid5(ATTENDED_NAMESPACE, f"event:{event.pk}:learner:{learner.pk}")


def _locked_host(event: EventPage) -> EventHost:
    EventHost.objects.get_or_create(event=event)
    return EventHost.objects.select_for_update().get(pk=event.pk)


def _full(event: EventPage) -> bool:
    if event.capacity is None:
        return False
    return EventRegistration.objects.filter(event=event).count() >= event.capacity


def _check_open(event: EventPage, now) -> None:
    if not event.live:
        raise ValidationError(_("This event is not published."), code="not_live")
    if event.has_ended(now):
        raise ValidationError(_("This event is over: sign-up is closed."), code="ended")


def event_signup(
    *,
    event: EventPage,
    learner: Learner,
    signed_up_by=None,
    request=None,
) -> EventRegistration:
    """Sign ``learner`` up for ``event``: by themselves (``signed_up_by`` is
    None or their own account) or by staff in the event's scope. Refused with
    a translated message, changing nothing, when the event is over or has
    started, is full, or the learner is signed up already."""
    by_staff = signed_up_by is not None and signed_up_by.pk != learner.user_id
    if by_staff:
        _check_staff(event, signed_up_by, learner)
    now = timezone.now()
    with transaction.atomic():
        _locked_host(event)
        _check_open(event, now)
        if event.has_started(now):
            raise ValidationError(
                _(
                    "This event has already started: sign-up is closed. "
                    "Staff at the door can still let you in."
                ),
                code="started",
            )
        if EventRegistration.objects.filter(event=event, learner=learner).exists():
            raise ValidationError(
                _("%(name)s is already signed up for this event.") % {"name": learner.full_name}
                if by_staff
                else _("You are already signed up for this event."),
                code="twice",
            )
        if _full(event):
            raise ValidationError(
                _("This event is full: all %(capacity)d places are taken.")
                % {"capacity": event.capacity},
                code="full",
            )
        registration = EventRegistration.objects.create(
            event=event,
            learner=learner,
            registered_by=signed_up_by,
            registered_at=now,
        )
        if by_staff:
            audit_record(
                actor=signed_up_by,
                action=AuditAction.EVENT_REGISTER,
                learner_id=learner.pk,
                detail={"event": event.pk},
                request=request,
            )
    return registration


def event_cancel(*, event: EventPage, learner: Learner) -> None:
    """The learner gives their place back (before the event starts)."""
    now = timezone.now()
    with transaction.atomic():
        _locked_host(event)
        registration = EventRegistration.objects.filter(event=event, learner=learner).first()
        if registration is None:
            raise ValidationError(
                _("You are not signed up for this event, so there is nothing to cancel."),
                code="not_signed_up",
            )
        if registration.checked_in_at is not None or event.has_started(now):
            raise ValidationError(
                _("This event has already started: your sign-up can no longer be cancelled."),
                code="started",
            )
        registration.delete()


def _check_staff(event: EventPage, user, learner: Learner | None = None) -> None:
    if not events_for(user, Action.TEACH).filter(pk=event.pk).exists():
        raise PermissionDenied("event outside the user's scope")
    if learner is not None and not (
        learners_for(user).filter(pk=learner.pk).exists()
        or EventRegistration.objects.filter(event=event, learner=learner).exists()
    ):
        raise PermissionDenied("learner outside the user's scope")


def event_check_in(
    *, event: EventPage, learner: Learner, checked_in_by, request=None
) -> EventRegistration:
    """Staff of the event's place let ``learner`` in at the door.

    A learner who did not sign up is let in as a walk-in when there is a
    place left (they count in the capacity like everyone else). A second
    check-in is refused ("already checked in at HH:MM"). The attendance is
    recorded as an ``attended`` learning event and the act is audited."""
    _check_staff(event, checked_in_by, learner)
    now = timezone.now()
    with transaction.atomic():
        _locked_host(event)
        _check_open(event, now)
        if now < event.start_at - DOOR_OPENS_BEFORE:
            raise ValidationError(_("Check-in opens on the day of the event."), code="not_yet")
        registration = EventRegistration.objects.filter(event=event, learner=learner).first()
        if registration is not None and registration.checked_in_at is not None:
            raise ValidationError(
                _("%(name)s is already checked in (at %(time)s).")
                % {
                    "name": learner.full_name,
                    "time": timezone.localtime(registration.checked_in_at).strftime("%H:%M"),
                },
                code="already_checked_in",
            )
        if registration is None:
            if _full(event):
                raise ValidationError(
                    _(
                        "The event is full: %(name)s did not sign up "
                        "and cannot be let in as a walk-in."
                    )
                    % {"name": learner.full_name},
                    code="full",
                )
            registration = EventRegistration(
                event=event,
                learner=learner,
                registered_by=checked_in_by,
                registered_at=now,
                walk_in=True,
            )
        registration.checked_in_at = now
        registration.checked_in_by = checked_in_by
        registration.save()
        event_record(
            event_id=attended_event_id(event=event, learner=learner),
            learner=learner,
            verb=Verb.ATTENDED,
            occurred_at=now,
            source=Source.EVENT,
            recorded_by=checked_in_by,
            event_page=event,
        )
        audit_record(
            actor=checked_in_by,
            action=AuditAction.EVENT_CHECK_IN,
            learner_id=learner.pk,
            detail={"event": event.pk, "walk_in": registration.walk_in},
            request=request,
        )
    return registration


@transaction.atomic
def event_walk_in_register(
    *, event: EventPage, registered_by, request=None, **person
) -> tuple[Learner, EventRegistration]:
    """A newcomer at the door: registered as a learner by the assisted
    registration of the people room, then checked in as a walk-in."""
    _check_staff(event, registered_by)
    learner = learner_register_assisted(registered_by=registered_by, request=request, **person)
    registration = event_check_in(
        event=event, learner=learner, checked_in_by=registered_by, request=request
    )
    return learner, registration
