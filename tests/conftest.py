import io
import os
import shutil
import socket
from contextlib import contextmanager, nullcontext
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache

pytest_plugins = ("tests.clock",)

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str):
    """A test that needs a missing service fails in CI and skips elsewhere."""
    if IN_CI:
        pytest.fail(f"required service unavailable in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_broker_url():
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis://"):
        unavailable("CELERY_BROKER_URL does not name a Redis broker")
    if not reachable(url):
        unavailable(f"Redis broker at {url} is not reachable")
    return url


@pytest.fixture
def postgres():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        unavailable("DATABASE_URL does not name a PostgreSQL database")


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """One PostgreSQL test database per run, so runs on one server never collide."""
    for alias in settings.DATABASES.values():
        if alias["ENGINE"] == "django.db.backends.postgresql":
            alias.setdefault("TEST", {})["NAME"] = f"test_{alias['NAME']}_{os.getpid()}"


def clear_cache():
    """Empty this run's cache. On Redis only this run's keys go (``clear()``
    would flush the whole database under other runs sharing it)."""
    if cache.__class__.__name__ == "RedisCache":
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached pages must not leak from one test to the next."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)


def transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    return bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in names or "live_server" in names
    )


@pytest.fixture
def demo_site(request, db, settings):
    """The seeded demo: home page, site settings and demo accounts.

    Seeding completes a course, which issues a certificate on commit: in a
    transactional test of the services run the worker issues it, and the
    fixture waits for it (browser tests keep it in their own process)."""
    from django.core.management import call_command

    if worker_runs_tasks(request.node) and transactional(request):
        with live_tasks(request, settings).run():
            call_command("seed_demo", stdout=io.StringIO())
    else:
        call_command("seed_demo", stdout=io.StringIO())
    from cms.models import HomePage

    return HomePage.objects.get()


class EagerTasks:
    """Background tasks as the embedded default runs them: eagerly, when the
    transaction that enqueued them commits."""

    live = False

    def __init__(self, capture):
        self._capture = capture

    @contextmanager
    def run(self):
        """Run every task the block enqueues on commit, and wait for it."""
        with self._capture(execute=True):
            yield


class LiveTasks:
    """Background tasks as production runs them: through the broker to a real
    worker (``live_worker``), on this run's database and cache."""

    live = True

    def __init__(self, queue: str):
        self.queue = queue

    @contextmanager
    def run(self, timeout: float = 180.0):
        """Send every task the block enqueues to the worker; when the block
        ends, wait until each has finished (and raise what a task raised)."""
        from celery.result import AsyncResult
        from celery.signals import after_task_publish

        from cms.celery import app
        from tests.workers import routed_to

        sent: list[str] = []

        def collect(sender=None, headers=None, body=None, **kwargs):
            sent.append((headers or {}).get("id") or body["id"])

        after_task_publish.connect(collect, weak=False)
        try:
            with routed_to(self.queue):
                yield
                for task_id in sent:
                    AsyncResult(task_id, app=app).get(timeout=timeout, propagate=True)
        finally:
            after_task_publish.disconnect(collect)


def live_tasks_enabled() -> bool:
    """The services run (a broker configured) sends tasks to a real worker."""
    return bool(settings.CELERY_BROKER_URL)


def worker_runs_tasks(node) -> bool:
    """Whether this test's tasks go to the worker: in the services run, except
    for a test marked ``eager_tasks`` and browser tests (their live server runs
    in this process, as runserver does)."""
    return (
        live_tasks_enabled()
        and not node.get_closest_marker("eager_tasks")
        and not node.get_closest_marker("e2e")
    )


def pytest_itemcollected(item):
    """A test that runs tasks through a worker must commit what the worker
    reads, so in the services run it is transactional."""
    if "tasks" in getattr(item, "fixturenames", ()) and worker_runs_tasks(item):
        item.add_marker(pytest.mark.django_db(transaction=True), append=False)


@pytest.fixture(autouse=True)
def _no_eager_tasks_where_a_worker_runs(request):
    """In the services run a task that runs inside the test process (eagerly)
    fails the test, unless the test says why with ``eager_tasks``: tasks go
    through the ``tasks`` fixture to the worker, as in production."""
    if not worker_runs_tasks(request.node):
        yield
        return
    from celery.signals import task_prerun

    from tests.workers import routed_to

    # What the test's own fixtures enqueue (a published course queues a
    # summary rebuild) goes to the worker too; ``tasks.run()`` waits only for
    # what its block enqueues.
    routing = (
        routed_to(request.getfixturevalue("live_worker"))
        if "tasks" in request.fixturenames
        else nullcontext()
    )
    ran: list[str] = []

    def record(sender=None, **kwargs):
        ran.append(sender.name)

    task_prerun.connect(record, weak=False)
    try:
        with routing:
            yield
    finally:
        task_prerun.disconnect(record)
    if ran:
        pytest.fail(
            f"tasks ran eagerly in the test process: {sorted(set(ran))}; run them with "
            "the tasks fixture, or mark the test eager_tasks with the reason",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def live_worker(django_db_setup, django_db_blocker):
    """One Celery worker for the whole services run, on this run's test
    database and cache prefix, consuming a queue of its own."""
    from tests.workers import celery_worker

    url = settings.CELERY_BROKER_URL
    if not reachable(url):
        unavailable(f"broker at {url} is not reachable")
    if not settings.CELERY_RESULT_BACKEND:
        unavailable("CELERY_RESULT_BACKEND is not set: waiting for tasks needs results")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        unavailable("a worker process needs a shared database (PostgreSQL)")
    with celery_worker("suite", database=True) as queue:
        yield queue


@pytest.fixture
def tasks(request, settings):
    """Run the tasks a block enqueues: ``with tasks.run(): ...``.

    Assert what the tasks did after the block. On the embedded defaults they
    run eagerly when the block's transaction commits; in the services run
    they go through the broker to a real worker, the block waits for them and
    the test is transactional. A test marked ``eager_tasks`` (with its
    reason) runs them eagerly in both."""
    if not worker_runs_tasks(request.node):
        return EagerTasks(request.getfixturevalue("django_capture_on_commit_callbacks"))
    return live_tasks(request, settings)


def live_tasks(request, settings) -> LiveTasks:
    queue = request.getfixturevalue("live_worker")
    # The worker keeps files where cms.settings.test puts them.
    settings.MEDIA_ROOT = settings.BASE_DIR / ".test-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.BASE_DIR / ".test-private-media", "base_url": None},
        },
    }
    return LiveTasks(queue)
