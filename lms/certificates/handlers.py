"""Completion signals -> certificate task, enqueued once the transaction
that recorded the completion has committed; and pages with certificates
kept from deletion."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from ..models.certificates import Certificate
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


@hooks.register("before_delete_page")
def keep_pages_with_certificates(request, page):
    """A course or 4T program that issued certificates cannot be deleted (with
    itself or an ancestor): each certificate must stay verifiable. Editors
    unpublish it instead; the admin says so rather than failing."""
    pages = Page.objects.descendant_of(page, inclusive=True).values("pk")
    issued = Certificate.objects.filter(Q(course__in=pages) | Q(program__in=pages))
    if not issued.exists():
        return None
    messages.error(
        request,
        _(
            "“%(title)s” cannot be deleted: certificates were issued for it or a page below it. "
            "Unpublish it instead."
        )
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
