"""Amending a frozen quarterly report: a frozen report never changes; a
manager issues an amended version (version n + 1) with a required reason,
which is prepared, reviewed and frozen like any report and says which figures
differ from the version it amends. The amended version keeps every byte."""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from lms.models import AuditAction, AuditEntry
from lms.models.quarterly import QuarterlyReport, ReportStatus
from lms.reports.quarterly import (
    pending_report_places,
    quarterly_report_amend,
    quarterly_report_freeze,
)
from lms.reports.quarterly_generation import figures_changed, quarterly_report_generate
from lms.reports.quarterly_reminders import quarterly_reminders_send
from lms.reports.tasks import generate_quarterly_report
from tests.lms.classes_helpers import MARCH, complete, completion_world
from tests.lms.factories import staff

pytestmark = pytest.mark.django_db

REASON = "Lớp Khóm 1 nộp kết quả của chị Hoa sau khi báo cáo đã chốt."
QUARTER_1 = {"period": "quarter-2026-1"}
NO_REASON = {"en": "Give the reason for the amendment.", "vi": "Hãy ghi lý do điều chỉnh."}

# What commune A's report of quarter 1/2026 shows differently once Lê Thị Hoa
# (Khóm 1, in no target group) is recorded as completing the course's three
# lessons in March, after the report was frozen: in Khóm 1 one more active
# learner (1 → 2), three more lessons (3 → 6) and one more course (1 → 2); the
# commune's total row the same (2 → 3, 5 → 8, 1 → 2). Khóm 2 and the
# target-group sheet (the elderly) do not change, nor does any other column.
# The sheets and columns are named as the report names them (in Vietnamese,
# the site's language, which reports are prepared in).
SUMMARY, VILLAGES = "Tổng hợp", "Theo thôn, khu phố"
ACTIVE, LESSONS, COURSES = (
    "Số người học có hoạt động",
    "Số bài đã hoàn thành",
    "Số khóa học đã hoàn thành",
)
EXPECTED_CHANGES = [
    {"sheet": SUMMARY, "row": "Khóm 1", "column": ACTIVE, "old": "1", "new": "2"},
    {"sheet": SUMMARY, "row": "Khóm 1", "column": LESSONS, "old": "3", "new": "6"},
    {"sheet": SUMMARY, "row": "Khóm 1", "column": COURSES, "old": "1", "new": "2"},
    {"sheet": SUMMARY, "row": "Xã Diên Sanh", "column": ACTIVE, "old": "2", "new": "3"},
    {"sheet": SUMMARY, "row": "Xã Diên Sanh", "column": LESSONS, "old": "5", "new": "8"},
    {"sheet": SUMMARY, "row": "Xã Diên Sanh", "column": COURSES, "old": "1", "new": "2"},
    {"sheet": VILLAGES, "row": "Khóm 1", "column": ACTIVE, "old": "1", "new": "2"},
    {"sheet": VILLAGES, "row": "Khóm 1", "column": LESSONS, "old": "3", "new": "6"},
    {"sheet": VILLAGES, "row": "Khóm 1", "column": COURSES, "old": "1", "new": "2"},
]


