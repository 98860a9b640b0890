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

from lms.certificates.tasks import certificate_issue_task
from lms.models.certificates import Certificate
from lms.signals import course_completed, program_completed


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


def _pages_with_certificates(pages) -> list[Page]:
    """Those of ``pages`` that issued certificates, themselves or below them."""
    blocked = []
    for page in pages:
        below = Page.objects.descendant_of(page, inclusive=True).values("pk")
        if Certificate.objects.filter(Q(course__in=below) | Q(program__in=below)).exists():
            blocked.append(page)
    return blocked


def _refuse(request, pages, parent_pk):
    for page in pages:
        messages.error(
            request,
            _(
                "“%(title)s” cannot be deleted: certificates were issued for it or a page "
                "below it. Unpublish it instead."
            )
            % {"title": page.get_admin_display_title()},
        )
    return redirect("wagtailadmin_explore", parent_pk)


@hooks.register("before_delete_page")
def keep_pages_with_certificates(request, page):
    """A course or 4T program that issued certificates cannot be deleted (with
    itself or an ancestor): each certificate must stay verifiable. Editors
    unpublish it instead; the admin says so rather than failing."""
    if not _pages_with_certificates([page]):
        return None
    return _refuse(request, [page], page.get_parent().pk)


@hooks.register("before_bulk_action")
def keep_pages_with_certificates_in_bulk(request, action_type, objects, action_class_instance):
    """The same rule for the page listing's bulk delete: if any selected page
    issued certificates, nothing is deleted and the admin names those pages."""
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    blocked = _pages_with_certificates(objects)
    if not blocked:
        return None
    return _refuse(request, blocked, objects[0].get_parent().pk)
