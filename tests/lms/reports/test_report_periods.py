"""Reporting periods tile time: each report covers from the day after the
previous report's cut-off to its own cut-off day (the site's reporting
calendar, by default the 10th of the quarter's last month), the first from
the movement's start; quarterly, six-monthly and yearly reports alike. A
report states its exact dates; bad periods and cut-off days are refused with
a clear message and nothing saved."""

import datetime
import io
import itertools

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from lms.models.quarterly import (
    QuarterlyReport,
    ReportingCalendar,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
)
from lms.reports.periods import current_period, scheduled_dates
from lms.reports.quarterly import quarterly_report_amend, quarterly_report_request
from lms.reports.quarterly_generation import quarterly_report_generate
from lms.reports.quarterly_reminders import quarterly_reminders_send
from tests.lms.classes_helpers import complete, completion_world
from tests.lms.factories import LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
SUMMARY, LESSONS = "Tổng hợp", "Số bài đã hoàn thành"


@pytest.fixture
def world(tasks):
    with tasks.run():
        return completion_world()


@pytest.fixture
def ask(world, tasks):
    """Commune A's manager asks for a report, and the test waits until it is
    prepared (in the services run a worker prepares it)."""

    def ask(year, quarter, kind=ReportKind.QUARTER):
        with tasks.run():
            return quarterly_report_request(
                place=world.places["commune_a"],
                kind=kind,
                year=year,
                quarter=quarter,
                requested_by=world.manager_a,
            )

    return ask


def set_calendar(**fields):
    calendar = ReportingCalendar.load()
    for name, value in fields.items():
        setattr(calendar, name, value)
    calendar.save()


def lessons_in(report) -> int:
    """The commune's "lessons completed" on the report's summary sheet, read
    from the workbook as a commune office opens it."""
    assert quarterly_report_generate(report_id=report.pk)
    report.refresh_from_db()
    sheet = load_workbook(io.BytesIO(bytes(report.spreadsheet)), read_only=True)[SUMMARY]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    column = rows[0].index(LESSONS)
    return next(row[column] for row in rows if row[0] == report.place.name)


# --- The calendar alone ---------------------------------------------------------------


def test_by_default_a_quarter_runs_from_the_11th_to_the_10th_across_the_year_boundary():
    quarters = [ReportingPeriod(ReportKind.QUARTER, 2026, 3).shifted(step) for step in range(4)]
    assert [scheduled_dates(period) for period in quarters] == [
        (D(2026, 6, 11), D(2026, 9, 10)),
        (D(2026, 9, 11), D(2026, 12, 10)),
        (D(2026, 12, 11), D(2027, 3, 10)),  # quarter 1 of 2027 starts in December 2026
        (D(2027, 3, 11), D(2027, 6, 10)),
    ]
    assert [(p.year, p.quarter) for p in quarters] == [(2026, 3), (2026, 4), (2027, 1), (2027, 2)]


def test_halves_and_years_close_on_their_last_quarters_cut_off():
    first, second = ReportingPeriod("half", 2026, 2), ReportingPeriod("half", 2026, 4)
    assert scheduled_dates(first) == (D(2025, 12, 11), D(2026, 6, 10))
    assert scheduled_dates(second) == (D(2026, 6, 11), D(2026, 12, 10))
    assert scheduled_dates(ReportingPeriod("year", 2026, 4)) == (D(2025, 12, 11), D(2026, 12, 10))
    assert second.shifted(1) == ReportingPeriod("half", 2027, 2)
    with translation.override("vi"):
        assert [first.name(), second.name()] == ["6 tháng đầu năm 2026", "6 tháng cuối năm 2026"]


def test_after_a_cut_off_day_the_days_belong_to_the_next_quarter():
    assert current_period(today=D(2026, 12, 10)) == ReportingPeriod("quarter", 2026, 4)
    assert current_period(today=D(2026, 12, 11)) == ReportingPeriod("quarter", 2027, 1)
    assert current_period("half", today=D(2026, 12, 11)) == ReportingPeriod("half", 2027, 2)
    assert current_period("year", today=D(2026, 12, 11)) == ReportingPeriod("year", 2027, 4)


def test_the_first_report_starts_on_the_movements_start_date(world, ask):
    set_calendar(movement_start=D(2026, 2, 1))
    report = ask(2026, 1)
    assert report.period == (D(2026, 2, 1), D(2026, 3, 10))
    with translation.override("vi"), pytest.raises(ValidationError, match="Phong trào bắt đầu"):
        ask(2025, 4)  # it ended before the movement started
    assert QuarterlyReport.objects.count() == 1


