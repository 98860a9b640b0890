"""Preparing a quarterly report in the background (run by
``lms.reports.tasks``): its figures, as a spreadsheet and a snapshot; for an
amended version also the figures that differ from the version it amends, on
the spreadsheet's first sheet."""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms.models import Place
from lms.models.quarterly import QuarterlyReport, ReportStatus
from lms.reports.export import _xlsx_value
from lms.reports.filters import Period
from lms.reports.indicators import (
    indicators_by_group_report,
    indicators_report,
    place_figures,
    villages_indicators_report,
)

logger = logging.getLogger(__name__)


def _sheets(place: Place, period: Period) -> list:
    figures = place_figures(place, period)  # counted once for the first two sheets
    return [
        (_("Summary"), indicators_report(place, period, figures)),
        (_("By village"), villages_indicators_report(place, period, figures)),
        (_("By target group"), indicators_by_group_report(place, period)),
    ]


def _cell_map(sheet: dict | None) -> tuple[list, list, dict]:
    """A snapshot sheet's row keys (the row's label and how many rows above
    share it, so two villages of one name stay apart), its column headers and
    its cells by (row key, column header)."""
    if not sheet:
        return [], [], {}
    header = sheet["header"]
    rows, cells, seen = [], {}, {}
    for texts in sheet["rows"]:
        label = texts[0] if texts else ""
        key = (label, seen.get(label, 0))
        seen[label] = key[1] + 1
        rows.append(key)
        for column, text in zip(header[1:], texts[1:], strict=False):
            cells[key, column] = text
    return rows, header[1:], cells


def figures_changed(before: dict, after: dict) -> list[dict]:
    """Each figure of snapshot ``after`` that differs from snapshot ``before``,
    compared cell by cell (sheet, row label, column header), in the order
    ``after`` shows them and then what only ``before`` had: ``old`` or ``new``
    is None where that version has no such cell."""
    changes = []
    for sheet in [*after, *(title for title in before if title not in after)]:
        old_rows, old_columns, old = _cell_map(before.get(sheet))
        new_rows, new_columns, new = _cell_map(after.get(sheet))
        shown = set(new_rows)
        rows = new_rows + [key for key in old_rows if key not in shown]
        columns = new_columns + [column for column in old_columns if column not in new_columns]
        for row in rows:
            for column in columns:
                was, now = old.get((row, column)), new.get((row, column))
                if was != now:
                    changes.append(
                        {"sheet": sheet, "row": row[0], "column": column, "old": was, "new": now}
                    )
    return changes


def _cover(report: QuarterlyReport, changes: list[dict]) -> tuple[str, list[list], set[int]]:
    """The first sheet of an amended version: which version it is, the one it
    amends, the reason and the changed figures. Returns its title, its rows
    and the indexes of the rows set in bold."""
    amended = report.amends
    frozen_on = (
        timezone.localtime(amended.frozen_at).strftime("%d/%m/%Y") if amended.frozen_at else ""
    )
    rows = [
        [_("Amended version"), report.version],
        [_("Amends version"), amended.version, _("frozen on %(date)s") % {"date": frozen_on}],
        [_("Reason for the amendment"), report.amendment_reason],
        [],
        [_("Changed figures")],
    ]
    bold = {0, 1, 2, 4}
    if changes:
        bold.add(len(rows))
        rows.append([_("Sheet"), _("Row"), _("Column"), _("Before"), _("After")])
        absent = pgettext("a figure missing from a version", "none")
        rows += [
            [
                change["sheet"],
                change["row"],
                change["column"],
                absent if change["old"] is None else change["old"],
                absent if change["new"] is None else change["new"],
            ]
            for change in changes
        ]
    else:
        rows.append([_("No figure differs from the version it amends.")])
    return _("Amendment"), rows, bold


def _workbook(sheets, cover=None) -> tuple[bytes, dict]:
    """The XLSX file and a snapshot of the same figures, as text. ``cover``,
    called with the snapshot once the figures are written, gives a sheet
    (title, rows, bold row indexes) put first and kept out of the snapshot."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    snapshot = {}
    bold = Font(bold=True)
    for title, report in sheets:
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
    if cover is not None:
        title, rows, bold_rows = cover(snapshot)
        sheet = workbook.create_sheet(title=title[:31], index=0)
        for index, values in enumerate(rows):
            cells = []
            for value in values:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # a reason typed as "=..." stays text, not a formula
                if index in bold_rows:
                    cell.font = bold
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), snapshot


def quarterly_report_generate(*, report_id: int) -> bool:
    """Compute the report's figures and spreadsheet and store them (for an
    amended version, with the figures that differ from the version it
    amends). Idempotent and safe to retry; a frozen report is left as it is."""
    report = QuarterlyReport.objects.select_related("place", "amends").filter(pk=report_id).first()
    if report is None or report.status == ReportStatus.FROZEN:
        return False
    changes = []

    def cover(snapshot: dict):
        changes.extend(figures_changed(report.amends.snapshot, snapshot))
        return _cover(report, changes)

    with translation.override(settings.LANGUAGE_CODE):
        try:
            data, snapshot = _workbook(
                _sheets(report.place, Period(*report.period)),
                cover if report.amends_id else None,
            )
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
                changes=changes,
                generated_at=timezone.now(),
            )
        )
    return bool(updated)
