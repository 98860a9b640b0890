"""Background work of national-course claims (names pinned: see lms.tasks)."""

from celery import shared_task

from lms.national.notifications import certificate_decision_notify
from lms.national.photos import certificate_photo_prepare
from lms.task_options import RETRY_ON_TRANSIENT_ERRORS


@shared_task(name="lms.tasks.prepare_certificate_photo", max_retries=5, **RETRY_ON_TRANSIENT_ERRORS)
def prepare_certificate_photo(claim_id: int) -> bool:
    """Re-encode an uploaded certificate photo without metadata, scaled down,
    with a thumbnail. Safe to run twice (prepared photos are skipped);
    storage errors are retried, unreadable photos are marked, not retried."""
    return certificate_photo_prepare(claim_id=claim_id)


@shared_task(
    name="lms.tasks.notify_certificate_decision", max_retries=5, **RETRY_ON_TRANSIENT_ERRORS
)
def notify_certificate_decision(log_id: int) -> bool:
    """Tell a learner of a trainer's decision by SMS and/or e-mail. The
    decision step records when it was told, so a retry never sends twice."""
    return certificate_decision_notify(log_id=log_id)