# --- Reports made one after another tile time -------------------------------------------


@time_machine.travel(datetime.datetime(2027, 4, 1, 10, 0, tzinfo=datetime.UTC), tick=True)
def test_a_years_quarterly_reports_tile_with_no_gap_and_no_overlap(world, ask):
    reports = [ask(year, quarter) for year, quarter in [(2026, 3), (2026, 4), (2027, 1)]]
    dates = [report.period for report in reports]
    assert dates == [
        (D(2026, 6, 11), D(2026, 9, 10)),
        (D(2026, 9, 11), D(2026, 12, 10)),
        (D(2026, 12, 11), D(2027, 3, 10)),
    ]
    for (_start, end), (start, _end) in itertools.pairwise(dates):
        assert start == end + datetime.timedelta(days=1)


@time_machine.travel(datetime.datetime(2027, 4, 1, 10, 0, tzinfo=datetime.UTC), tick=True)
def test_learning_on_the_day_after_the_cut_off_counts_in_the_next_years_first_quarter(
    world, tasks, ask
):
    """Three lessons on 10/12/2026 (the cut-off) and three on 11/12/2026, by two
    learners who had none: the first three in quarter 4/2026, the others in
    quarter 1/2027, none in both."""
    newcomer = LearnerFactory(village=world.places["a2"], full_name="Võ Thị Cúc")
    with tasks.run():
        complete(world.learners_a1[2], world.lessons, D(2026, 12, 10))
        complete(newcomer, world.lessons, D(2026, 12, 11))
    fourth, first = ask(2026, 4), ask(2027, 1)
    assert lessons_in(fourth) == 3
    assert lessons_in(first) == 3


def test_a_changed_cut_off_day_moves_only_the_reports_not_yet_made(world, ask):
    first = ask(2026, 1)
    set_calendar(cutoff_day=20)
    second = ask(2026, 2)
    assert first.period == (D(2025, 12, 11), D(2026, 3, 10))
    assert second.period == (D(2026, 3, 11), D(2026, 6, 20))  # from the day after the first


def test_a_report_made_between_two_others_fills_exactly_the_days_between_them(world, ask):
    first, third = ask(2026, 1), ask(2026, 3)
    set_calendar(cutoff_day=25)
    second = ask(2026, 2)
    assert second.period == (
        first.end + datetime.timedelta(days=1),
        third.start - datetime.timedelta(days=1),
    )
    assert second.period == (D(2026, 3, 11), D(2026, 6, 10))


def test_halves_and_years_tile_on_their_own(world, ask):
    first = ask(2026, 2, ReportKind.HALF)
    second = ask(2026, 4, ReportKind.HALF)
    year = ask(2026, 4, ReportKind.YEAR)
    assert first.period == (D(2025, 12, 11), D(2026, 6, 10))
    assert second.period == (D(2026, 6, 11), D(2026, 12, 10))
    assert year.period == (D(2025, 12, 11), D(2026, 12, 10))


def test_re_preparing_a_report_not_yet_frozen_takes_the_new_cut_off(world, ask):
    report = ask(2026, 1)
    set_calendar(cutoff_day=15)
    report = ask(2026, 1)
    assert report.period == (D(2025, 12, 16), D(2026, 3, 15))


def test_an_amended_version_covers_the_same_days_as_the_original(world, tasks, ask):
    report = ask(2026, 1)
    quarterly_report_generate(report_id=report.pk)
    QuarterlyReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.FROZEN, frozen_at=report.requested_at
    )
    report.refresh_from_db()
    set_calendar(cutoff_day=20)
    with tasks.run():
        amendment = quarterly_report_amend(
            report=report, reason="Sửa số liệu Khóm 1.", by=world.manager_a
        )
    assert amendment.period == report.period == (D(2025, 12, 11), D(2026, 3, 10))


# --- Bad periods ------------------------------------------------------------------------


