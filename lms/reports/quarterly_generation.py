"""Preparing a quarterly report in the background (run by
``lms.reports.tasks``): its figures, as a spreadsheet and a snapshot."""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.models import Place
from lms.models.quarterly import QuarterlyReport, ReportStatus, quarter_dates
from lms.reports.export import _xlsx_value
from lms.reports.filters import Period
from lms.reports.indicators import (
    indicators_by_group_report,
    indicators_report,
    place_figures,
    villages_indicators_report,
)

logger = logging.getLogger(__name__)


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
