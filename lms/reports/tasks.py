"""Background work of quarterly reports. Tasks are thin: they take ids, call a service (which
re-reads the rows) and retry on transient failures. Their names are pinned to
the ones queued messages and the beat schedule already use."""

from celery import shared_task

from lms.reports.quarterly import quarterly_reminders_send, quarterly_report_generate


@shared_task(
    name="lms.tasks.generate_quarterly_report",
    autoretry_for=(OSError, ConnectionError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=3,
    acks_late=True,
)
def generate_quarterly_report(report_id: int) -> bool:
    """Prepare a quarterly report's figures and spreadsheet. Safe to run
    twice; a frozen report is left alone."""
    return quarterly_report_generate(report_id=report_id)


@shared_task(name="lms.tasks.send_quarterly_reminders", acks_late=True)
def send_quarterly_reminders() -> int:
    """Run daily by Celery beat (``CELERY_BEAT_SCHEDULE``): remind managers
    of a report due soon that is not frozen, once per person and quarter."""
    return quarterly_reminders_send()
