"""Timed report jobs on the generated data: ``python -m bench.reports WHAT``.

Run by the harness as a job (a fresh process each) after ``generate_load_data``;
prints one JSON line, ``{"seconds": ..., "peak_mb": ..., "detail": ...}``, which
the report uses instead of timing the process from the outside (Django's start-up
is not part of what these targets measure).

- ``indicators``: the province's indicators (``indicators_report`` of the
  generated province, its by-village and by-target-group variants), for all
  time and for the last complete calendar quarter (both read from the
  learners' tallies), with the province's targets set (100 % for each share
  indicator); each built once to warm the caches, then three times.
  ``seconds`` is the slowest median of the six.
- ``indicators-reporting``: the same for the last complete reporting quarter
  (``lms.reports.periods``: from the day after one cut-off to the next), which
  the tallies do not answer, so it is counted from the raw rows.
- ``export-csv`` / ``export-xlsx``: the learner list of the generated commune
  (30,000 rows: the village learner list's code, run on the whole commune),
  written through the very response the export view returns and read to the
  end, as a client downloading it would. ``peak_mb`` is the process's peak
  resident memory (ru_maxrss), Django and the import of every app included;
  the detail gives the memory before the export began.
- ``quarterly``: ``quarterly_report_generate`` (the Celery task's body) for
  the generated province and the last complete reporting quarter, once.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _root(scale: str):
    from lms.models import Place

    root = Place.objects.filter(code__startswith=f"load-{scale}-", depth=1).order_by("-pk").first()
    if root is None:
        raise SystemExit(f"No generated {scale} data: run generate_load_data --scale {scale}.")
    return root


def _last_quarter():
    from django.utils import timezone

    from lms.models.quarterly import quarter_dates

    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3
    if quarter == 0:
        year, quarter = year - 1, 4
    return year, quarter, quarter_dates(year, quarter)


def _last_reporting_quarter():
    from lms.reports.periods import current_period, scheduled_dates

    period = current_period().shifted(-1)
    return period, scheduled_dates(period)


def _consume(report) -> int:
    return sum(1 for _ in report.formatted())


def _with_targets(root, periods) -> None:
    """Targets shown, as a province sets them: its own for each indicator
    and year the periods are held to (the generated data has none), so the
    reports read them and add the target and gap columns."""
    from decimal import Decimal

    from lms.models import Indicator, IndicatorTarget
    from lms.reports.targets import target_period

    for period in periods:
        year, _quarter = target_period(period)
        for indicator in Indicator.values:
            IndicatorTarget.objects.get_or_create(
                place=root,
                indicator=indicator,
                year=year,
                quarter=None,
                defaults={"value": Decimal(100)},
            )


def indicators(scale: str, *, reporting: bool = False) -> dict:
    from lms.reports import indicators as builders
    from lms.reports.filters import Period

    root = _root(scale)
    if reporting:
        period, (first, last) = _last_reporting_quarter()
        periods = {
            f"Q{period.quarter}/{period.year} {first:%d/%m}–{last:%d/%m/%Y}": Period(first, last)
        }
    else:
        year, quarter, dates = _last_quarter()
        periods = {"all time": Period(), f"Q{quarter}/{year}": Period(*dates)}
    _with_targets(root, periods.values())
    reports = {
        "indicators": builders.indicators_report,
        "by village": builders.villages_indicators_report,
        "by target group": builders.indicators_by_group_report,
    }
    timings = {}
    for period_name, period in periods.items():
        for name, build in reports.items():
            _consume(build(root, period))  # warm-up
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                _consume(build(root, period))
                runs.append(time.perf_counter() - start)
            timings[f"{name}, {period_name}"] = statistics.median(runs)
    detail = "; ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in timings.items())
    return {"seconds": max(timings.values()), "peak_mb": _peak_mb(), "detail": detail}


def export(fmt: str) -> dict:
    from lms.models import Place, PlaceKind
    from lms.reports import completion
    from lms.reports.export import csv_response, xlsx_response
    from lms.reports.filters import Period

    root = _root("commune")
    commune = Place.objects.filter(path__startswith=root.path, kind=PlaceKind.COMMUNE).first()
    before = _peak_mb()
    start = time.perf_counter()
    report = completion.village_learners_report(commune, Period())
    response = (csv_response if fmt == "csv" else xlsx_response)(report)
    size = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    seconds = time.perf_counter() - start
    rows = completion.village_learners_queryset(commune, Period()).count()
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "detail": f"{rows:,} rows, {size / 1024:,.0f} KB; {before:.0f} MB before the export",
    }


def quarterly(scale: str) -> dict:
    from django.contrib.auth import get_user_model

    from lms.models.quarterly import QuarterlyReport
    from lms.reports.filters import Period
    from lms.reports.quarterly_generation import quarterly_report_generate

    root = _root(scale)
    period, (first, last) = _last_reporting_quarter()
    year, quarter = period.year, period.quarter
    _with_targets(root, [Period(first, last)])
    user, _ = get_user_model().objects.get_or_create(username="bench-quarterly")
    report, _ = QuarterlyReport.objects.update_or_create(
        place=root,
        kind=period.kind,
        year=year,
        quarter=quarter,
        version=1,
        defaults={"requested_by": user, "status": "pending", "start": first, "end": last},
    )
    start = time.perf_counter()
    quarterly_report_generate(report_id=report.pk)
    seconds = time.perf_counter() - start
    report.refresh_from_db()
    size = len(report.spreadsheet or b"")
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "detail": (
            f"Q{quarter}/{year} ({first:%d/%m/%Y}–{last:%d/%m/%Y}), status {report.status}, "
            f"{size / 1024:,.0f} KB"
        ),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "what",
        choices=["indicators", "indicators-reporting", "export-csv", "export-xlsx", "quarterly"],
    )
    parser.add_argument("--scale", default="province", choices=["commune", "province"])
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    import django

    django.setup()
    if args.what in ("indicators", "indicators-reporting"):
        outcome = indicators(args.scale, reporting=args.what == "indicators-reporting")
    elif args.what == "quarterly":
        outcome = quarterly(args.scale)
    else:
        outcome = export(args.what.split("-", 1)[1])
    sys.stdout.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main()
