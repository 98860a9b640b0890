"""Quarterly, six-monthly and yearly reports: request one for a period
(its dates from ``periods``; prepared in the background by
``lms.reports.tasks``, the work in ``quarterly_generation``), freeze it, and
correct a frozen one with an amended version. Reminders before the deadline
are in ``quarterly_reminders``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access.audit import audit_record
from lms.access.policy import Action, places_for
from lms.models import AuditAction, Place
from lms.models.quarterly import (
    NOTE_MAX_LENGTH,
    QuarterlyReport,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
)
from lms.reports.periods import report_dates, scheduled_dates
from lms.reports.quarterly_reminders import REPORT_PLACE_KINDS
from lms.reports.tasks import generate_quarterly_report
from lms.text import nfc

REASON_MAX_LENGTH = 2000


def report_places_for(user):
    """Where ``user`` may prepare and freeze quarterly reports: communes and
    provinces within a manager's grants."""
    return places_for(user, Action.REPORT).filter(kind__in=REPORT_PLACE_KINDS)


def _check_period(period: ReportingPeriod) -> None:
    if not period.is_valid():
        if period.kind == ReportKind.QUARTER:
            message = _("Choose a quarter from 1 to 4 of a real year.")
        else:
            message = _("Choose a reporting period from the list.")
        raise ValidationError(message, code="quarter")
    start, _end = scheduled_dates(period)
    if start > timezone.localdate():
        raise ValidationError(
            _("This period has not started yet: there is nothing to report."), code="future"
        )


@transaction.atomic
def quarterly_report_request(
    *,
    place: Place,
    year: int,
    quarter: int,
    requested_by,
    kind: str = ReportKind.QUARTER,
    note: str = "",
) -> QuarterlyReport:
    """Ask for a place's report for a period (a quarter by default, or the
    half or year that ``quarter`` closes), with an optional ``note`` for the
    workbook's notes sheet; it is prepared in the background (on commit).
    Its dates tile with the place's other reports of the kind
    (``periods.report_dates``). Asking again before freezing prepares its
    latest version again with the latest figures, dates and note (an
    amended version keeps the dates of the one it amends); a frozen report
    is never prepared again (it is corrected by an amendment)."""
    if not report_places_for(requested_by).filter(pk=place.pk).exists():
        raise PermissionDenied
    period = ReportingPeriod(kind, year, quarter)
    _check_period(period)
    note = nfc(note).strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("The note can be at most %(limit)s characters long.") % {"limit": NOTE_MAX_LENGTH},
            code="note_length",
        )
    # One request per place at a time: the dates of one report depend on
    # its neighbours'.
    Place.objects.select_for_update().filter(pk=place.pk).first()
    report = (
        QuarterlyReport.objects.select_for_update()
        .filter(place=place, kind=kind, year=year, quarter=quarter)
        .order_by("-version")
        .first()
    )
    if report is not None and report.status == ReportStatus.FROZEN:
        raise ValidationError(
            _("This report is approved and frozen: it can no longer be prepared again.")
            + " "
            + _("To correct it, issue an amended version from the report's page."),
            code="frozen",
        )
    if report is None:
        start, end = report_dates(place, period)
        report = QuarterlyReport.objects.create(
            place=place,
            kind=kind,
            year=year,
            quarter=quarter,
            version=1,
            start=start,
            end=end,
            requested_by=requested_by,
            note=note,
        )
    else:
        report.status = ReportStatus.PENDING
        report.requested_by = requested_by
        report.requested_at = timezone.now()
        report.note = note
        fields = ["status", "requested_by", "requested_at", "note"]
        if report.amends_id is None:
            report.start, report.end = report_dates(place, period)
            fields += ["start", "end"]
        report.save(update_fields=fields)
    transaction.on_commit(lambda: generate_quarterly_report.delay(report.pk))
    return report


@transaction.atomic
def quarterly_report_freeze(*, report: QuarterlyReport, frozen_by) -> QuarterlyReport:
    """Approve a ready report: from now on it is a snapshot that later edits
    of the records do not change. Freezing twice is refused."""
    if not report_places_for(frozen_by).filter(pk=report.place_id).exists():
        raise PermissionDenied
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status == ReportStatus.FROZEN:
        raise ValidationError(_("This report is already frozen."), code="frozen")
    if report.status != ReportStatus.READY:
        raise ValidationError(
            _("The report is not ready yet. Wait until it is prepared, then review it."),
            code="not_ready",
        )
    report.status = ReportStatus.FROZEN
    report.frozen_by = frozen_by
    report.frozen_at = timezone.now()
    report.save(update_fields=["status", "frozen_by", "frozen_at"])
    return report


@transaction.atomic
def quarterly_report_amend(
    *, report: QuarterlyReport, reason: str, by, request=None
) -> QuarterlyReport:
    """Correct a frozen report: a new version (n + 1) that amends it, for
    ``reason``, prepared in the background (on commit) with the latest
    figures and the list of those that changed, then reviewed and frozen like
    any report. The frozen version is kept exactly as it was (this writes
    nothing to it). Only the latest version can be amended, and only by
    someone who may freeze the place's reports; a reason is required."""
    if not report_places_for(by).filter(pk=report.place_id).exists():
        raise PermissionDenied
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError(_("Give the reason for the amendment."), code="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("The reason can be at most %(limit)s characters long.")
            % {"limit": REASON_MAX_LENGTH},
            code="reason_length",
        )
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.FROZEN:
        raise ValidationError(
            _("Only an approved and frozen report can be amended."), code="not_frozen"
        )
    latest = (
        QuarterlyReport.objects.filter(
            place_id=report.place_id, kind=report.kind, year=report.year, quarter=report.quarter
        )
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    if latest != report.version:
        raise ValidationError(
            _("This version has already been amended: only the latest version can be amended."),
            code="not_latest",
        )
    amendment = QuarterlyReport.objects.create(
        place_id=report.place_id,
        kind=report.kind,
        year=report.year,
        quarter=report.quarter,
        start=report.start,
        end=report.end,
        version=report.version + 1,
        amends=report,
        amendment_reason=reason,
        requested_by=by,
        note=report.note,
    )
    audit_record(
        actor=by,
        action=AuditAction.AMEND_REPORT,
        detail={
            "quarterly_report": amendment.pk,
            "amends": report.pk,
            "version": amendment.version,
        },
        request=request,
    )
    transaction.on_commit(lambda: generate_quarterly_report.delay(amendment.pk))
    return amendment


def pending_report_places(user, year: int, quarter: int):
    """The places ``user`` reports for whose quarterly report of the quarter
    is not frozen (any frozen version counts: an amendment being prepared
    leaves the place done)."""
    frozen = QuarterlyReport.objects.filter(
        kind=ReportKind.QUARTER, year=year, quarter=quarter, status=ReportStatus.FROZEN
    ).values("place_id")
    return report_places_for(user).exclude(pk__in=frozen)
