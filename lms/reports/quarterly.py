"""Quarterly reports: request (and generate in the background), freeze, and
remind staff before the deadline."""

from __future__ import annotations

import datetime
import io
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.access.policy import Action, Kind, places_for, rule
from lms.conf import lms_settings
from lms.models import Grant, Place, PlaceKind
from lms.models.quarterly import (
    QuarterlyReminder,
    QuarterlyReport,
    ReportStatus,
    quarter_dates,
    quarter_deadline,
)
from lms.reports.export import _xlsx_value
from lms.reports.filters import Period
from lms.reports.indicators import (
    indicators_by_group_report,
    indicators_report,
    place_figures,
    villages_indicators_report,
)

logger = logging.getLogger(__name__)

REPORT_ROLES = rule(Kind.PLACE, Action.REPORT).roles
REPORT_PLACE_KINDS = (PlaceKind.COMMUNE, PlaceKind.PROVINCE)


def report_places_for(user):
    """Where ``user`` may prepare and freeze quarterly reports: communes and
    provinces within a manager's grants."""
    return places_for(user, Action.REPORT).filter(kind__in=REPORT_PLACE_KINDS)


def current_quarter(today: datetime.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


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
    from lms.reports.tasks import generate_quarterly_report

    transaction.on_commit(lambda: generate_quarterly_report.delay(report.pk))
    return report


def _sheets(place: Place, year: int, quarter: int) -> list:
    period = Period(*quarter_dates(year, quarter))
    figures = place_figures(place, period)  # counted once for the first two sheets
    return [
        (_("Summary"), indicators_report(place, period, figures)),
        (_("By village"), villages_indicators_report(place, period, figures)),
        (_("By target group"), indicators_by_group_report(place, period)),
    ]


def _workbook(sheets) -> tuple[bytes, dict]:
    """The XLSX file and a snapshot of the same figures, as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    snapshot = {}
    bold = Font(bold=True)
    for title, report in sheets:
        from openpyxl.cell import WriteOnlyCell

        sheet = workbook.create_sheet(title=title[:31])
        header = [WriteOnlyCell(sheet, value=label) for label in report.header()]
        for cell in header:
            cell.font = bold
        sheet.append(header)
        rows = []
        for row, texts in report.formatted():
            kinds = row.kinds or [column.kind for column in report.columns]
            sheet.append(
                [
                    _xlsx_value(value, kind, text)
                    for value, kind, text in zip(row.cells, kinds, texts, strict=True)
                ]
            )
            rows.append(texts)
        snapshot[title] = {"title": report.title, "header": report.header(), "rows": rows}
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), snapshot


def quarterly_report_generate(*, report_id: int) -> bool:
    """Compute the report's figures and spreadsheet and store them. Idempotent
    and safe to retry; a frozen report is left as it is."""
    report = QuarterlyReport.objects.select_related("place").filter(pk=report_id).first()
    if report is None or report.status == ReportStatus.FROZEN:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        try:
            data, snapshot = _workbook(_sheets(report.place, report.year, report.quarter))
        except Exception:
            logger.exception("Quarterly report %s could not be prepared", report_id)
            QuarterlyReport.objects.filter(pk=report_id).exclude(status=ReportStatus.FROZEN).update(
                status=ReportStatus.FAILED
            )
            raise
    with transaction.atomic():
        updated = (
            QuarterlyReport.objects.select_for_update()
            .filter(pk=report_id)
            .exclude(status=ReportStatus.FROZEN)
            .update(
                status=ReportStatus.READY,
                snapshot=snapshot,
                spreadsheet=data,
                generated_at=timezone.now(),
            )
        )
    return bool(updated)


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


def reminder_due(today: datetime.date | None = None) -> tuple[int, int] | None:
    """The quarter whose deadline (the 10th of its last month) falls within
    the reminder window from ``today``, if any."""
    today = today or timezone.localdate()
    year, quarter = current_quarter(today)
    deadline = quarter_deadline(year, quarter)
    days = lms_settings.QUARTERLY_REMINDER_DAYS
    if deadline - datetime.timedelta(days=days) <= today <= deadline:
        return year, quarter
    return None


def pending_report_places(user, year: int, quarter: int):
    """The places ``user`` reports for whose report of the quarter is not frozen."""
    frozen = QuarterlyReport.objects.filter(
        year=year, quarter=quarter, status=ReportStatus.FROZEN
    ).values("place_id")
    return report_places_for(user).exclude(pk__in=frozen)


def quarterly_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail each manager once per place and quarter when the deadline is
    near and the report is not frozen. Returns the number of reminders sent.
    Run daily by Celery beat; running it twice sends nothing twice."""
    due = reminder_due(today)
    if due is None:
        return 0
    year, quarter = due
    deadline = quarter_deadline(year, quarter)
    frozen = set(
        QuarterlyReport.objects.filter(
            year=year, quarter=quarter, status=ReportStatus.FROZEN
        ).values_list("place_id", flat=True)
    )
    grants = (
        Grant.objects.active()
        .filter(role__in=REPORT_ROLES, place__kind__in=REPORT_PLACE_KINDS, user__is_active=True)
        .exclude(place_id__in=frozen)
        .select_related("user", "place")
        .order_by("pk")
    )
    sent = 0
    for grant in grants:
        user = grant.user
        if not user.email:
            continue
        with transaction.atomic():
            _reminder, created = QuarterlyReminder.objects.get_or_create(
                user=user, place=grant.place, year=year, quarter=quarter
            )
            if not created:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    _("Quarterly report for %(place)s is due on %(date)s")
                    % {"place": grant.place.name, "date": deadline.strftime("%d/%m/%Y")},
                    _(
                        "The report of quarter %(quarter)s/%(year)s for %(place)s is due on "
                        "%(date)s. Prepare it, review it and freeze it in the staff pages."
                    )
                    % {
                        "quarter": quarter,
                        "year": year,
                        "place": grant.place.name,
                        "date": deadline.strftime("%d/%m/%Y"),
                    },
                    None,
                    [user.email],
                )
        sent += 1
    return sent
