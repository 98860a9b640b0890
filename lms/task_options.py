"""Options shared by the rooms' background tasks."""

# Storage and network errors pass: retry with a growing pause (at most ten
# minutes), and acknowledge only when done, so a worker that dies mid-task
# leaves the message for another.
RETRY_ON_TRANSIENT_ERRORS = {
    "autoretry_for": (OSError, ConnectionError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "acks_late": True,
}
