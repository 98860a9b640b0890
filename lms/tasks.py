"""Background work of the lms app. Tasks are thin: they take ids, call a
service (which re-reads the rows) and retry on transient failures; callers
enqueue them with ``transaction.on_commit``."""

from __future__ import annotations

from celery import shared_task

# --- National certificates ----------------------------------------------------------


@shared_task(
    autoretry_for=(OSError, ConnectionError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    acks_late=True,
)
def prepare_certificate_photo(claim_id: int) -> bool:
    """Re-encode an uploaded certificate photo without metadata, scaled down,
    with a thumbnail. Safe to run twice (the service skips prepared photos);
    storage errors are retried, unreadable photos are marked, not retried."""
    from lms.national.services import certificate_photo_prepare

    return certificate_photo_prepare(claim_id=claim_id)


@shared_task(
    autoretry_for=(OSError, ConnectionError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    acks_late=True,
)
def notify_certificate_decision(log_id: int) -> bool:
    """Tell a learner of a trainer's decision by SMS and/or e-mail. The
    decision step records when it was told, so a retry never sends twice."""
    from lms.national.services import certificate_decision_notify

    return certificate_decision_notify(log_id=log_id)


# --- Quarterly reports ----------------------------------------------------------------


@shared_task(
    autoretry_for=(OSError, ConnectionError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=3,
    acks_late=True,
)
def generate_quarterly_report(report_id: int) -> bool:
    """Prepare a quarterly report's figures and spreadsheet. Safe to run
    twice; a frozen report is left alone."""
    from lms.reports.quarterly import quarterly_report_generate

    return quarterly_report_generate(report_id=report_id)


@shared_task(acks_late=True)
def send_quarterly_reminders() -> int:
    """Run daily by Celery beat (``CELERY_BEAT_SCHEDULE``): remind managers
    of a report due soon that is not frozen, once per person and quarter."""
    from lms.reports.quarterly import quarterly_reminders_send

    return quarterly_reminders_send()


# --- Summaries --------------------------------------------------------------------------


@shared_task(
    autoretry_for=(OSError, ConnectionError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=3,
    acks_late=True,
)
def rebuild_digital_skills() -> bool:
    """Recompute every learner's digital-family summary when the definition
    changed (a skill area, a course's skill areas or the setting). Safe to
    run twice: it does nothing while the summary is current."""
    from lms.learning.services.digital_families import skills_rebuild_if_stale

    return skills_rebuild_if_stale()
