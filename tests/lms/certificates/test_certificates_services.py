"""Certificates on the production stack: concurrent issuing on PostgreSQL, and
a real Celery worker issuing from the completion it receives through Redis."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from lms.certificates.services import certificate_issue
from lms.models.certificates import Certificate
from tests.lms.records_helpers import build_course, new_learner, record
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_concurrent_issuing_makes_one_certificate(postgres, tasks):
    with tasks.run():  # publishing the course queues a summary the worker rebuilds
        learner = new_learner()
        course, _lessons = build_course(lessons=1)
    when = timezone.now()
    barrier = threading.Barrier(4)
    issued, errors = [], []

    def issue():
        try:
            barrier.wait()
            issued.append(certificate_issue(learner=learner, course=course, completed_at=when).pk)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.count() == 1
    assert set(issued) == {Certificate.objects.get().pk}


@pytest.fixture
def certificate_worker(postgres, redis_broker_url):
    """A worker on a queue of its own and this run's database; certificate
    tasks go through the broker instead of running eagerly."""
    with celery_worker("certificates", routes=("lms.certificates.tasks.*",), database=True) as q:
        yield q


def test_the_worker_issues_the_certificate_after_the_completion_commits(certificate_worker):
    learner = new_learner()
    course, lessons = build_course(lessons=1)
    record(learner, lesson=lessons[0])  # commits; the task goes to Redis

    assert wait_for(lambda: Certificate.objects.filter(learner=learner, course=course).exists())
    certificate = Certificate.objects.get()
    assert certificate.title == course.title
    # A redelivered task finds the certificate issued and changes nothing.
    from lms.certificates.tasks import certificate_issue_task

    again = certificate_issue_task.apply_async(
        kwargs={
            "learner_id": learner.pk,
            "course_id": course.pk,
            "completed_at": timezone.now().isoformat(),
        }
    )
    assert again.get(timeout=60) == certificate.pk
    assert Certificate.objects.count() == 1
