"""Completion reports for trainers and managers, on screen and as CSV/XLSX.

The page and its export call the same report builder with the same scoped
object and period, so they cannot disagree. A class, place or learner outside
the viewer's scope is a 404. Lists of named learners and every export are
written to the audit log."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.access.audit import audit_record
from lms.access.decorators import class_staff_required
from lms.access.policy import Action, classes_for, granted_paths, learners_for, places_for
from lms.models import AuditAction, CourseProgress, Indicator, LearningEvent, Place
from lms.models.quarterly import (
    NOTE_MAX_LENGTH,
    QuarterlyReport,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
)
from lms.reports import (
    charts,
    completion,
    indicators,
    periods,
    quarterly,
    quarterly_reminders,
    targets,
)
from lms.reports.base import Report
from lms.reports.export import XLSX_TYPE, csv_response, xlsx_response
from lms.reports.filters import PeriodForm
from lms.reports.forms import TargetsForm, percent_text

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


def _render_report(
    request,
    report_builder,
    *,
    context: dict,
    audit: dict,
    names_learners: bool,
    charts_builder=None,
):
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
            "charts": charts_builder(report, period) if charts_builder else {},
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
    classes = classes_for(request.user).select_related("place").order_by("name")
    if len(places) == 1 and not request.GET.get("all"):
        return redirect("lms:report_place", pk=places[0].pk)
    return render(request, "lms/reports/home.html", {"places": places, "classes": classes})


@never_cache
@class_staff_required
def report_class(request, pk: int):
    training_class = get_object_or_404(classes_for(request.user).select_related("place"), pk=pk)
    return _render_report(
        request,
        lambda period: completion.class_matrix(training_class, period),
        context={"training_class": training_class, "view": "class"},
        audit={"report": "class", "class": training_class.pk},
        names_learners=True,
    )


def _scoped_place(request, pk: int) -> Place:
    return get_object_or_404(places_for(request.user), pk=pk)


def _breadcrumb(request, place: Place) -> list[Place]:
    """The place's ancestors the viewer may open, then the place itself."""
    ancestors = [place.path[: i * Place.steplen] for i in range(1, place.depth)]
    visible = places_for(request.user).filter(path__in=ancestors).order_by("path")
    return [*visible, place]


@never_cache
@class_staff_required
def report_place(request, pk: int):
    place = _scoped_place(request, pk)

    def place_charts(report, period) -> dict:
        chart, months = charts.progress_chart(place, period)
        found = {"progress": chart, "months": months}
        if place.kind != "village":
            found["share"] = charts.chart_from_report(
                report, 5, _("Share who completed a course, by place")
            )
        return found

    return _render_report(
        request,
        lambda period: completion.place_report(place, period),
        context={"place": place, "breadcrumb": _breadcrumb(request, place), "view": "place"},
        audit={"report": "place", "place": place.pk},
        names_learners=place.kind == "village",
        charts_builder=place_charts,
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
        charts_builder=lambda report, period: {
            "share": charts.chart_from_report(
                report, 3, _("Share who completed a course, by target group")
            )
        },
    )


@never_cache
@class_staff_required
def report_place_indicators(request, pk: int):
    place = _scoped_place(request, pk)
    return _render_report(
        request,
        lambda period: indicators.indicators_report(place, period),
        context={
            "place": place,
            "breadcrumb": _breadcrumb(request, place),
            "view": "indicators",
            "sets_targets": targets.target_places_for(request.user).filter(pk=place.pk).exists(),
        },
        audit={"report": "indicators", "place": place.pk},
        names_learners=False,
    )