def test_a_period_with_no_day_left_is_refused_and_nothing_saved(world, ask):
    first = ask(2026, 1)
    # A third quarter that (made under another calendar) starts right after the first.
    QuarterlyReport.objects.create(
        place=first.place,
        year=2026,
        quarter=3,
        start=D(2026, 3, 11),
        end=D(2026, 9, 10),
        requested_by=world.manager_a,
    )
    with translation.override("vi"), pytest.raises(ValidationError, match="không còn ngày nào"):
        ask(2026, 2)
    assert not QuarterlyReport.objects.filter(quarter=2).exists()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("quarter-2026-5", "Choose a reporting period from the list."),
        ("half-2026-1", "Choose a reporting period from the list."),
        ("year-2026-2", "Choose a reporting period from the list."),
        ("quarter-2099-1", "has not started yet"),
        ("nonsense", "Choose a reporting period from the list."),
    ],
)
def test_a_period_not_on_the_list_is_refused_on_the_page(client, world, period, message):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("lms:quarterly_reports"),
        {"place": world.places["commune_a"].pk, "period": period},
        follow=True,
    )
    assert message in response.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_the_database_refuses_a_report_that_runs_backwards_or_a_wrong_closing_quarter(world):
    fields = {"place": world.places["commune_a"], "year": 2026, "quarter": 1}
    for bad in (
        {"start": D(2026, 3, 10), "end": D(2026, 3, 9)},
        {"kind": "half", "start": D(2026, 1, 1), "end": D(2026, 3, 10)},
        {"kind": "year", "start": D(2026, 1, 1), "end": D(2026, 3, 10)},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            QuarterlyReport.objects.create(**fields, **bad)
    assert not QuarterlyReport.objects.exists()


# --- The pages state the dates; reminders follow the cut-off ----------------------------


def test_the_pages_state_each_reports_exact_dates(
    clock_in_data_year, client, settings, world, tasks
):
    client.force_login(world.manager_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"  # as a commune office reads them
    page = client.get(reverse("lms:quarterly_reports")).content.decode()
    assert "Quý 4/2026 (11/09/2026 – 10/12/2026)" in page
    assert "Năm 2026 (11/12/2025 – 10/12/2026)" in page
    with tasks.run():
        client.post(
            reverse("lms:quarterly_reports"),
            {"place": world.places["commune_a"].pk, "period": "half-2026-2"},
        )
    report = QuarterlyReport.objects.get()
    assert (report.kind, report.period) == ("half", (D(2025, 12, 11), D(2026, 6, 10)))
    detail = client.get(reverse("lms:quarterly_report_detail", args=[report.pk])).content.decode()
    assert "6 tháng đầu năm 2026" in detail
    assert "Từ ngày 11/12/2025 đến hết ngày 10/06/2026." in detail
    download = client.get(reverse("lms:quarterly_report_download", args=[report.pk]))
    assert "bao-cao-6-thang-dau-nam-2026-19681.xlsx" in download["Content-Disposition"]


def test_reminders_follow_the_cut_off_day(world, mailoutbox):
    world.manager_a.email = "quanly@example.vn"
    world.manager_a.save()
    set_calendar(cutoff_day=20)
    assert quarterly_reminders_send(today=D(2026, 3, 12)) == 0  # more than 7 days before
    assert quarterly_reminders_send(today=D(2026, 3, 15)) == 1
    assert "20/03/2026" in mailoutbox[0].subject
    assert quarterly_reminders_send(today=D(2026, 3, 21)) == 0  # quarter 2 is not due yet


# --- The cut-off day is set in the Wagtail settings -------------------------------------


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="quan-tri", is_staff=True, is_superuser=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(admin)
    return client


def calendar_form(**fields):
    return {"movement_start": "2024-11-18", "cutoff_day": "10"} | fields


def calendar_url() -> str:
    return reverse(
        "wagtailsettings:edit", args=["lms", "reportingcalendar", ReportingCalendar.load().pk]
    )


@pytest.mark.parametrize("day", ["0", "29", "31", "-1", "mười"])
def test_a_cut_off_day_outside_1_to_28_is_refused_and_nothing_saved(admin_client, day):
    url = calendar_url()
    response = admin_client.post(url, calendar_form(cutoff_day=day))
    assert response.status_code == 200
    assert "cutoff_day" in response.context["form"].errors
    assert ReportingCalendar.load().cutoff_day == 10


def test_an_administrator_sets_the_cut_off_day(admin_client):
    response = admin_client.post(
        calendar_url(), calendar_form(cutoff_day="15", movement_start="2025-01-01")
    )
    assert response.status_code == 302
    calendar = ReportingCalendar.load()
    assert (calendar.cutoff_day, calendar.movement_start) == (15, D(2025, 1, 1))
    assert scheduled_dates(ReportingPeriod("quarter", 2026, 1)) == (D(2025, 12, 16), D(2026, 3, 15))


def test_the_database_refuses_a_cut_off_day_outside_1_to_28():
    calendar = ReportingCalendar.load()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingCalendar.objects.filter(pk=calendar.pk).update(cutoff_day=29)
