"""The Celery application. Settings come from Django settings under the
CELERY_ namespace; with no broker configured, tasks run eagerly."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("hocvuso")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