@never_cache
@class_staff_required
def report_place_targets(request, pk: int):
    """A manager sets a place's targets for a year: for each share indicator,
    the whole year's and each quarter's; the places below it follow them
    unless given their own."""
    place = get_object_or_404(targets.target_places_for(request.user), pk=pk)
    years = targets.year_choices()
    try:
        year = int(request.POST.get("year") or request.GET.get("year") or years[1])
    except ValueError:
        year = years[1]
    if year not in years:
        year = years[1]
    found = targets.targets_of_year(place, year)
    parent = place.get_parent() if place.depth > 1 else None
    form = TargetsForm(request.POST or None, place=place, targets=found, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            targets.indicator_targets_save(
                place=place,
                year=year,
                changes=form.changes(found),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The targets of %(place)s for %(year)s are saved.")
                % {"place": place.name, "year": year},
            )
            return redirect(f"{reverse('lms:report_place_targets', args=[place.pk])}?year={year}")
    children = list(
        Place.objects.filter(path__startswith=place.path, depth=place.depth + 1).order_by("path")
    )
    whole_year = found.in_quarter(0)

    def cell(child, indicator):
        value = whole_year.for_place(child.path, indicator.value)
        own = whole_year.own_value(child.path, indicator.value, None) is not None
        return percent_text(value) if value is not None else "", own

    below = [(child, [cell(child, indicator) for indicator in Indicator]) for child in children]
    return render(
        request,
        "lms/reports/targets.html",
        {
            "place": place,
            "breadcrumb": _breadcrumb(request, place),
            "view": "targets",
            "form": form,
            "year": year,
            "years": years,
            "indicators": list(Indicator),
            "below": below,
            "sets_targets": True,
        },
        status=400 if request.method == "POST" else 200,
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
    learner = get_object_or_404(
        learners_for(request.user, Action.REPORT).select_related("village"), pk=pk
    )
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


# --- Quarterly reports ----------------------------------------------------------------


@never_cache
@class_staff_required
def quarterly_reports(request):
    """Managers prepare a quarterly, six-monthly or yearly report for their
    commune or province, review it, download it and freeze it."""
    places = list(quarterly.report_places_for(request.user).order_by("path"))
    if not places:
        raise PermissionDenied
    if request.method == "POST":
        place = next((p for p in places if str(p.pk) == request.POST.get("place")), None)
        period = ReportingPeriod.from_key(request.POST.get("period", ""))
        if place is None:
            messages.error(request, _("Choose a place from the list."))
        elif period is None:
            messages.error(request, _("Choose a reporting period from the list."))
        else:
            try:
                quarterly.quarterly_report_request(
                    place=place,
                    kind=period.kind,
                    year=period.year,
                    quarter=period.quarter,
                    requested_by=request.user,
                    note=request.POST.get("note", ""),
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("The report is being prepared. Come back to this page in a moment."),
                )
        return redirect("lms:quarterly_reports")
    reports = (
        QuarterlyReport.objects.filter(place__in=places)
        .select_related("place", "frozen_by")
        .defer("spreadsheet", "snapshot", "changes", "amendment_reason", "note")
    )
    due = quarterly_reminders.reminder_due()
    pending = (
        list(quarterly.pending_report_places(request.user, *due).order_by("path")) if due else []
    )
    return render(
        request,
        "lms/reports/quarterly.html",
        {
            "places": places,
            "period_choices": periods.period_choices(),
            "reports": reports,
            "due": due,
            "deadline": quarterly_reminders.quarter_deadline(*due) if due else None,
            "pending": pending,
            "note_max_length": NOTE_MAX_LENGTH,
        },
    )


def _scoped_report(request, pk: int) -> QuarterlyReport:
    places = quarterly.report_places_for(request.user)
    return get_object_or_404(QuarterlyReport.objects.filter(place__in=places), pk=pk)


@never_cache
@class_staff_required
def quarterly_report_detail(request, pk: int):
    report = _scoped_report(request, pk)
    versions = list(
        QuarterlyReport.objects.filter(
            place_id=report.place_id, kind=report.kind, year=report.year, quarter=report.quarter
        )
        .order_by("version")
        .only("pk", "version", "status", "frozen_at", "amendment_reason")
    )
    return render(
        request,
        "lms/reports/quarterly_detail.html",
        {
            "report": report,
            "versions": versions,
            "amendable": report.status == ReportStatus.FROZEN
            and versions[-1].version == report.version,
            "reason_max_length": quarterly.REASON_MAX_LENGTH,
        },
    )


@never_cache
@require_POST
@class_staff_required
def quarterly_report_freeze(request, pk: int):
    report = _scoped_report(request, pk)
    try:
        quarterly.quarterly_report_freeze(report=report, frozen_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report is approved and frozen."))
    return redirect("lms:quarterly_report_detail", pk=pk)


@never_cache
@require_POST
@class_staff_required
def quarterly_report_amend(request, pk: int):
    """Issue an amended version of a frozen report, for the reason given; the
    frozen version stays as it was."""
    report = _scoped_report(request, pk)
    try:
        amendment = quarterly.quarterly_report_amend(
            report=report, reason=request.POST.get("reason", ""), by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("lms:quarterly_report_detail", pk=pk)
    messages.success(
        request,
        _(
            "The amended version is being prepared. Review it, then approve and freeze it; "
            "the earlier version stays as it was."
        ),
    )
    return redirect("lms:quarterly_report_detail", pk=amendment.pk)


@never_cache
@class_staff_required
def quarterly_report_download(request, pk: int):
    report = _scoped_report(request, pk)
    if report.status not in (ReportStatus.READY, ReportStatus.FROZEN):
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        detail={"report": "quarterly", "quarterly_report": report.pk, "format": "xlsx"},
        request=request,
    )
    response = HttpResponse(bytes(report.spreadsheet), content_type=XLSX_TYPE)
    version = f"-ban-{report.version}" if report.version > 1 else ""
    period = {
        ReportKind.QUARTER: f"quy-{report.quarter}-{report.year}",
        ReportKind.HALF: f"6-thang-{'dau' if report.quarter == 2 else 'cuoi'}-nam-{report.year}",
        ReportKind.YEAR: f"nam-{report.year}",
    }[report.kind]
    name = f"bao-cao-{period}-{report.place.code}{version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
