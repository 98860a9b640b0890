"""The quarterly workbook in the layout a commune office sends up: a cover,
the indicators with targets and gaps, by village, by target group and notes;
figures as numbers, headings in Vietnamese. Figures as in test_targets.py
(the indicators fixture): in the first quarter of 2026 Khóm 1 has 10.0 % of
its households "Gia đình số" and 10.0 % of its adults with a digital
identity, Khóm 2 none, the commune 6.7 % and 7.1 %."""

import datetime
import io
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.models import Indicator
from lms.models.quarterly import NOTE_MAX_LENGTH, QuarterlyReport, ReportStatus
from lms.reports.targets import indicator_target_set

pytestmark = pytest.mark.django_db

NOTE = "Quý này xã mở thêm hai lớp cho người cao tuổi."
SHEETS = ["Bìa", "Tổng hợp", "Theo thôn, khu phố", "Theo nhóm đối tượng", "Ghi chú"]
HOUSEHOLDS = ("Tỷ lệ so với số hộ", "Chỉ tiêu: tỷ lệ hộ", "Còn thiếu so với chỉ tiêu hộ")
ADULTS = (
    "Tỷ lệ có VNeID mức 2 so với dân số từ 16 tuổi",
    "Chỉ tiêu: tỷ lệ người từ 16 tuổi có mức 2",
    "Còn thiếu so với chỉ tiêu mức 2",
)


@pytest.fixture
def report(client, indicators_world, tasks):
    """Commune A's report of quarter 1/2026, asked for with a note (typed
    decomposed, as some phone keyboards send it), after the commune set 80 %
    of adults with VNeID level 2 for 2026 and Khóm 1 10 % of households
    for the quarter."""
    world = indicators_world
    world.manager_a.first_name, world.manager_a.last_name = "Hương", "Nguyễn Thị"
    world.manager_a.save()
    for place, indicator, quarter, value in (
        ("commune_a", Indicator.DIGITAL_ID, None, "80"),
        ("a1", Indicator.DIGITAL_FAMILIES, 1, "10"),
    ):
        indicator_target_set(
            place=world.places[place],
            indicator=indicator,
            year=2026,
            quarter=quarter,
            value=value,
            by=world.manager_a,
        )
    client.force_login(world.manager_a)
    with tasks.run():
        client.post(
            reverse("lms:quarterly_reports"),
            {
                "place": world.places["commune_a"].pk,
                "period": "quarter-2026-1",
                "note": unicodedata.normalize("NFD", NOTE),
            },
        )
    report = QuarterlyReport.objects.get()
    assert report.status == ReportStatus.READY
    return report


def opened(report):
    return load_workbook(io.BytesIO(bytes(report.spreadsheet)))


def values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def by_row(sheet, *headers) -> dict[str, list]:
    rows = values(sheet)
    return {row[0]: [row[rows[0].index(header)] for header in headers] for row in rows[1:]}


def test_the_sheets_come_in_the_order_of_the_office_layout(report):
    assert opened(report).sheetnames == SHEETS


def test_the_cover_names_place_period_version_author_and_date(report):
    cover = values(opened(report)["Bìa"])
    assert cover[0][0] == "Báo cáo kết quả thực hiện phong trào “Bình dân học vụ số”"
    labelled = {row[0]: row[1] for row in cover[2:] if row and row[0]}
    assert labelled == {
        "Địa bàn": "Xã Diên Sanh",
        "Trực thuộc": "Quảng Trị",
        "Kỳ báo cáo": "Quý 1/2026",
        "Từ ngày": datetime.datetime(2025, 12, 11),  # the day after the 10/12/2025 cut-off
        "Đến ngày": datetime.datetime(2026, 3, 10),
        "Phiên bản": 1,
        "Người lập": "Hương Nguyễn Thị",
        "Ngày lập": datetime.datetime.combine(timezone.localdate(), datetime.time()),
    }
    dates = [row[1] for row in opened(report)["Bìa"].iter_rows() if row[0].value == "Từ ngày"]
    assert dates[0].number_format == "DD/MM/YYYY"


def test_the_indicators_show_target_actual_and_gap_as_numbers(report):
    workbook = opened(report)
    summary = workbook["Tổng hợp"]
    assert by_row(summary, *HOUSEHOLDS) == {
        "Khóm 1": [0.1, 0.1, 0],  # its own target for the quarter, met
        "Khóm 2": [0, None, None],  # no target of its own nor above it
        "Xã Diên Sanh": [0.067, None, None],
    }
    # On 10/03, the quarter's last day, Bình (Khóm 2, 8 adults) had level 2
    # and Lan (Khóm 1, 20 adults) level 1 only (her level 2 came on 20/03).
    assert by_row(summary, *ADULTS) == {
        "Khóm 1": [0, 0.8, 0.8],  # the commune's target for the year
        "Khóm 2": [0.125, 0.8, 0.675],
        "Xã Diên Sanh": [0.036, 0.8, 0.764],  # 1 of 28
    }
    # Per village, each with the target it follows.
    assert by_row(workbook["Theo thôn, khu phố"], *ADULTS) == {
        "Khóm 1": [0, 0.8, 0.8],
        "Khóm 2": [0.125, 0.8, 0.675],
    }
    # Numbers, not text, with a percent format; a met gap reads "đạt".
    header = [cell.value for cell in summary[1]]
    khom_1 = next(row for row in summary.iter_rows(min_row=2) if row[0].value == "Khóm 1")
    assert khom_1[header.index("Số bài đã hoàn thành")].value == 3
    for name in (*HOUSEHOLDS, *ADULTS):
        assert isinstance(khom_1[header.index(name)].value, int | float)
    assert khom_1[header.index(HOUSEHOLDS[0])].number_format == "0.0%"
    assert khom_1[header.index(HOUSEHOLDS[2])].number_format == '0.0%;-0.0%;"đạt"'
    groups = values(workbook["Theo nhóm đối tượng"])
    assert groups[0][0] == "Nhóm đối tượng"
    # The elderly: registered by 31/03 none (the accounts date from the test
    # run), active in the quarter and trained: Lan.
    assert groups[1][:4] == ["Người cao tuổi", 0, 1, 1]


def test_the_notes_say_what_each_figure_counts_and_carry_the_managers_note(report):
    assert report.note == NOTE  # stored composed (NFC)
    notes = values(opened(report)["Ghi chú"])
    assert notes[0] == ["Chỉ số", "Nội dung và nguồn số liệu"]
    meaning = {row[0]: row[1] for row in notes[1:] if row and row[0]}
    assert (
        "chứng nhận quốc gia đã xác minh được tính là một khóa học đã hoàn thành"
        in (meaning["Số khóa học đã hoàn thành"])
    )
    assert "CV 3240" in meaning["Hộ “Gia đình số”"]
    assert "đạt" in meaning["Còn thiếu"]
    assert notes[-2:] == [["Ghi chú của đơn vị", None], [NOTE, None]]


def test_the_snapshot_holds_only_the_figure_sheets(report):
    assert list(report.snapshot) == SHEETS[1:4]


def test_too_long_a_note_is_refused_and_nothing_saved(client, indicators_world, tasks):
    client.force_login(indicators_world.manager_a)
    with tasks.run():
        response = client.post(
            reverse("lms:quarterly_reports"),
            {
                "place": indicators_world.places["commune_a"].pk,
                "period": "quarter-2026-1",
                "note": "x" * (NOTE_MAX_LENGTH + 1),
            },
            follow=True,
        )
    assert f"The note can be at most {NOTE_MAX_LENGTH} characters long." in (
        response.content.decode()
    )
    assert not QuarterlyReport.objects.exists()
