"""Event pages of learners (sign up, cancel) and of staff (the door, the
figures). Thin views over lms.events.selectors and lms.events.services. An
event outside the viewer's scope is a 404, so its figures do not leak."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.models import EventPage
from lms.access.audit import audit_record
from lms.access.decorators import staff_required
from lms.access.policy import Action
from lms.csv_export import streamed_csv
from lms.events import selectors, services
from lms.events.forms import DoorCodeForm, DoorLearnerForm
from lms.models import AuditAction, Learner
from lms.people.passes import learner_pass_id
from lms.people.selectors import learner_for


def _first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else _("This could not be done.")


def _public_event(pk: int) -> EventPage:
    return get_object_or_404(EventPage.objects.live().public(), pk=pk)


def _back_to(event: EventPage) -> str:
    return event.get_url() or "/"


@never_cache
@require_POST
@login_required
def event_signup(request, pk: int):
    event = _public_event(pk)
    learner = learner_for(request.user)
    if learner is None:
        messages.error(request, _("Complete your learner profile first, then sign up."))
        return redirect("lms:profile")
    try:
        services.event_signup(event=event, learner=learner)
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, _("You are signed up. See you there!"))
    return redirect(_back_to(event))


@never_cache
@require_POST
@login_required
def event_cancel(request, pk: int):
    event = _public_event(pk)
    learner = learner_for(request.user)
    try:
        if learner is None:
            raise ValidationError(
                _("You are not signed up for this event, so there is nothing to cancel.")
            )
        services.event_cancel(event=event, learner=learner)
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect(_back_to(event))


def _staff_event(request, pk: int, action: Action = Action.VIEW) -> EventPage:
    event = selectors.event_for(request.user, pk, action)
    if event is None:
        raise Http404
    return event


@never_cache
@staff_required
def staff_events(request):
    return render(
        request, "lms/events/list.html", {"events": selectors.event_list_for(request.user)}
    )


@never_cache
@staff_required
def staff_event_detail(request, pk: int):
    event = _staff_event(request, pk)
    return render(
        request,
        "lms/events/detail.html",
        {
            "event": event,
            "totals": selectors.event_totals(event),
            "by_village": selectors.event_by_village(event),
            "by_target_group": selectors.event_by_target_group(event),
        },
    )


@never_cache
@staff_required
def staff_event_export(request, pk: int):
    event = _staff_event(request, pk)
    header, rows = selectors.breakdown_csv_rows(event)
    audit_record(
        actor=request.user, action=AuditAction.EXPORT, detail={"event": event.pk}, request=request
    )
    return streamed_csv(header, rows, filename=f"su-kien-{event.pk}.csv")


def _door_url(event: EventPage, query: str = "") -> str:
    url = reverse("lms:event_door", args=[event.pk])
    return f"{url}?{urlencode({'q': query})}" if query else url


def _check_in(request, event: EventPage, learner: Learner) -> None:
    try:
        registration = services.event_check_in(
            event=event, learner=learner, checked_in_by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        if registration.walk_in:
            messages.success(
                request,
                _("%(name)s is checked in (a walk-in: they had not signed up).")
                % {"name": learner.full_name},
            )
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": learner.full_name})


@never_cache
@staff_required
def event_door(request, pk: int):
    """The door: a small page that works on a slow connection. Scan or type
    a learner's code, or find a name and press "Check in"; one POST each,
    the result shown as a message on the next page."""
    event = _staff_event(request, pk, Action.TEACH)
    code_form = DoorCodeForm(request.POST if "code" in request.POST else None)
    if request.method == "POST":
        if "code" in request.POST:
            if code_form.is_valid():
                try:
                    learner_id = learner_pass_id(code_form.cleaned_data["code"])
                    learner = Learner.objects.filter(pk=learner_id).first()
                    if learner is None:
                        raise ValidationError(_("No learner has this code any more."))
                    _check_in(request, event, learner)
                except ValidationError as error:
                    messages.error(request, _first_message(error))
                except PermissionDenied:
                    messages.error(
                        request, _("This learner is not in your area and did not sign up here.")
                    )
                return redirect(_door_url(event))
        else:
            form = DoorLearnerForm(request.POST)
            query = ""
            if form.is_valid():
                query = form.cleaned_data["q"]
                learner = Learner.objects.filter(pk=form.cleaned_data["learner"]).first()
                try:
                    if learner is None:
                        raise PermissionDenied
                    _check_in(request, event, learner)
                except PermissionDenied:
                    messages.error(
                        request, _("This learner is not in your area and did not sign up here.")
                    )
            return redirect(_door_url(event, query))
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "lms/events/door.html",
        {
            "event": event,
            "code_form": code_form,
            "query": query,
            "candidates": selectors.door_candidates(request.user, event, query),
            "totals": selectors.event_totals(event),
            "register_url": reverse("lms:staff_register") + "?" + urlencode({"event": event.pk}),
        },
    )
