"""Exports match the screen because they are the same report: CSV streamed
row by row, XLSX written in openpyxl's write-only mode; each is audited."""

import csv
import io

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from lms.models import AuditAction, AuditEntry
from tests.lms.classes_helpers import MARCH, class_trainer, complete, table

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def xlsx_rows(response):
    assert isinstance(response, FileResponse)
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def screen_and_exports(client, url, params=None):
    params = params or {}
    screen = table(client.get(url, params))
    return (
        screen,
        csv_rows(client.get(url, {**params, "format": "csv"})),
        xlsx_rows(client.get(url, {**params, "format": "xlsx"})),
    )


def as_text(value):
    import datetime

    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def assert_xlsx_matches(screen, sheet):
    assert len(sheet) == len(screen)
    assert sheet[0] == screen[0]
    for screen_row, sheet_row in zip(screen[1:], sheet[1:], strict=True):
        for text, value in zip(screen_row, sheet_row, strict=True):
            if text.endswith(" %"):  # a share: a number in the sheet
                assert text == f"{float(value):.1f} %"
            elif text == "–":
                assert value in (None, "–")
            else:
                assert as_text(value) == text


@pytest.mark.parametrize(
    ("view", "place", "params"),
    [
        ("lms:report_place", "commune_a", {}),
        ("lms:report_place", "commune_a", {"from": "2026-06-01", "to": "2026-06-30"}),
        ("lms:report_place", "a1", {}),
        ("lms:report_place_courses", "commune_a", {}),
        ("lms:report_place_groups", "commune_a", {"from": "2026-01-01"}),
    ],
)
def test_place_exports_equal_the_screen(client, world, view, place, params):
    client.force_login(world.manager_a)
    url = reverse(view, args=[world.places[place].pk])
    screen, csv_table, sheet = screen_and_exports(client, url, params)
    assert len(screen) > 1
    assert csv_table == [[cell if cell else "" for cell in row] for row in screen]
    assert_xlsx_matches(screen, sheet)


def test_class_matrix_exports_equal_the_screen(client, world):
    client.force_login(world.trainer_a1)
    url = reverse("lms:report_class", args=[world.class_a1.pk])
    screen, csv_table, sheet = screen_and_exports(client, url)
    assert csv_table == screen
    assert_xlsx_matches(screen, sheet)
    assert "Nguyễn Thị Lan" in [row[0] for row in csv_table]


def test_every_export_is_written_to_the_audit_log(client, world):
    client.force_login(world.trainer_a1)
    url = reverse("lms:report_class", args=[world.class_a1.pk])
    b"".join(client.get(url, {"format": "csv", "from": "2026-01-01"}).streaming_content)
    b"".join(client.get(url, {"format": "xlsx"}).streaming_content)
    entries = AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=world.trainer_a1)
    assert sorted(entry.detail["format"] for entry in entries) == ["csv", "xlsx"]
    assert {entry.detail["class"] for entry in entries} == {world.class_a1.pk}
    assert any(entry.detail.get("from") == "2026-01-01" for entry in entries)


def test_unknown_format_is_refused(client, world):
    client.force_login(world.trainer_a1)
    url = reverse("lms:report_class", args=[world.class_a1.pk])
    assert client.get(url, {"format": "pdf"}).status_code == 400


def test_exports_are_scoped_like_the_screen(client, world):
    volunteer = class_trainer()
    world.class_a1.trainers.add(volunteer)
    client.force_login(volunteer)
    assert (
        client.get(
            reverse("lms:report_class", args=[world.class_b1.pk]), {"format": "csv"}
        ).status_code
        == 404
    )
    for place in ("a1", "commune_a"):
        response = client.get(
            reverse("lms:report_place", args=[world.places[place].pk]), {"format": "xlsx"}
        )
        assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_village_export_queries_do_not_grow_with_learners(
    client, world, django_assert_max_num_queries
):
    from tests.lms.classes_helpers import learners

    client.force_login(world.manager_a)
    url = reverse("lms:report_place", args=[world.places["a1"].pk])

    def count(fmt):
        with django_assert_max_num_queries(30) as context:
            response = client.get(url, {"format": fmt})
            b"".join(response.streaming_content)
        return len(context.captured_queries)

    small = (count("csv"), count("xlsx"))
    extra = learners(world.places["a1"], [f"Người Học {n}" for n in range(40)])
    for learner in extra[:10]:
        complete(learner, world.lessons[:1], MARCH)
    large = (count("csv"), count("xlsx"))
    assert all(big <= few + 1 for big, few in zip(large, small, strict=True))  # 40 more rows
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert len(rows) == 1 + 3 + 40
