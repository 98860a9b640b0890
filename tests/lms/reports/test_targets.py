"""Targets per place and period for the share indicators: the target that
applies to each place (its own, else the nearest place above it; a quarter's
before the year's), the gap to it on the indicators pages, and managers
setting them within their places. The figures are those of the indicators
fixture (tests/lms/conftest.py, worked out in test_indicators.py): for 2026,
Khóm 1 has 1 of 10 households "Gia đình số" (10.0 %) and 1 of 20 adults with
VNeID level 2 (Lan; 5.0 %); Khóm 2 none of 5 and of 8 (0.0 %); the commune
1 of 15 (6.7 %) and 1 of 28 (3.6 %)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from lms.models import AuditAction, AuditEntry, Indicator, IndicatorTarget, Role
from lms.reports.filters import Period
from lms.reports.indicators import villages_indicators_report
from lms.reports.targets import (
    indicator_target_remove,
    indicator_target_set,
    targets_for,
)
from tests.lms.classes_helpers import table
from tests.lms.factories import staff

pytestmark = pytest.mark.django_db

ID, FAMILIES = Indicator.DIGITAL_ID.value, Indicator.DIGITAL_FAMILIES.value
YEAR = {"from": "2026-01-01", "to": "2026-12-31"}
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


@pytest.fixture
def world(indicators_world):
    return indicators_world


def target(world, place, indicator, value, quarter=None, year=2026):
    return indicator_target_set(
        place=world.places[place],
        indicator=indicator,
        year=year,
        quarter=quarter,
        value=value,
        by=world.manager_a,
    )


@pytest.fixture
def targets(world):
    """The commune: 80 % of adults with VNeID level 2 and half of the
    households "Gia đình số" in 2026; Khóm 1 its own 5 % of adults for the
    year; Khóm 2 its own 5 % of households for the last quarter only."""
    target(world, "commune_a", ID, "80")
    target(world, "commune_a", FAMILIES, "50")
    target(world, "a1", ID, "5")
    target(world, "a2", FAMILIES, "5", quarter=4)
    return world


def columns(rows: list[list[str]], *names: str) -> dict[str, list[str]]:
    header = rows[0]
    return {row[0]: [row[header.index(name)] for name in names] for row in rows[1:]}


FAMILY_COLUMNS = (
    "Share of households",
    "Target: share of households",
    "Gap to the households target",
)
ID_COLUMNS = (
    "Share of adults 16+ with level 2",
    "Target: share of adults 16+ with level 2",
    "Gap to the level 2 target",
)


@pytest.mark.usefixtures("clock_in_data_year")
def test_the_indicators_page_shows_target_actual_and_gap_per_place(client, targets):
    client.force_login(targets.manager_a)
    url = reverse("lms:report_place_indicators", args=[targets.places["commune_a"].pk])
    rows = table(client.get(url, YEAR))
    # The year's figures against the targets of its last quarter (Q4 2026).
    assert columns(rows, *FAMILY_COLUMNS) == {
        "Khóm 1": ["10.0 %", "50.0 %", "40.0 points short"],  # the commune's target
        "Khóm 2": ["0.0 %", "5.0 %", "5.0 points short"],  # its own, for Q4
        "Xã Diên Sanh": ["6.7 %", "50.0 %", "43.3 points short"],
    }
    assert columns(rows, *ID_COLUMNS) == {
        "Khóm 1": ["5.0 %", "5.0 %", "met"],  # its own, reached
        "Khóm 2": ["0.0 %", "80.0 %", "80.0 points short"],
        "Xã Diên Sanh": ["3.6 %", "80.0 %", "76.4 points short"],
    }
    # March is in the first quarter: Khóm 2's target for Q4 does not apply.
    rows = table(client.get(url, MARCH))
    assert columns(rows, *FAMILY_COLUMNS)["Khóm 2"] == ["0.0 %", "50.0 %", "50.0 points short"]
    # The export holds the same cells as the screen.
    from tests.lms.reports.test_exports import csv_rows

    assert csv_rows(client.get(url, {**MARCH, "format": "csv"})) == rows


@pytest.mark.usefixtures("clock_in_data_year")
def test_without_targets_the_page_has_no_target_columns(client, world):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    header = table(client.get(url, YEAR))[0]
    assert not [label for label in header if "arget" in label]
    target(world, "a2", ID, "30")  # one village's target: only its indicator gets columns
    header = table(client.get(url, YEAR))[0]
    assert [label for label in header if "arget" in label] == list(ID_COLUMNS[1:])


def test_villages_follow_their_communes_target_until_given_their_own(world):
    province_manager = staff(Role.MANAGER, world.places["province"], username="so-tinh")
    indicator_target_set(
        place=world.places["province"],
        indicator=ID,
        year=2026,
        quarter=None,
        value=Decimal("90"),
        by=province_manager,
    )
    target(world, "commune_a", ID, "70", quarter=1)
    found = targets_for(world.places["province"], 2026, 1)
    paths = {name: world.places[name].path for name in ("a1", "a2", "b1", "commune_b")}
    assert found.for_place(paths["a1"], ID) == Decimal(70)  # the commune's, for Q1
    assert found.for_place(paths["b1"], ID) == Decimal(90)  # two levels up: the province's
    assert found.for_place(paths["commune_b"], FAMILIES) is None
    # In Q2 the commune has no target of its own: the province's year target holds.
    assert targets_for(world.places["commune_a"], 2026, 2).for_place(paths["a2"], ID) == 90
    target(world, "a2", ID, "20")  # its own for the year beats the commune's quarter
    found = targets_for(world.places["commune_a"], 2026, 1)
    assert found.for_place(paths["a2"], ID) == Decimal(20)
    assert found.for_place(paths["a1"], ID) == Decimal(70)

    first_quarter = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    report = villages_indicators_report(world.places["commune_a"], first_quarter)
    header = report.header()
    rows = {row.cells[0]: row.cells for row in report.rows}
    column = header.index("Target: share of adults 16+ with level 2")
    assert rows["Khóm 1"][column] == 70.0 and rows["Khóm 2"][column] == 20.0


@pytest.mark.parametrize("bad", ["-1", "100.5", "tám mươi", "1e3", "NaN"])
def test_a_target_out_of_range_or_not_a_number_is_refused_and_nothing_saved(client, world, bad):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_targets", args=[world.places["commune_a"].pk])
    response = client.post(url, {"year": "2026", f"{ID}__year": "80", f"{FAMILIES}__1": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved." in page
    message = (
        "Write the target as a number of percent, e.g. 80 or 80,5."
        if bad in ("tám mươi", "NaN")
        else "A target is a share: write a number from 0 to 100 (percent)."
    )
    assert message in page
    # The message is read out with its field.
    assert f'aria-describedby="id_{FAMILIES}__1_error id_{FAMILIES}__1_helptext"' in page
    assert f'id="id_{FAMILIES}__1_error">{message}' in page.replace("&#x27;", "'")
    assert not IndicatorTarget.objects.exists()  # not even the valid field
    assert not AuditEntry.objects.filter(action=AuditAction.SET_TARGET).exists()


def test_the_service_refuses_bad_values_and_the_database_too(world):
    for bad in (-1, "100.5", "abc", Decimal("100.01"), "12.345"):
        with pytest.raises(ValidationError):
            target(world, "commune_a", ID, bad)
    assert not IndicatorTarget.objects.exists()
    for value in ("0", "100", "80,5", "99.75 %"):
        target(world, "commune_a", ID, value)
    assert IndicatorTarget.objects.get().value == Decimal("99.75")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorTarget.objects.filter(indicator=ID).update(value=Decimal("100.5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorTarget.objects.create(
            place=world.places["commune_a"], indicator=ID, year=2026, value=1
        )  # a second whole-year target for the same place and indicator


def test_a_manager_sets_changes_and_removes_targets_on_the_page(client, world):
    client.force_login(world.manager_a)
    indicators = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    url = reverse("lms:report_place_targets", args=[world.places["commune_a"].pk])
    assert url in client.get(indicators).content.decode()  # linked from the indicators page
    page = client.get(url, {"year": "2026"})
    assert page.status_code == 200
    assert "Targets of Xã Diên Sanh for 2026" in page.content.decode()
    response = client.post(url, {"year": "2026", f"{ID}__year": "80", f"{FAMILIES}__2": "45,5"})
    assert response.status_code == 302 and response["Location"] == f"{url}?year=2026"
    saved = {(t.indicator, t.quarter): t.value for t in IndicatorTarget.objects.all()}
    assert saved == {(ID, None): Decimal(80), (FAMILIES, 2): Decimal("45.5")}
    assert IndicatorTarget.objects.filter(set_by=world.manager_a).count() == 2
    assert AuditEntry.objects.filter(action=AuditAction.SET_TARGET).count() == 2
    page = client.get(url, {"year": "2026"}).content.decode()
    assert 'value="80"' in page and 'value="45.5"' in page
    # The village page says what it follows when it has none of its own.
    village = reverse("lms:report_place_targets", args=[world.places["a1"].pk])
    assert (
        "Empty: 80.0 %, set above this place."
        in client.get(village, {"year": "2026"}).content.decode()
    )
    # Emptying a field removes that target; the unchanged one stays as it was.
    client.post(url, {"year": "2026", f"{ID}__year": "80", f"{FAMILIES}__2": ""})
    assert list(IndicatorTarget.objects.values_list("indicator", "quarter")) == [(ID, None)]
    assert AuditEntry.objects.filter(action=AuditAction.SET_TARGET).count() == 3
    assert indicator_target_remove(
        place=world.places["commune_a"], indicator=ID, year=2026, quarter=None, by=world.manager_a
    )
    assert not IndicatorTarget.objects.exists()


def test_targets_are_set_only_by_managers_within_their_places(client, world):
    other = world.places["commune_b"]
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_targets", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"year": "2026", f"{ID}__year": "80"}).status_code == 404
    province = reverse("lms:report_place_targets", args=[world.places["province"].pk])
    assert client.get(province).status_code == 404
    with pytest.raises(PermissionDenied):
        indicator_target_set(
            place=other, indicator=ID, year=2026, quarter=None, value="80", by=world.manager_a
        )
    # A trainer sees the indicators of their village but sets no target.
    client.force_login(world.trainer_a1)
    village = world.places["a1"]
    page = client.get(reverse("lms:report_place_indicators", args=[village.pk]))
    assert reverse("lms:report_place_targets", args=[village.pk]) not in page.content.decode()
    url = reverse("lms:report_place_targets", args=[village.pk])
    assert client.post(url, {"year": "2026", f"{ID}__year": "80"}).status_code == 404
    assert not IndicatorTarget.objects.exists()


def test_targets_cost_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    target(world, "commune_a", ID, "80")
    client.get(url, YEAR)

    def count():
        with django_assert_max_num_queries(60) as context:
            assert client.get(url, YEAR).status_code == 200
        return len(context.captured_queries)

    one = count()
    for name in ("a1", "a2"):
        for quarter in (None, 1, 2, 3, 4):
            target(world, name, ID, "50", quarter=quarter)
            target(world, name, FAMILIES, "40", quarter=quarter)
    assert count() == one  # a target per village and quarter: the same queries
