"""Completion reports for trainers and managers, on screen and as CSV/XLSX.

The page and its export call the same report builder with the same scoped
object and period, so they cannot disagree. A class, place or learner outside
the viewer's scope is a 404. Lists of named learners and every export are
written to the audit log."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .models import AuditAction, CourseProgress, LearningEvent, Place
from .reports import completion, indicators
from .reports.base import Report
from .reports.export import csv_response, xlsx_response
from .reports.filters import PeriodForm
from .selectors import granted_paths, places_visible_to
from .selectors_classes import classes_visible_to, learners_visible_to
from .services.audit import audit_record
from .views_classes import class_staff_required

EVENTS_SHOWN = 200
EXPORT_FORMATS = {"csv": csv_response, "xlsx": xlsx_response}


def _top_places(user):
    """The places a viewer's grants start from (the highest ones)."""
    if user.is_superuser:
        return list(Place.objects.filter(depth=1).order_by("path"))
    paths = granted_paths(user)
    tops = [
        path
        for path in paths
        if not any(path != other and path.startswith(other) for other in paths)
    ]
    return list(Place.objects.filter(path__in=tops).order_by("path"))


def _render_report(request, report_builder, *, context: dict, audit: dict, names_learners: bool):
    """Validate the period; then either the page or, with ``?format=``, the
    export of the very same report."""
    form = PeriodForm(request.GET)
    export = request.GET.get("format", "")
    if export and export not in EXPORT_FORMATS:
        return HttpResponse(_("Unknown export format."), status=400, content_type="text/plain")
    if not form.is_valid():
        if export:
            message = " ".join(str(e) for errors in form.errors.values() for e in errors)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return render(
            request,
            "lms/reports/report.html",
            {**context, "form": form, "report": None},
            status=400,
        )
    period = form.period()
    report: Report = report_builder(period)
    detail = {**audit, **{key: value for key, value in period.params().items() if value}}
    if export:
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            detail={**detail, "format": export},
            request=request,
        )
        return EXPORT_FORMATS[export](report)
    if names_learners:
        audit_record(
            actor=request.user, action=AuditAction.VIEW_LIST, detail=detail, request=request
        )
    params = {key: value for key, value in period.params().items() if value}
    return render(
        request,
        "lms/reports/report.html",
        {
            **context,
            "form": form,
            "report": report,
            "rows": list(report.formatted()),
            "csv_query": urlencode({**params, "format": "csv"}),
            "xlsx_query": urlencode({**params, "format": "xlsx"}),
        },
    )


@never_cache
@class_staff_required
def report_home(request):
    """Where a viewer's reports start: their place, or a choice of places,
    and their classes."""
    places = _top_places(request.user)
    classes = classes_visible_to(request.user).select_related("place").order_by("name")
    if len(places) == 1 and not request.GET.get("all"):
        return redirect("lms:report_place", pk=places[0].pk)
    return render(request, "lms/reports/home.html", {"places": places, "classes": classes})


@never_cache
@class_staff_required
def report_class(request, pk: int):
    training_class = get_object_or_404(
        classes_visible_to(request.user).select_related("place"), pk=pk
    )
    return _render_report(
        request,
        lambda period: completion.class_matrix(training_class, period),
        context={"training_class": training_class, "view": "class"},
        audit={"report": "class", "class": training_class.pk},
        names_learners=True,
    )


def _scoped_place(request, pk: int) -> Place:
    return get_object_or_404(places_visible_to(request.user), pk=pk)


def _breadcrumb(request, place: Place) -> list[Place]:
    """The place's ancestors the viewer may open, then the place itself."""
    ancestors = [place.path[: i * Place.steplen] for i in range(1, place.depth)]
    visible = places_visible_to(request.user).filter(path__in=ancestors).order_by("path")
    return [*visible, place]


@never_cache
@class_staff_required
def report_place(request, pk: int):
    place = _scoped_place(request, pk)
    return _render_report(
        request,
        lambda period: completion.place_report(place, period),
        context={"place": place, "breadcrumb": _breadcrumb(request, place), "view": "place"},
        audit={"report": "place", "place": place.pk},
        names_learners=place.kind == "village",
    )


@never_cache
@class_staff_required
def report_place_courses(request, pk: int):
    place = _scoped_place(request, pk)
    return _render_report(
        request,
        lambda period: completion.courses_report(place, period),
        context={"place": place, "breadcrumb": _breadcrumb(request, place), "view": "courses"},
        audit={"report": "courses", "place": place.pk},
        names_learners=False,
    )


@never_cache
@class_staff_required
def report_place_groups(request, pk: int):
    place = _scoped_place(request, pk)
    return _render_report(
        request,
        lambda period: completion.target_groups_report(place, period),
        context={"place": place, "breadcrumb": _breadcrumb(request, place), "view": "groups"},
        audit={"report": "target_groups", "place": place.pk},
        names_learners=False,
    )


@never_cache
@class_staff_required
def report_place_indicators(request, pk: int):
    place = _scoped_place(request, pk)
    return _render_report(
        request,
        lambda period: indicators.indicators_report(place, period),
        context={"place": place, "breadcrumb": _breadcrumb(request, place), "view": "indicators"},
        audit={"report": "indicators", "place": place.pk},
        names_learners=False,
    )


@never_cache
@class_staff_required
def report_place_indicators_groups(request, pk: int):
    place = _scoped_place(request, pk)
    return _render_report(
        request,
        lambda period: indicators.indicators_by_group_report(place, period),
        context={
            "place": place,
            "breadcrumb": _breadcrumb(request, place),
            "view": "indicators_groups",
        },
        audit={"report": "indicators_by_group", "place": place.pk},
        names_learners=False,
    )


@never_cache
@class_staff_required
def report_learner(request, pk: int):
    """One learner's courses and learning events: personal data, so the
    view is written to the audit log."""
    learner = get_object_or_404(learners_visible_to(request.user).select_related("village"), pk=pk)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW_LEARNER,
        learner_id=learner.pk,
        detail={"report": "learner"},
        request=request,
    )
    courses = (
        CourseProgress.objects.filter(learner=learner)
        .select_related("course")
        .order_by("-last_activity_at")
    )
    events = list(
        LearningEvent.objects.filter(learner=learner)
        .select_related("lesson", "course", "recorded_by")
        .order_by("-occurred_at", "-recorded_at")[: EVENTS_SHOWN + 1]
    )
    return render(
        request,
        "lms/reports/learner.html",
        {
            "learner": learner,
            "courses": courses,
            "events": events[:EVENTS_SHOWN],
            "more_events": len(events) > EVENTS_SHOWN,
        },
    )
