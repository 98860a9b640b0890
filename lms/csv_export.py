"""CSV files for download, streamed row by row so a 30,000-row export never
holds the whole file in memory, in UTF-8 with a byte-order mark so Excel
opens them correctly."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import StreamingHttpResponse


class _Echo:
    """A file-like object whose write returns the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(header: Sequence, rows: Iterable[Sequence]):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # Excel opens UTF-8 CSV correctly with a byte-order mark
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def streamed_csv(
    header: Sequence, rows: Iterable[Sequence], *, filename: str
) -> StreamingHttpResponse:
    """A CSV download of ``header`` and then ``rows``, each written when the
    client reads it; ``filename`` is what the browser saves it as."""
    response = StreamingHttpResponse(
        _csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
