"""Background work of the learning summaries. Tasks are thin: they take ids, call a service (which
re-reads the rows) and retry on transient failures. Their names are pinned to
the ones queued messages and the beat schedule already use."""

from celery import shared_task

from lms.learning.services.digital_families import skills_rebuild_if_stale


@shared_task(
    name="lms.tasks.rebuild_digital_skills",
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
    return skills_rebuild_if_stale()
