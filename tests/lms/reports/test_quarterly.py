"""Quarterly reports: prepared by a Celery task as an XLSX with a summary, a
village and a target-group sheet; reviewed and frozen (a snapshot later edits
do not change); managers reminded before the 10th of the quarter's last month."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cms.celery import app
from lms.models import AuditAction, AuditEntry
from lms.models.quarterly import QuarterlyReminder, QuarterlyReport, ReportStatus
from lms.reports.quarterly_reminders import quarterly_reminders_send
from tests.lms.classes_helpers import MARCH, complete, table
from tests.lms.factories import staff

pytestmark = pytest.mark.django_db


def request_report(client, place, period="quarter-2026-1", tasks=None):
    with tasks.run():
        return client.post(
            reverse("lms:quarterly_reports"), {"place": place.pk, "period": period}, follow=True
        )


def sheets(data: bytes) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def test_a_manager_prepares_reviews_and_freezes_a_quarterly_report(client, world, tasks):
    commune = world.places["commune_a"]
    client.force_login(world.manager_a)
    request_report(client, commune, tasks=tasks)
    report = QuarterlyReport.objects.get(place=commune, year=2026, quarter=1)
    assert report.status == ReportStatus.READY
    workbook = sheets(bytes(report.spreadsheet))
    # A cover, the summary, by village, by target group, notes.
    assert len(workbook) == 5
    _cover, summary, villages, groups, _notes = workbook.values()
    # It covers 11/12/2025 to 10/03/2026 (from the day after the previous
    # quarter's cut-off on the 10th), and its summary sheet holds the same
    # figures as the indicators page for those days.
    assert report.period == (datetime.date(2025, 12, 11), datetime.date(2026, 3, 10))
    screen = table(
        client.get(
            reverse("lms:report_place_indicators", args=[commune.pk]),
            {"from": "2025-12-11", "to": "2026-03-10"},
        )
    )
    assert [row[0] for row in summary[1:]] == [row[0] for row in screen[1:]]
    assert [str(v) for v in summary[1][1:6]] == screen[1][1:6]
    assert [row[0] for row in villages[1:]] == ["Khóm 1", "Khóm 2"]
    assert groups[1][0] == "Người cao tuổi"

    page = client.get(reverse("lms:quarterly_report_detail", args=[report.pk]))
    assert "Khóm 1" in page.content.decode()
    download = client.get(reverse("lms:quarterly_report_download", args=[report.pk]))
    assert download.content == bytes(report.spreadsheet)
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=world.manager_a).exists()

    client.post(reverse("lms:quarterly_report_freeze", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.FROZEN and report.frozen_by == world.manager_a
    frozen_bytes, frozen_snapshot = bytes(report.spreadsheet), report.snapshot

    # Later learning in the quarter changes nothing in the frozen report.
    complete(world.learners_a1[2], world.lessons, MARCH)
    response = request_report(client, commune, tasks=tasks)
    assert "can no longer be prepared again" in response.content.decode()
    response = client.post(reverse("lms:quarterly_report_freeze", args=[report.pk]), follow=True)
    assert "This report is already frozen." in response.content.decode()
    report.refresh_from_db()
    assert bytes(report.spreadsheet) == frozen_bytes and report.snapshot == frozen_snapshot


def test_a_future_quarter_is_refused(client, world, tasks):
    client.force_login(world.manager_a)
    response = request_report(client, world.places["commune_a"], "quarter-2099-1", tasks)
    assert "has not started yet" in response.content.decode()
    response = request_report(client, world.places["commune_a"], "quarter-2026-5", tasks)
    assert "Choose a reporting period from the list." in response.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_reports_are_scoped_to_managers_places(client, world, tasks):
    manager_b = staff("manager", world.places["commune_b"], username="manager-b")
    client.force_login(manager_b)
    request_report(client, world.places["commune_b"], tasks=tasks)
    report_b = QuarterlyReport.objects.get()
    # A manager of commune A cannot ask for, see, download or freeze commune B's report.
    client.force_login(world.manager_a)
    request_report(client, world.places["commune_b"], tasks=tasks)
    assert QuarterlyReport.objects.count() == 1
    for name in ("lms:quarterly_report_detail", "lms:quarterly_report_download"):
        assert client.get(reverse(name, args=[report_b.pk])).status_code == 404
    assert (
        client.post(reverse("lms:quarterly_report_freeze", args=[report_b.pk])).status_code == 404
    )
    report_b.refresh_from_db()
    assert report_b.status == ReportStatus.READY
    assert "Xã Hải Lăng" not in client.get(reverse("lms:quarterly_reports")).content.decode()
    # Trainers do not report.
    client.force_login(world.trainer_a1)
    assert client.get(reverse("lms:quarterly_reports")).status_code == 403


def test_managers_are_reminded_by_email_once_before_the_deadline(world, mailoutbox):
    world.manager_a.email = "quanly@example.vn"
    world.manager_a.save()
    assert quarterly_reminders_send(today=datetime.date(2026, 3, 1)) == 0  # too early
    assert quarterly_reminders_send(today=datetime.date(2026, 3, 5)) == 1
    assert mailoutbox[0].to == ["quanly@example.vn"]
    assert "10/03/2026" in mailoutbox[0].subject
    assert quarterly_reminders_send(today=datetime.date(2026, 3, 6)) == 0  # once only
    assert QuarterlyReminder.objects.count() == 1
    assert quarterly_reminders_send(today=datetime.date(2026, 3, 11)) == 0  # past the deadline


def test_no_reminder_once_the_report_is_frozen(world, mailoutbox):
    from django.utils import timezone

    world.manager_a.email = "quanly@example.vn"
    world.manager_a.save()
    QuarterlyReport.objects.create(
        place=world.places["commune_a"],
        year=2026,
        quarter=1,
        start=datetime.date(2025, 12, 11),
        end=datetime.date(2026, 3, 10),
        status=ReportStatus.FROZEN,
        frozen_at=timezone.now(),
    )
    assert quarterly_reminders_send(today=datetime.date(2026, 3, 5)) == 0
    assert mailoutbox == []


def test_the_site_reminds_too_and_beat_runs_the_reminders_daily(client, world, settings):
    settings.HOCVUSO = {**settings.HOCVUSO, "QUARTERLY_REMINDER_DAYS": 120}
    client.force_login(world.manager_a)
    page = client.get(reverse("lms:quarterly_reports")).content.decode()
    assert "report is due on" in page and "Xã Diên Sanh" in page
    schedule = settings.CELERY_BEAT_SCHEDULE["quarterly-report-reminders"]
    assert schedule["task"] == "lms.tasks.send_quarterly_reminders"
    app.loader.import_default_modules()
    assert "lms.tasks.send_quarterly_reminders" in app.tasks
    assert "lms.tasks.generate_quarterly_report" in app.tasks
