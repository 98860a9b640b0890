"""Every room's background tasks, where Celery's autodiscovery (which looks
for ``lms.tasks``) finds them. Each task keeps the name ``lms.tasks.<name>``
it had before the rooms, so queued messages and the beat schedule still
find it. Tasks are thin: they take ids, call a service (which re-reads the
rows) and retry on transient failures."""

from lms.certificates import tasks as certificates_tasks
from lms.help import tasks as help_tasks
from lms.learning import tasks as learning_tasks
from lms.national import tasks as national_tasks
from lms.reports import tasks as reports_tasks

__all__ = ["certificates_tasks", "help_tasks", "learning_tasks", "national_tasks", "reports_tasks"]
