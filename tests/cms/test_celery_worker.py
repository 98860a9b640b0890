"""A real Celery worker process takes a task from Redis and returns its result."""

import uuid

import pytest

from cms.celery import app
from tests.workers import celery_worker

pytestmark = pytest.mark.services


@pytest.fixture
def worker(redis_broker_url, settings):
    if not (settings.CELERY_RESULT_BACKEND or "").startswith("redis://"):
        pytest.fail("CELERY_RESULT_BACKEND must name Redis for the worker test")
    with celery_worker("ping", routes=("cms.tasks.*",)) as queue:
        yield queue


def test_worker_runs_a_task_through_redis(worker):
    token = uuid.uuid4().hex
    # send_task always goes through the broker, whatever the eager setting.
    result = app.send_task("cms.tasks.ping", args=[token], queue=worker)
    assert result.get(timeout=60) == f"pong:{token}"
