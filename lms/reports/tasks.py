"""Background work of quarterly reports (names pinned: see lms.tasks)."""

from celery import shared_task

from lms.reports.quarterly_generation import quarterly_report_generate
from lms.reports.quarterly_reminders import quarterly_reminders_send
from lms.task_options import RETRY_ON_TRANSIENT_ERRORS


@shared_task(name="lms.tasks.generate_quarterly_report", max_retries=3, **RETRY_ON_TRANSIENT_ERRORS)
def generate_quarterly_report(report_id: int) -> bool:
    """Prepare a quarterly report's figures and spreadsheet. Safe to run
    twice; a frozen report is left alone."""
    return quarterly_report_generate(report_id=report_id)


@shared_task(name="lms.tasks.send_quarterly_reminders", acks_late=True)
def send_quarterly_reminders() -> int:
    """Run daily by Celery beat (``CELERY_BEAT_SCHEDULE``): remind managers
    of a report due soon that is not frozen, once per person and quarter."""
    return quarterly_reminders_send()
