"""Background work of the learning summaries (names pinned: see lms.tasks),
and queueing it."""

from celery import shared_task
from django.core.cache import cache
from django.db import transaction

from lms.learning.services.digital_families import (
    QUEUED_KEY,
    QUEUED_TIMEOUT,
    skills_rebuild_if_stale,
)
from lms.task_options import RETRY_ON_TRANSIENT_ERRORS


@shared_task(name="lms.tasks.rebuild_digital_skills", max_retries=3, **RETRY_ON_TRANSIENT_ERRORS)
def rebuild_digital_skills() -> bool:
    """Recompute every learner's digital-family summary when the definition
    changed (a skill area, a course's skill areas or the setting). Safe to
    run twice: it does nothing while the summary is current."""
    return skills_rebuild_if_stale()


def skills_rebuild_soon() -> None:
    """Queue a rebuild once the current transaction commits (a definition
    changed, or a report found the summary out of date); at most one is
    queued at a time."""

    def queue():
        if cache.add(QUEUED_KEY, 1, QUEUED_TIMEOUT):
            rebuild_digital_skills.delay()

    transaction.on_commit(queue)
