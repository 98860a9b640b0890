"""Preparing a quarterly report in the background (run by
``lms.reports.tasks``): its figures, as a spreadsheet and a snapshot; for an
amended version also the figures that differ from the version it amends, on
the spreadsheet's first sheet.

The workbook follows the layout a commune office sends up: a cover (place,
period, version, author, date), the indicators with their targets and gaps,
the same per village and per target group, then notes on what each figure
counts. Figures are numbers (shares as percentages), headings Vietnamese."""

from __future__ import annotations

import datetime
import io
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms.models.quarterly import QuarterlyReport, ReportStatus
from lms.reports.base import Kind
from lms.reports.export import _xlsx_value, gap_format
from lms.reports.filters import Period
from lms.reports.indicators import (
    indicator_notes,
    indicators_by_group_report,
    indicators_report,
    place_figures,
    villages_indicators_report,
)
from lms.reports.targets import target_period, targets_for

logger = logging.getLogger(__name__)


def _sheets(report: QuarterlyReport) -> list:
    """The figure sheets, in the order of the workbook; their titles stay
    those of earlier versions, since an amended version compares its
    figures with the version it amends sheet by sheet."""
    place = report.place
    period = Period(*report.period)
    figures = place_figures(place, period)  # counted once for the first two sheets
    targets = targets_for(place, *target_period(period))  # read once for both too
    return [
        (_("Summary"), indicators_report(place, period, figures, targets=targets)),
        (_("By village"), villages_indicators_report(place, period, figures, targets=targets)),
        (_("By target group"), indicators_by_group_report(place, period)),
    ]


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _front(report: QuarterlyReport) -> tuple[str, list[list], set[int]]:
    """The cover a commune office expects: what is reported, for where and
    which period, which version, by whom and when."""
    place = report.place
    parent = place.get_parent() if place.depth > 1 else None
    start, end = report.period
    rows = [
        [_("Report on the “Bình dân học vụ số” movement")],
        [],
        [_("Place"), place.name],
        [_("Part of"), parent.name if parent else ""],
        [_("Period"), report.name],
        [_("From"), start],
        [_("To"), end],
        [_("Version"), report.version],
        [_("Prepared by"), _person(report.requested_by)],
        [_("Date prepared"), timezone.localdate()],
    ]
    if report.amends_id:
        rows.append([_("Reason for the amendment"), report.amendment_reason])
    return _("Cover"), rows, {0}


def _notes(report: QuarterlyReport) -> tuple[str, list[list], set[int]]:
    """What each figure means and where it comes from, then the note the
    manager added when asking for the report."""
    rows = [[_("Indicator"), _("What it counts")]]
    rows += [list(note) for note in indicator_notes()]
    rows += [
        [
            pgettext("report header", "Target"),
            _(
                "The share set for the place for the quarter, else for the whole year, else "
                "the target of the nearest place above it."
            ),
        ],
        [
            pgettext("report header", "Gap"),
            _("Percentage points still short of the target; “met” once the target is reached."),
        ],
        [
            _("By target group"),
            _(
                "A learner in two target groups counts in both. People trained: learners who "
                "completed a course, local or national, in the period."
            ),
        ],
        [
            _("Source"),
            _(
                "Counted from the learning records on the day the report was prepared. Once "
                "approved the report is frozen; it is corrected only by an amended version."
            ),
        ],
    ]
    bold = {0}
    if report.note:
        rows += [[], [_("Note from the office")], [report.note]]
        bold.add(len(rows) - 2)
    return _("Notes"), rows, bold


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


PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "DD/MM/YYYY"


def _figure_cell(sheet, value, kind: str, text: str, bold):
    """A figure as a number (a share as a fraction with a percent format, a
    gap the same with "met" for 0), a date as a date, anything else as text."""
    from openpyxl.cell import WriteOnlyCell

    value = _xlsx_value(value, kind, text)
    if kind in (Kind.PERCENT, Kind.GAP) and value is not None:
        value = round(value / 100, 4)
    cell = WriteOnlyCell(sheet, value=value)
    if kind == Kind.PERCENT:
        cell.number_format = PERCENT_FORMAT
    elif kind == Kind.GAP:
        cell.number_format = gap_format(PERCENT_FORMAT)
    elif kind == Kind.DATE:
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        cell.data_type = "s"  # a name typed as "=..." stays text, not a formula
    if bold is not None:
        cell.font = bold
    return cell


def _text_sheet(workbook, sheet_spec, index=None, widths=(34, 60)) -> None:
    """A sheet of labels and values (cover, notes, amendment): text stays
    text, numbers numbers, dates dates."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    title, rows, bold_rows = sheet_spec
    sheet = workbook.create_sheet(title=title[:31], index=index)
    for letter, width in zip("ABCDE", widths, strict=False):
        sheet.column_dimensions[letter].width = width
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for number, values in enumerate(rows):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # a reason typed as "=..." stays text, not a formula
                cell.alignment = wrap
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            if number in bold_rows:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)


def _workbook(sheets, cover=None, front=None, notes=None) -> tuple[bytes, dict]:
    """The XLSX file and a snapshot of the same figures, as text. ``front``
    and ``notes`` (title, rows, bold row indexes) come before and after the
    figures; ``cover``, called with the snapshot once the figures are
    written, gives the amendment sheet put first. None of the three is in
    the snapshot: they hold no figures (and the date prepared changes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    snapshot = {}
    bold = Font(bold=True)
    if front is not None:
        _text_sheet(workbook, front)
    for title, report in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.column_dimensions["A"].width = 28
        sheet.append(
            [_figure_cell(sheet, label, Kind.TEXT, label, bold) for label in report.header()]
        )
        rows = []
        for row, texts in report.formatted():
            kinds = row.kinds or [column.kind for column in report.columns]
            font = bold if row.total else None
            sheet.append(
                [
                    _figure_cell(sheet, value, kind, text, font)
                    for value, kind, text in zip(row.cells, kinds, texts, strict=True)
                ]
            )
            rows.append(texts)
        snapshot[title] = {"title": report.title, "header": report.header(), "rows": rows}
    if notes is not None:
        _text_sheet(workbook, notes, widths=(34, 90))
    if cover is not None:
        _text_sheet(workbook, cover(snapshot), index=0, widths=(28, 28, 34, 16, 16))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), snapshot


def quarterly_report_generate(*, report_id: int) -> bool:
    """Compute the report's figures and spreadsheet and store them (for an
    amended version, with the figures that differ from the version it
    amends). Idempotent and safe to retry; a frozen report is left as it is."""
    report = (
        QuarterlyReport.objects.select_related("place", "amends", "requested_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.status == ReportStatus.FROZEN:
        return False
    changes = []

    def cover(snapshot: dict):
        changes.extend(figures_changed(report.amends.snapshot, snapshot))
        return _cover(report, changes)

    with translation.override(settings.LANGUAGE_CODE):
        try:
            data, snapshot = _workbook(
                _sheets(report),
                cover if report.amends_id else None,
                front=_front(report),
                notes=_notes(report),
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
