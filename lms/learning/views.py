"""Learner pages of the learning record: marking lessons done, answering
knowledge checks, the offline batch endpoint and "My learning". Thin: every
write goes through ``lms.learning.services.records``."""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.models import CoursePage, LessonPage
from lms.learning.progress import my_learning as my_learning_summary
from lms.learning.services.records import BatchRejected, event_record, events_record_batch
from lms.models import Source, Verb
from lms.people.selectors import learner_for

QUESTION_PREFIX = "q-"


def _no_profile(request: HttpRequest) -> HttpResponse:
    messages.warning(request, _("Create your learner profile first, then your progress is saved."))
    return redirect("lms:profile")


def _page_gone(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("This lesson does not exist or is not published."))
    return redirect("lms:my_learning")


def _form_event_id(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get("event_id", ""))
    except ValueError:
        return None


def _report(request: HttpRequest, error: ValidationError) -> None:
    if getattr(error, "code", None) == "conflict":
        messages.error(
            request,
            _("This form was already sent, so it was not saved again. Please answer once more."),
        )
    else:
        for message in error.messages:
            messages.error(request, message)


@never_cache
@login_required
@require_POST
def lesson_complete(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """The "Mark as done" form. Its hidden event id, made when the page was
    shown, means that sending the form twice records it once."""
    learner = learner_for(request.user)
    if learner is None:
        return _no_profile(request)
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        return _page_gone(request)
    event_id = _form_event_id(request)
    if event_id is None:
        messages.error(request, _("The event has an invalid identifier."))
        return redirect(lesson.url)
    try:
        outcome = event_record(
            event_id=event_id,
            learner=learner,
            verb=Verb.COMPLETED,
            occurred_at=timezone.now(),
            source=Source.WEB,
            lesson=lesson,
        )
    except ValidationError as error:
        _report(request, error)
    else:
        if outcome.created:
            messages.success(request, _("Well done! This lesson is marked as done."))
        else:
            messages.info(request, _("This was already saved. Nothing has changed."))
    return redirect(lesson.url + "#lesson-status")


@never_cache
@login_required
@require_POST
def page_answer(request: HttpRequest, page_id: int) -> HttpResponse:
    """Grades a lesson's knowledge check or a course's final check on the
    server, then shows the page again with the feedback."""
    learner = learner_for(request.user)
    if learner is None:
        return _no_profile(request)
    page = (
        LessonPage.objects.live().filter(pk=page_id).first()
        or CoursePage.objects.live().filter(pk=page_id).first()
    )
    if page is None:
        return _page_gone(request)
    anchor = "#knowledge-check-result"
    event_id = _form_event_id(request)
    if event_id is None:
        messages.error(request, _("The event has an invalid identifier."))
        return redirect(page.url + anchor)
    answers = {
        key[len(QUESTION_PREFIX) :]: request.POST.getlist(key)
        for key in request.POST
        if key.startswith(QUESTION_PREFIX)
    }
    target = {"lesson": page} if isinstance(page, LessonPage) else {"course": page}
    try:
        outcome = event_record(
            event_id=event_id,
            learner=learner,
            verb=Verb.ANSWERED,
            occurred_at=timezone.now(),
            source=Source.WEB,
            result={"answers": answers},
            **target,
        )
    except ValidationError as error:
        _report(request, error)
        return redirect(page.url + anchor)
    result = outcome.event.result
    if not outcome.created:
        messages.info(request, _("This was already saved. Nothing has changed."))
    elif result["success"]:
        messages.success(
            request,
            _("You passed with %(score)s%% correct. Well done!") % {"score": result["score"]},
        )
    else:
        messages.warning(
            request,
            _(
                "You got %(score)s%% correct; %(mark)s%% is needed. "
                "Read the explanations below and try again."
            )
            % {"score": result["score"], "mark": result["pass_mark"]},
        )
    return redirect(page.url + anchor)


@never_cache
@require_POST
def events_batch(request: HttpRequest) -> JsonResponse:
    """Progress a phone kept while it was offline, sent as JSON
    ``{"events": [...]}`` (see ``events_record_batch``). Signed-in and
    CSRF-protected like any form; all or nothing."""
    if not request.user.is_authenticated:
        return JsonResponse({"message": _("Sign in to save your progress.")}, status=403)
    learner = learner_for(request.user)
    if learner is None:
        return JsonResponse(
            {"message": _("Create your learner profile first, then your progress is saved.")},
            status=403,
        )
    try:
        payload = json.loads(request.body)
        events = payload["events"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"message": _("The events could not be read.")}, status=400)
    try:
        outcomes = events_record_batch(learner=learner, events=events, source=Source.OFFLINE)
    except BatchRejected as rejected:
        return JsonResponse(
            {"message": rejected.messages[0], "errors": rejected.errors}, status=400
        )
    created = sum(1 for outcome in outcomes if outcome.created)
    return JsonResponse(
        {
            "recorded": created,
            "already": len(outcomes) - created,
            "message": _("Your progress has been saved."),
        }
    )


@never_cache
@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    learner = learner_for(request.user)
    summary = my_learning_summary(learner) if learner else None
    return render(request, "lms/my_learning.html", {"learner": learner, "summary": summary})
