"""Quarterly reports: request one (prepared in the background by
``lms.reports.tasks``, the work in ``quarterly_generation``) and freeze it.
Reminders before the deadline are in ``quarterly_reminders``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access.policy import Action, places_for
from lms.models import Place
from lms.models.quarterly import QuarterlyReport, ReportStatus, quarter_dates
from lms.reports.quarterly_reminders import REPORT_PLACE_KINDS
from lms.reports.tasks import generate_quarterly_report


def report_places_for(user):
    """Where ``user`` may prepare and freeze quarterly reports: communes and
    provinces within a manager's grants."""
    return places_for(user, Action.REPORT).filter(kind__in=REPORT_PLACE_KINDS)


def _check_quarter(year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise ValidationError(_("Choose a quarter from 1 to 4 of a real year."), code="quarter")
    start, _end = quarter_dates(year, quarter)
    if start > timezone.localdate():
        raise ValidationError(
            _("This quarter has not started yet: there is nothing to report."), code="future"
        )


@transaction.atomic
def quarterly_report_request(
    *, place: Place, year: int, quarter: int, requested_by
) -> QuarterlyReport:
    """Ask for a place's report for a quarter; it is prepared in the
    background (on commit). Asking again before freezing prepares it again
    with the latest figures; a frozen report is never prepared again."""
    if not report_places_for(requested_by).filter(pk=place.pk).exists():
        raise PermissionDenied
    _check_quarter(year, quarter)
    report, _created = QuarterlyReport.objects.select_for_update().get_or_create(
        place=place, year=year, quarter=quarter, defaults={"requested_by": requested_by}
    )
    if report.status == ReportStatus.FROZEN:
        raise ValidationError(
            _("This report is approved and frozen: it can no longer be prepared again."),
            code="frozen",
        )
    report.status = ReportStatus.PENDING
    report.requested_by = requested_by
    report.requested_at = timezone.now()
    report.save(update_fields=["status", "requested_by", "requested_at"])
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


def pending_report_places(user, year: int, quarter: int):
    """The places ``user`` reports for whose report of the quarter is not frozen."""
    frozen = QuarterlyReport.objects.filter(
        year=year, quarter=quarter, status=ReportStatus.FROZEN
    ).values("place_id")
    return report_places_for(user).exclude(pk__in=frozen)
