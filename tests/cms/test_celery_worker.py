"""A real Celery worker process takes a task from Redis and returns its result."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from cms.celery import app

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.services


@pytest.fixture
def worker(redis_broker_url, settings):
    if not (settings.CELERY_RESULT_BACKEND or "").startswith("redis://"):
        pytest.fail("CELERY_RESULT_BACKEND must name Redis for the worker test")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_worker_runs_a_task_through_redis(worker):
    token = uuid.uuid4().hex
    # send_task always goes through the broker, whatever the eager setting.
    result = app.send_task("cms.tasks.ping", args=[token], queue=worker)
    assert result.get(timeout=60) == f"pong:{token}"
    assert result.successful()