def language(client, settings, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def stored(report: QuarterlyReport) -> dict:
    """Everything on record of a report, its figures as the database holds
    them (the JSON text) and its spreadsheet's bytes."""
    row = (
        QuarterlyReport.objects.filter(pk=report.pk)
        .annotate(snapshot_text=Cast("snapshot", TextField()))
        .values()
        .get()
    )
    row["spreadsheet"] = bytes(row["spreadsheet"])
    row["snapshot_json"] = json.dumps(row["snapshot"], ensure_ascii=False).encode()
    return row


def sheets(data: bytes) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def message_texts(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def learning(tasks):
    with tasks.run():  # the learning the report counts queues certificates
        return completion_world()


@pytest.fixture
def frozen(client, learning, tasks):
    """Commune A's report of quarter 1/2026, prepared, reviewed and frozen by
    its manager on the pages; the manager stays signed in."""
    client.force_login(learning.manager_a)
    commune = learning.places["commune_a"]
    with tasks.run():
        client.post(
            reverse("lms:quarterly_reports"), QUARTER_1 | {"place": commune.pk}, follow=True
        )
    report = QuarterlyReport.objects.get(place=commune, year=2026, quarter=1)
    assert report.status == ReportStatus.READY
    client.post(reverse("lms:quarterly_report_freeze", args=[report.pk]), follow=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.FROZEN
    return report


def hoa_completes_the_course_in_march(world, tasks):
    with tasks.run():
        complete(world.learners_a1[2], world.lessons, MARCH)


def amend(client, report, tasks, reason=REASON):
    with tasks.run():
        return client.post(
            reverse("lms:quarterly_report_amend", args=[report.pk]), {"reason": reason}, follow=True
        )


# --- The original stays byte-identical ---------------------------------------------------


def test_an_amendment_leaves_the_original_byte_identical(client, learning, frozen, tasks):
    download = reverse("lms:quarterly_report_download", args=[frozen.pk])
    before = stored(frozen)
    downloaded = client.get(download).content
    assert downloaded == before["spreadsheet"]

    hoa_completes_the_course_in_march(learning, tasks)
    response = amend(client, frozen, tasks)
    amendment = QuarterlyReport.objects.get(amends=frozen)
    assert response.redirect_chain == [
        (reverse("lms:quarterly_report_detail", args=[amendment.pk]), 302)
    ]
    assert (amendment.version, amendment.status) == (2, ReportStatus.READY)
    assert stored(frozen) == before  # the figures as stored, to the byte, and the file

    # The amended version is reviewed and frozen; the original still is what it was.
    client.post(reverse("lms:quarterly_report_freeze", args=[amendment.pk]))
    amendment.refresh_from_db()
    assert amendment.status == ReportStatus.FROZEN
    # A generate task for the original delivered again (twice) does nothing either.
    with tasks.run():
        results = [generate_quarterly_report.delay(frozen.pk) for _delivery in range(2)]
        assert [result.get(timeout=60) for result in results] == [False, False]
    after = stored(frozen)
    assert after == before
    assert after["snapshot_text"] == before["snapshot_text"]
    assert after["snapshot_json"] == before["snapshot_json"]
    assert after["spreadsheet"] == before["spreadsheet"]
    # The original can still be downloaded, the very same file.
    assert client.get(download).content == downloaded
    # And the amendment's own figures are today's, not the original's.
    assert amendment.snapshot != frozen.snapshot
    assert bytes(amendment.spreadsheet) != before["spreadsheet"]


# --- Which figures changed -------------------------------------------------------------


def test_the_amended_version_lists_exactly_the_figures_that_changed(
    client, learning, frozen, tasks
):
    hoa_completes_the_course_in_march(learning, tasks)
    response = amend(client, frozen, tasks)
    assert message_texts(response) == [
        "The amended version is being prepared. Review it, then approve and freeze it; "
        "the earlier version stays as it was."
    ]
    amendment = QuarterlyReport.objects.get(amends=frozen)
    assert amendment.changes == EXPECTED_CHANGES
    assert amendment.amendment_reason == REASON

    # The page shows the version, its reason and the changed figures, old → new.
    page = client.get(reverse("lms:quarterly_report_detail", args=[amendment.pk]))
    page = page.content.decode()
    assert "version 2" in page
    assert REASON in page
    assert "9 figures differ from version 1" in page
    table = page[page.index('<table class="changes-table">') : page.index("</table>")]
    assert table.count("<tr>") == 1 + len(EXPECTED_CHANGES)
    assert (
        f'<tr><td>{SUMMARY}</td><th scope="row">Xã Diên Sanh</th><td>{LESSONS}</td>'
        "<td>5</td><td>8</td></tr>"
    ) in table
    assert "Khóm 2" not in table and "Người cao tuổi" not in table

    # Its workbook opens on a sheet naming the version, the reason and the same
    # changes; the cover, the figure sheets (holding the amendment's figures)
    # and the notes follow. Neither cover nor notes is compared: they hold no
    # figures, and the date prepared differs from version to version.
    workbook = sheets(bytes(amendment.spreadsheet))
    assert list(workbook) == [
        "Bản điều chỉnh",
        "Bìa",
        SUMMARY,
        VILLAGES,
        "Theo nhóm đối tượng",
        "Ghi chú",
    ]
    cover = workbook["Bản điều chỉnh"]
    assert cover[0][:2] == ["Bản điều chỉnh", 2]
    assert cover[1][:2] == ["Điều chỉnh cho phiên bản", 1]
    frozen_on = timezone.localtime(frozen.frozen_at).strftime("%d/%m/%Y")
    assert cover[1][2] == f"chốt ngày {frozen_on}"
    assert cover[2][:2] == ["Lý do điều chỉnh", REASON]
    assert cover[5][:5] == ["Trang tính", "Dòng", "Cột", "Trước điều chỉnh", "Sau điều chỉnh"]
    assert [row[:5] for row in cover[6:]] == [
        [c["sheet"], c["row"], c["column"], c["old"], c["new"]] for c in EXPECTED_CHANGES
    ]
    khom_1 = next(row for row in workbook[VILLAGES] if row[0] == "Khóm 1")
    assert khom_1[3:6] == [2, 6, 2]  # active learners, lessons, courses: the new figures

    # The original's page says it was amended and links the new version.
    original = client.get(reverse("lms:quarterly_report_detail", args=[frozen.pk])).content
    original = original.decode()
    assert "This version has been amended. The latest is version 2." in original
    assert reverse("lms:quarterly_report_detail", args=[amendment.pk]) in original
    assert reverse("lms:quarterly_report_amend", args=[frozen.pk]) not in original  # no form


def test_an_amendment_of_an_amendment_compares_with_the_version_it_amends(
    client, learning, frozen, tasks
):
    hoa_completes_the_course_in_march(learning, tasks)
    amend(client, frozen, tasks)
    second = QuarterlyReport.objects.get(amends=frozen)
    client.post(reverse("lms:quarterly_report_freeze", args=[second.pk]), follow=True)
    # Nothing changed since version 2 was prepared: version 3 lists nothing.
    amend(client, second, tasks, reason="Kiểm tra lại, không có thay đổi.")
    third = QuarterlyReport.objects.get(amends=second)
    assert (third.version, third.status, third.changes) == (3, ReportStatus.READY, [])
    page = client.get(reverse("lms:quarterly_report_detail", args=[third.pk])).content.decode()
    assert "No figure differs from the version it amends." in page
    assert 'class="changes-table"' not in page
    cover = sheets(bytes(third.spreadsheet))["Bản điều chỉnh"]
    assert cover[1][:2] == ["Điều chỉnh cho phiên bản", 2]
    assert cover[5][0] == "Không có số liệu nào khác với phiên bản được điều chỉnh."
    # Every version is listed on the quarterly reports page and can be downloaded.
    listing = client.get(reverse("lms:quarterly_reports")).content.decode()
    assert "1 (original)" in listing and "2 (amended)" in listing and "3 (amended)" in listing
    for report in (frozen, second, third):
        assert reverse("lms:quarterly_report_detail", args=[report.pk]) in listing
        download = client.get(reverse("lms:quarterly_report_download", args=[report.pk]))
        assert download.content == bytes(QuarterlyReport.objects.get(pk=report.pk).spreadsheet)
    assert "-ban-3.xlsx" in download["Content-Disposition"]


def test_a_reason_typed_as_a_formula_stays_text_in_the_workbook(client, frozen, tasks):
    amend(client, frozen, tasks, reason='=HYPERLINK("http://example.com", "Xem")')
    amendment = QuarterlyReport.objects.get(amends=frozen)
    workbook = load_workbook(io.BytesIO(bytes(amendment.spreadsheet)))
    cell = workbook["Bản điều chỉnh"]["B3"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://example.com", "Xem")')


# --- Bad input: nothing saved ------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(NO_REASON))
@pytest.mark.parametrize("reason", ["", "   \n\t "], ids=["empty", "blank"])
def test_an_amendment_without_a_reason_is_refused_and_nothing_is_saved(
    client, settings, frozen, tasks, reason, code
):
    before = stored(frozen)
    language(client, settings, code)
    detail = reverse("lms:quarterly_report_detail", args=[frozen.pk])
    response = amend(client, frozen, tasks, reason=reason)
    assert response.redirect_chain == [(detail, 302)]
    assert message_texts(response) == [NO_REASON[code]]
    assert NO_REASON[code] in response.content.decode()
    assert QuarterlyReport.objects.count() == 1
    assert stored(frozen) == before
    assert not AuditEntry.objects.filter(action=AuditAction.AMEND_REPORT).exists()


def test_the_service_refuses_an_amendment_without_a_reason_or_with_too_long_a_one(learning, frozen):
    for reason in ("", "  \u00a0\n "):
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            quarterly_report_amend(report=frozen, reason=reason, by=learning.manager_a)
        assert refused.value.code == "reason"
        assert refused.value.messages == [NO_REASON["en"]]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        quarterly_report_amend(report=frozen, reason="x" * 2001, by=learning.manager_a)
    assert refused.value.messages == ["The reason can be at most 2000 characters long."]
    assert QuarterlyReport.objects.count() == 1


def test_the_database_refuses_an_amended_version_without_its_original_or_reason(frozen):
    fields = {
        "place_id": frozen.place_id,
        "year": 2026,
        "quarter": 1,
        "start": frozen.start,
        "end": frozen.end,
    }
    for bad in (
        {"version": 2, "amends": frozen, "amendment_reason": ""},
        {"version": 2, "amendment_reason": "Lý do"},
        {"version": 1, "amends": frozen, "amendment_reason": "Lý do"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            QuarterlyReport.objects.create(**fields, **bad)
    with pytest.raises(IntegrityError), transaction.atomic():  # version 1 twice
        QuarterlyReport.objects.create(**fields)
    assert QuarterlyReport.objects.count() == 1


# --- Who may amend what ------------------------------------------------------------------


def test_only_the_latest_frozen_version_can_be_amended(client, learning, frozen, tasks):
    amend(client, frozen, tasks)
    amendment = QuarterlyReport.objects.get(amends=frozen)
    assert amendment.status == ReportStatus.READY
    # Not yet frozen: no form, and a form sent anyway is refused.
    page = client.get(reverse("lms:quarterly_report_detail", args=[amendment.pk]))
    assert reverse("lms:quarterly_report_amend", args=[amendment.pk]) not in page.content.decode()
    response = amend(client, amendment, tasks, reason="Lần nữa")
    assert message_texts(response) == ["Only an approved and frozen report can be amended."]
    # The original again: it already has an amendment.
    response = amend(client, frozen, tasks, reason="Lần nữa")
    assert message_texts(response) == [
        "This version has already been amended: only the latest version can be amended."
    ]
    assert QuarterlyReport.objects.count() == 2
    assert AuditEntry.objects.filter(action=AuditAction.AMEND_REPORT).count() == 1


def test_only_a_manager_of_the_place_may_amend(client, learning, frozen, tasks):
    before = stored(frozen)
    manager_b = staff("manager", learning.places["commune_b"], username="manager-b")
    url = reverse("lms:quarterly_report_amend", args=[frozen.pk])
    for user in (manager_b, learning.trainer_a1):
        client.force_login(user)
        assert client.post(url, {"reason": REASON}).status_code == 404
        with pytest.raises(PermissionDenied):
            quarterly_report_amend(report=frozen, reason=REASON, by=user)
    assert client.get(url).status_code == 405  # a form, never a link
    assert QuarterlyReport.objects.count() == 1
    assert stored(frozen) == before


def test_the_amendment_is_in_the_audit_log(client, learning, frozen, tasks):
    amend(client, frozen, tasks)
    amendment = QuarterlyReport.objects.get(amends=frozen)
    entry = AuditEntry.objects.get(action=AuditAction.AMEND_REPORT)
    assert (entry.actor, entry.actor_label) == (learning.manager_a, learning.manager_a.username)
    assert entry.detail == {"quarterly_report": amendment.pk, "amends": frozen.pk, "version": 2}
    assert entry.ip_address == "127.0.0.1"
    assert amendment.requested_by == learning.manager_a


# --- The quarter stays done; preparing again works on the amendment ---------------------


def test_a_quarter_with_a_frozen_version_stays_done_while_it_is_amended(
    client, learning, frozen, tasks, mailoutbox
):
    learning.manager_a.email = "quanly@example.vn"
    learning.manager_a.save()
    commune = learning.places["commune_a"]
    with tasks.run():
        quarterly_report_amend(report=frozen, reason=REASON, by=learning.manager_a)
    QuarterlyReport.objects.filter(amends=frozen).update(status=ReportStatus.PENDING)
    assert commune not in pending_report_places(learning.manager_a, 2026, 1)
    assert quarterly_reminders_send(today=datetime.date(2026, 3, 5)) == 0
    assert mailoutbox == []

    # Asking for the quarter's report again prepares the amendment, not the original.
    before = stored(frozen)
    hoa_completes_the_course_in_march(learning, tasks)
    with tasks.run():
        response = client.post(
            reverse("lms:quarterly_reports"), QUARTER_1 | {"place": commune.pk}, follow=True
        )
    assert message_texts(response) == [
        "The report is being prepared. Come back to this page in a moment."
    ]
    amendment = QuarterlyReport.objects.get(amends=frozen)
    assert amendment.status == ReportStatus.READY and amendment.changes == EXPECTED_CHANGES
    assert stored(frozen) == before
    quarterly_report_freeze(report=amendment, frozen_by=learning.manager_a)
    with tasks.run():
        response = client.post(
            reverse("lms:quarterly_reports"), QUARTER_1 | {"place": commune.pk}, follow=True
        )
    assert message_texts(response) == [
        "This report is approved and frozen: it can no longer be prepared again. "
        "To correct it, issue an amended version from the report's page."
    ]
    assert QuarterlyReport.objects.count() == 2
    assert quarterly_report_generate(report_id=amendment.pk) is False


# --- Comparing snapshots cell by cell ----------------------------------------------------


def sheet(header, *rows):
    return {"title": "", "header": header, "rows": [list(row) for row in rows]}


def test_figures_are_compared_by_sheet_row_label_and_column_header():
    header = ["Thôn", "Người học", "Tỷ lệ"]
    before = {
        "A": sheet(header, ["Thôn 1", "3", "10,0 %"], ["Thôn 1", "4", "–"], ["Thôn 2", "1", "–"]),
        "B": sheet(["Nhóm", "Số"], ["Người cao tuổi", "2"]),
        "Gone": sheet(["Nhóm", "Số"], ["X", "1"]),
    }
    after = {
        # Rows in another order, a second "Thôn 1" (two villages of one name
        # under different communes) changed, a village added, a column added.
        "A": sheet(
            [*header, "Mới"],
            ["Thôn 2", "1", "–", "0"],
            ["Thôn 1", "3", "10,0 %", "0"],
            ["Thôn 1", "5", "–", "0"],
            ["Thôn 3", "2", "–", "0"],
        ),
        "B": sheet(["Nhóm", "Số"], ["Người cao tuổi", "2"]),
    }
    assert figures_changed(before, after) == [
        {"sheet": "A", "row": "Thôn 2", "column": "Mới", "old": None, "new": "0"},
        {"sheet": "A", "row": "Thôn 1", "column": "Mới", "old": None, "new": "0"},
        {"sheet": "A", "row": "Thôn 1", "column": "Người học", "old": "4", "new": "5"},
        {"sheet": "A", "row": "Thôn 1", "column": "Mới", "old": None, "new": "0"},
        {"sheet": "A", "row": "Thôn 3", "column": "Người học", "old": None, "new": "2"},
        {"sheet": "A", "row": "Thôn 3", "column": "Tỷ lệ", "old": None, "new": "–"},
        {"sheet": "A", "row": "Thôn 3", "column": "Mới", "old": None, "new": "0"},
        {"sheet": "Gone", "row": "X", "column": "Số", "old": "1", "new": None},
    ]
    assert figures_changed(after, after) == []
