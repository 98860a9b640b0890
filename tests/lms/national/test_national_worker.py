"""A real Celery worker takes the photo task from Redis and re-encodes a
learner's certificate photo in the test database, without its metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from lms.models.national import CertificateClaim, FileState
from lms.national.tasks import prepare_certificate_photo
from tests.courses.factories import NationalCourseFactory
from tests.lms.factories import place_tree
from tests.lms.national import files
from tests.lms.national.helpers import make_learner
from tests.workers import celery_worker, wait_for

ROOT = Path(__file__).resolve().parents[3]
# Where cms.settings.test keeps private files: the worker process uses it too.
WORKER_PRIVATE_ROOT = ROOT / ".test-private-media"

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def photo_worker(postgres, redis_broker_url, settings):
    """A worker on a queue of its own, on this run's database, with the photo
    task routed to it and sent through the broker (not run eagerly)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": WORKER_PRIVATE_ROOT, "base_url": None},
        },
    }
    with celery_worker("photos", routes=("lms.tasks.*",), database=True) as queue:
        yield queue


def test_the_worker_prepares_an_uploaded_photo(photo_worker):
    places = place_tree()
    learner = make_learner(places["a1"], "lan")
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
