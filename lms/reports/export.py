"""Write a :class:`Report` as CSV (streamed row by row, by ``lms.csv_export``)
or XLSX (openpyxl's write-only mode into a temporary file, streamed back), so
a 30,000-row export never holds the whole table in memory."""

from __future__ import annotations

import datetime
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import pgettext

from lms.csv_export import streamed_csv
from lms.reports.base import Kind, Report

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STYLED = {Kind.DATE, Kind.PERCENT, Kind.GAP}  # kinds whose cells carry a number format


def gap_format(scale: str = "0.0") -> str:
    """A number format for a gap to a target: the points short, and the
    word for "met" where the gap is 0, so the cell stays a number."""
    met = pgettext("a target", "met").replace('"', "")
    return f'{scale};-{scale};"{met}"'


def csv_response(report: Report) -> StreamingHttpResponse:
    rows = (texts for _row, texts in report.formatted())
    return streamed_csv(report.header(), rows, filename=f"{report.filename}.csv")


def _xlsx_value(value, kind: str, text: str):
    if value is None or value == "":
        return None
    if kind == Kind.INT:
        return value
    if kind in (Kind.PERCENT, Kind.GAP):
        return float(value)
    if kind == Kind.DATE:
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date()
        return value
    return text


def xlsx_response(report: Report) -> FileResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=report.title[:31] or "Report")
    bold = Font(bold=True)
    header = []
    for label in report.header():
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row, texts in report.formatted():
        kinds = row.kinds or [column.kind for column in report.columns]
        cells = []
        for value, kind, text in zip(row.cells, kinds, texts, strict=True):
            value = _xlsx_value(value, kind, text)
            if kind not in STYLED and not row.total:
                cells.append(value)  # a plain value is written without a cell object
                continue
            cell = WriteOnlyCell(sheet, value=value)
            if kind == Kind.DATE:
                cell.number_format = "DD/MM/YYYY"
            elif kind == Kind.PERCENT:
                cell.number_format = "0.0"
            elif kind == Kind.GAP:
                cell.number_format = gap_format()
            if row.total:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes (and so deletes) it
    workbook.save(handle)
    handle.seek(0)
    response = FileResponse(
        handle, as_attachment=True, filename=f"{report.filename}.xlsx", content_type=XLSX_TYPE
    )
    response["Cache-Control"] = "no-store"
    return response
