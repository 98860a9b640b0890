"""Completion signals -> certificate task, enqueued once the transaction
that recorded the completion has committed."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from ..signals import course_completed, program_completed
from .tasks import certificate_issue_task


def _enqueue(**kwargs) -> None:
    # The signal is sent after commit already; on_commit also covers a sender
    # still inside an atomic block (it then runs when that one commits).
    transaction.on_commit(partial(certificate_issue_task.delay, **kwargs))


@receiver(course_completed, dispatch_uid="lms.certificates.course_completed")
def issue_course_certificate(sender, *, learner, course, completed_at, **kwargs) -> None:
    _enqueue(learner_id=learner.pk, course_id=course.pk, completed_at=completed_at.isoformat())


@receiver(program_completed, dispatch_uid="lms.certificates.program_completed")
def issue_program_certificate(sender, *, learner, program, completed_at, **kwargs) -> None:
    _enqueue(learner_id=learner.pk, program_id=program.pk, completed_at=completed_at.isoformat())
