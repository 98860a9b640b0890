from celery import shared_task


@shared_task
def ping(value: str) -> str:
    """Echo a value: proves a worker takes tasks from the broker and
    returns results (health checks and the worker test use it)."""
    return f"pong:{value}"
