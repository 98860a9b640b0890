"""Background work of national-course claims. Tasks are thin: they take ids, call a service (which
re-reads the rows) and retry on transient failures. Their names are pinned to
the ones queued messages and the beat schedule already use."""

from celery import shared_task

from lms.national.services import certificate_decision_notify, certificate_photo_prepare


@shared_task(
    name="lms.tasks.prepare_certificate_photo",
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
    return certificate_photo_prepare(claim_id=claim_id)


@shared_task(
    name="lms.tasks.notify_certificate_decision",
    autoretry_for=(OSError, ConnectionError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    acks_late=True,
)
def notify_certificate_decision(log_id: int) -> bool:
    """Tell a learner of a trainer's decision by SMS and/or e-mail. The
    decision step records when it was told, so a retry never sends twice."""
    return certificate_decision_notify(log_id=log_id)
