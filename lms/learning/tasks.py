"""Background work of the learning summaries (names pinned: see lms.tasks)."""

from celery import shared_task

from lms.learning.services.digital_families import skills_rebuild_if_stale
from lms.task_options import RETRY_ON_TRANSIENT_ERRORS


@shared_task(name="lms.tasks.rebuild_digital_skills", max_retries=3, **RETRY_ON_TRANSIENT_ERRORS)
def rebuild_digital_skills() -> bool:
    """Recompute every learner's digital-family summary when the definition
    changed (a skill area, a course's skill areas or the setting). Safe to
    run twice: it does nothing while the summary is current."""
    return skills_rebuild_if_stale()
