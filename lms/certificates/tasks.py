"""Background work for certificates: thin tasks that re-fetch and call the
service, so a retried or duplicated task issues nothing twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from lms.certificates.services import certificate_issue
from lms.models import Learner


@shared_task(
    name="lms.certificates.tasks.certificate_issue_task",
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
    acks_late=True,
)
def certificate_issue_task(
    self,
    *,
    learner_id: int,
    completed_at: str,
    course_id: int | None = None,
    program_id: int | None = None,
) -> int | None:
    """Issue the certificate for a completion that has committed. Gone rows
    (an account deleted meanwhile, a page removed) are not an error."""
    from django.utils.dateparse import parse_datetime

    from courses.models import CoursePage, FourTProgramPage

    learner = Learner.objects.filter(pk=learner_id).first()
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    program = FourTProgramPage.objects.filter(pk=program_id).first() if program_id else None
    if learner is None or (course is None and program is None):
        return None
    certificate = certificate_issue(
        learner=learner,
        course=course,
        program=program,
        completed_at=parse_datetime(completed_at),
    )
    return certificate.pk
