"""Freezing a quarterly report: only a report that is ready for review can be
approved and frozen (a report still being prepared, or one that could not be
prepared, is refused with a clear message and left as it was), and once
frozen, a generate task delivered again, even twice, changes not one byte."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from lms.models.quarterly import QuarterlyReport, ReportStatus
from lms.reports.quarterly import quarterly_report_freeze, quarterly_report_request
from lms.reports.quarterly_generation import quarterly_report_generate
from lms.reports.tasks import generate_quarterly_report
from tests.lms.classes_helpers import MARCH, complete, completion_world

pytestmark = pytest.mark.django_db

NOT_READY = {
    "en": "The report is not ready yet. Wait until it is prepared, then review it.",
    "vi": "Báo cáo chưa sẵn sàng. Hãy chờ lập xong rồi xem xét.",
}
FREEZE_BUTTON = {"en": "Approve and freeze", "vi": "Duyệt và chốt"}


def english(client, settings, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def requested(world) -> QuarterlyReport:
    """Quarter 1/2026 of commune A, asked for: its task has not run yet (the
    test's transaction never commits, so nothing on commit runs)."""
    report = quarterly_report_request(
        place=world.places["commune_a"], year=2026, quarter=1, requested_by=world.manager_a
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING
    return report


def prepared_then_asked_again(world) -> QuarterlyReport:
    """A report prepared once (its figures stored), then asked for again: it
    is being prepared anew, so the figures on record are stale."""
    report = requested(world)
    assert quarterly_report_generate(report_id=report.pk)
    report = requested(world)
    assert report.snapshot and bytes(report.spreadsheet)
    return report


def failed(world) -> QuarterlyReport:
    report = prepared_then_asked_again(world)
    QuarterlyReport.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED)
    report.refresh_from_db()
    return report


NOT_READY_REPORTS = {
    "pending": requested,
    "pending-again": prepared_then_asked_again,
    "failed": failed,
}


def state(report: QuarterlyReport) -> tuple:
    report = QuarterlyReport.objects.get(pk=report.pk)
    return (
        report.status,
        report.frozen_by_id,
        report.frozen_at,
        report.generated_at,
        report.snapshot,
        bytes(report.spreadsheet),
    )


# --- Not ready: no freezing ------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(NOT_READY_REPORTS))
def test_the_service_refuses_to_freeze_a_report_that_is_not_ready(world, kind):
    report = NOT_READY_REPORTS[kind](world)
    before = state(report)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        quarterly_report_freeze(report=report, frozen_by=world.manager_a)
    assert refused.value.code == "not_ready"
    assert refused.value.messages == [NOT_READY["en"]]
    assert state(report) == before
    assert state(report)[:3] == (before[0], None, None)
    assert not QuarterlyReport.objects.filter(status=ReportStatus.FROZEN).exists()


@pytest.mark.parametrize("language", sorted(NOT_READY))
@pytest.mark.parametrize("kind", sorted(NOT_READY_REPORTS))
def test_a_manager_cannot_freeze_a_report_that_is_not_ready(
    client, settings, world, kind, language
):
    report = NOT_READY_REPORTS[kind](world)
    before = state(report)
    english(client, settings, language)
    client.force_login(world.manager_a)
    detail = reverse("lms:quarterly_report_detail", args=[report.pk])

    page = client.get(detail).content.decode()
    assert reverse("lms:quarterly_report_freeze", args=[report.pk]) not in page  # no button
    assert FREEZE_BUTTON[language] not in page
    # A form kept open in another tab is sent anyway.
    response = client.post(reverse("lms:quarterly_report_freeze", args=[report.pk]), follow=True)
    assert response.redirect_chain == [(detail, 302)]
    assert [str(message) for message in response.context["messages"]] == [NOT_READY[language]]
    assert NOT_READY[language] in response.content.decode()
    assert state(report) == before
    # Neither the stale figures nor a download are offered as if approved.
    assert client.get(reverse("lms:quarterly_report_download", args=[report.pk])).status_code == 404


def test_a_ready_report_is_frozen_and_then_refused_as_already_frozen(client, settings, world):
    """The counterpart: the same request once the report is ready."""
    report = requested(world)
    assert quarterly_report_generate(report_id=report.pk)
    english(client, settings)
    client.force_login(world.manager_a)
    url = reverse("lms:quarterly_report_freeze", args=[report.pk])
    first = client.post(url, follow=True)
    assert [str(m) for m in first.context["messages"]] == ["The report is approved and frozen."]
    frozen = state(report)
    assert frozen[:2] == (ReportStatus.FROZEN, world.manager_a.pk) and frozen[2] is not None
    again = client.post(url, follow=True)
    assert [str(m) for m in again.context["messages"]] == ["This report is already frozen."]
    assert state(report) == frozen


# --- Frozen: a task delivered again changes nothing -------------------------------------


def test_a_generate_task_delivered_twice_leaves_a_frozen_report_byte_identical(
    client, settings, tasks
):
    with tasks.run():  # the learning the report counts queues certificates
        world = completion_world()
    commune = world.places["commune_a"]
    english(client, settings)
    client.force_login(world.manager_a)
    with tasks.run():
        client.post(
            reverse("lms:quarterly_reports"), {"place": commune.pk, "period": "quarter-2026-1"}
        )
    report = QuarterlyReport.objects.get(place=commune, year=2026, quarter=1)
    assert report.status == ReportStatus.READY
    client.post(reverse("lms:quarterly_report_freeze", args=[report.pk]))
    frozen = state(report)
    assert frozen[0] == ReportStatus.FROZEN
    download = reverse("lms:quarterly_report_download", args=[report.pk])
    assert client.get(download).content == frozen[5]
    page = report_shown(client, report)
    assert "Approved and frozen" in page and "Khóm 1" in page

    # Learning recorded later in the quarter would change the figures...
    with tasks.run():
        complete(world.learners_a1[2], world.lessons, MARCH)
    # ...and the broker delivers the generate task again, twice.
    with tasks.run():
        results = [generate_quarterly_report.delay(report.pk) for _delivery in range(2)]
        done = [result.get(timeout=60) for result in results]

    assert state(report) == frozen
    assert client.get(download).content == frozen[5]
    assert report_shown(client, report) == page
    assert done == [False, False]  # nothing done


def test_a_generate_run_does_not_overwrite_a_report_frozen_while_it_waited(tasks):
    """Prepared, then its task waits in the queue while the report is
    reviewed and frozen: the deliveries that come late leave it alone."""
    with tasks.run():  # the learning the report counts queues certificates
        world = completion_world()
    report = QuarterlyReport.objects.create(
        place=world.places["commune_a"],
        year=2026,
        quarter=1,
        start=datetime.date(2025, 12, 11),
        end=datetime.date(2026, 3, 10),
        requested_by=world.manager_a,
    )
    assert quarterly_report_generate(report_id=report.pk)
    quarterly_report_freeze(report=report, frozen_by=world.manager_a)
    frozen = state(report)
    with tasks.run():
        complete(world.learners_a1[2], world.lessons, MARCH)
    with tasks.run():
        generate_quarterly_report.delay(report.pk)
        generate_quarterly_report.delay(report.pk)
    assert state(report) == frozen
    assert quarterly_report_generate(report_id=report.pk) is False
    assert state(report) == frozen


def report_shown(client, report) -> str:
    """What the report's page shows of it: its status and every figure."""
    html = client.get(reverse("lms:quarterly_report_detail", args=[report.pk])).content.decode()
    start = html.index("<h1>")
    return html[start : html.index("</table>", html.rindex("<table", start)) + len("</table>")]
