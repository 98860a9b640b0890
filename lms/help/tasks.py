"""Background work of the help room (names pinned: see lms.tasks)."""

from celery import shared_task

from lms.help.notifications import help_request_notify
from lms.task_options import RETRY_ON_TRANSIENT_ERRORS


@shared_task(name="lms.tasks.notify_help_request", max_retries=5, **RETRY_ON_TRANSIENT_ERRORS)
def notify_help_request(help_request_id: int) -> int:
    """Tell a village's helpers of a new request for help by text message.
    The request records when they were told, so a retry never sends twice."""
    return help_request_notify(help_request_id=help_request_id)
