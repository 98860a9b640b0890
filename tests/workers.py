"""A real Celery worker for the tests that need one (services suite only)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from cms.celery import app

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The URL of the database this test runs in (the per-run test database)."""
    db = connection.settings_dict
    auth = db["USER"] or "postgres"
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_environment(*, database: bool) -> dict[str, str]:
    """What a worker process needs to share this run's services: the test
    settings, this run's cache key prefix and, with ``database``, its database."""
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if prefix:
        env["CACHE_KEY_PREFIX"] = prefix
    if database:
        env["DATABASE_URL"] = database_url()
    return env


def use_routes(routes) -> None:
    """Celery caches its router (with the routes it had) on first use: set the
    routes and drop the cached router so the next task is routed by them."""
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


@contextmanager
def routed_to(queue: str, patterns: tuple[str, ...] = ("*",)):
    """Send tasks matching ``patterns`` through the broker to ``queue``
    instead of running them eagerly; restore the previous routing after."""
    saved = (app.conf.task_always_eager, app.conf.task_routes)
    app.conf.task_always_eager = False
    use_routes({pattern: {"queue": queue} for pattern in patterns})
    try:
        yield queue
    finally:
        app.conf.task_always_eager = saved[0]
        use_routes(saved[1])


@contextmanager
def celery_worker(name: str, *, routes: tuple[str, ...] = (), database: bool = False):
    """Start ``celery -A cms worker`` on a queue of its own and yield the queue.

    Tasks matching ``routes`` (name patterns) then go to that queue through the
    broker instead of running eagerly; with ``database`` the worker uses this
    run's test database.
    """
    queue = f"test-{name}-{uuid.uuid4().hex[:12]}"
    env = {**os.environ, **worker_environment(database=database)}
    command = [sys.executable, "-m", "celery", "-A", "cms", "worker", "--pool=solo"]
    command += ["--concurrency=1", "--loglevel=WARNING", "--without-gossip"]
    command += ["--without-mingle", "--without-heartbeat", "-Q", queue, "-n", f"{queue}@%h"]
    # A file, not a pipe: nobody reads the worker's output while it runs, and a
    # full pipe would stop it mid-task.
    log = tempfile.NamedTemporaryFile(prefix=f"{queue}-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        if routes:
            with routed_to(queue, routes):
                yield queue
        else:
            yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        Path(log.name).unlink(missing_ok=True)


def wait_for(predicate, timeout: float = 60.0) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return bool(predicate())
