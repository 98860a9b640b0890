"""Migration 0017: the reports made before reporting periods covered calendar
quarters, and keep those dates; the next report of the place starts the day
after the last of them."""

import datetime

import pytest

from tests.lms.migration_helpers import apps_before, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("lms", "0014_report_amendments")]
AFTER = [("lms", "0017_report_periods")]


@pytest.fixture
def old_apps():
    yield from apps_before(BEFORE)


def test_reports_made_before_keep_the_calendar_quarters_they_counted(old_apps):
    Place = old_apps.get_model("lms", "Place")
    Report = old_apps.get_model("lms", "QuarterlyReport")
    commune = Place.objects.create(
        path="0001", depth=1, name="Xã Diên Sanh", kind="commune", code="1"
    )
    for year, quarter in [(2025, 4), (2026, 1), (2026, 3)]:
        Report.objects.create(place=commune, year=year, quarter=quarter)

    new_apps = migrate(AFTER)
    reports = new_apps.get_model("lms", "QuarterlyReport").objects.order_by("year", "quarter")
    assert [(r.kind, r.start, r.end) for r in reports] == [
        ("quarter", datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)),
        ("quarter", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        ("quarter", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
    ]
