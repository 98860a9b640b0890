"""A real Celery worker takes the photo task from Redis and re-encodes a
learner's certificate photo in the test database, without its metadata."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from PIL import Image

from cms.celery import app
from lms.models.national import CertificateClaim, FileState
from lms.tasks import prepare_certificate_photo
from tests.courses.factories import NationalCourseFactory

from . import national_files as files
from . import national_fixtures
from .factories import place_tree

ROOT = Path(__file__).resolve().parents[2]
# Where cms.settings.test keeps private files: the worker process uses it too.
WORKER_PRIVATE_ROOT = ROOT / ".test-private-media"

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    """The URL of the database this test runs in (the per-run test database)."""
    db = connection.settings_dict
    auth = db["USER"] or "postgres"
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def use_routes(routes) -> None:
    """Celery caches its router (with the routes it had) on first use: set the
    routes and drop the cached router so the next task is routed by them."""
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


@pytest.fixture
def photo_worker(postgres, redis_broker_url, settings):
    """A worker on a queue of its own, on this run's database, with the photo
    task routed to it and sent through the broker (not run eagerly)."""
    queue = f"test-photos-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": WORKER_PRIVATE_ROOT, "base_url": None},
        },
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
    }
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
    saved = (app.conf.task_always_eager, app.conf.task_routes)
    app.conf.task_always_eager = False
    use_routes({"lms.tasks.*": {"queue": queue}})
    yield process
    app.conf.task_always_eager = saved[0]
    use_routes(saved[1])
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_the_worker_prepares_an_uploaded_photo(photo_worker):
    places = place_tree()
    learner = national_fixtures.make_learner(places["a1"], "lan")
    client = Client()
    client.force_login(learner.user)
    response = client.post(
        reverse("lms:claim_create"),
        {
            "course": NationalCourseFactory().pk,
            "certificate_number": "W-1",
            "issued_on": "01/03/2026",
            "file": files.upload(files.photo(size=(3200, 2400), gps=True)),
        },
    )
    assert response.status_code == 302
    claim = CertificateClaim.objects.get()
    names = [claim.file_name]
    try:
        # The request only stored the checked original; the worker does the rest.
        assert wait_for(
            lambda: CertificateClaim.objects.get().file_state != FileState.PENDING, timeout=180
        )
        claim.refresh_from_db()
        names += [claim.file_name, claim.thumbnail_name]
        assert claim.file_state == FileState.READY
        image_path = WORKER_PRIVATE_ROOT / claim.file_name
        with Image.open(image_path) as image:
            assert max(image.size) == 2000
            assert not image.getexif()
        assert b"PhoneMaker" not in image_path.read_bytes()
        assert (WORKER_PRIVATE_ROOT / claim.thumbnail_name).exists()
        assert wait_for(lambda: not (WORKER_PRIVATE_ROOT / names[0]).exists(), timeout=10)
        # A redelivered task finds the photo prepared and changes nothing.
        again = prepare_certificate_photo.apply_async(args=[claim.pk])
        assert again.get(timeout=60) is False
        assert CertificateClaim.objects.get().file_name == claim.file_name
        response = client.get(reverse("lms:claim_file", args=[claim.pk]))
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as served:
            assert served.format == "JPEG"
    finally:
        for name in names:
            if name:
                (WORKER_PRIVATE_ROOT / name).unlink(missing_ok=True)
