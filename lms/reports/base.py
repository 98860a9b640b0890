"""The shape every report shares: columns and rows of plain values, formatted
by one function for the screen and the CSV file alike."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext


class Kind:
    TEXT = "text"
    INT = "int"
    PERCENT = "percent"
    DATE = "date"
    TICK = "tick"
    GAP = "gap"  # percentage points short of a target; 0 once it is met


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = Kind.TEXT


@dataclass
class Row:
    cells: list
    url: str = ""
    total: bool = False
    kinds: list[str] | None = None  # overrides the columns' kinds (e.g. a totals row)


@dataclass
class Report:
    """What a report shows: a title, a description of its filters, columns
    and an iterable of rows (a generator for long reports, so an export can
    stream them without holding them all)."""

    title: str
    columns: list[Column]
    rows: Iterable[Row]
    filename: str
    subtitle: str = ""
    extra: dict = field(default_factory=dict)

    def formatted(self) -> Iterator[tuple[Row, list[str]]]:
        """Each row with its cells as text: what the page shows and the CSV holds."""
        for row in self.rows:
            kinds = row.kinds or [column.kind for column in self.columns]
            yield (
                row,
                [cell_text(value, kind) for value, kind in zip(row.cells, kinds, strict=True)],
            )

    def header(self) -> list[str]:
        return [column.label for column in self.columns]


def percent(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return round(100 * part / whole, 1)


def cell_text(value, kind: str) -> str:
    """How a cell reads, on the screen and in a CSV file."""
    if value is None or value == "":
        return "–" if kind in (Kind.PERCENT, Kind.TICK, Kind.GAP) else ""
    if kind == Kind.GAP:
        if not value:
            return pgettext("a target", "met")
        return gettext("%(points)s points short") % {"points": number_format(value, decimal_pos=1)}
    if kind == Kind.PERCENT:
        return f"{number_format(value, decimal_pos=1)} %"
    if kind == Kind.INT:
        return str(value)
    if kind == Kind.DATE:
        if isinstance(value, datetime.datetime):
            from django.utils import timezone

            value = timezone.localtime(value).date()
        return value.strftime("%d/%m/%Y")
    if kind == Kind.TICK:
        if isinstance(value, datetime.date | datetime.datetime):
            return "✓ " + cell_text(value, Kind.DATE)
        return "✓" if value else "–"
    return str(value)
