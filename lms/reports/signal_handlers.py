"""Drop the public counters (``lms.reports.counters``) once a change to what
they count has committed. A learning event that completes nothing changes
none of them and drops nothing."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from lms.models import Certificate, CertificateClaim, Household, Learner
from lms.reports.counters import public_counters_invalidate
from lms.signals import course_completed, program_completed

# Saving or deleting one of these can change a counter: a learner registered or
# moved to a household, a household removed, a claim approved (a verified
# national course, recorded in the same transaction), a certificate issued or
# revoked.
COUNTED = (Learner, Household, CertificateClaim, Certificate)


def counters_changed(**kwargs) -> None:
    # Outside a transaction this runs at once.
    transaction.on_commit(public_counters_invalidate)


for _model in COUNTED:
    post_save.connect(
        counters_changed, sender=_model, dispatch_uid=f"counters_{_model._meta.label_lower}_saved"
    )
    post_delete.connect(
        counters_changed,
        sender=_model,
        dispatch_uid=f"counters_{_model._meta.label_lower}_deleted",
    )


@receiver(course_completed, dispatch_uid="lms.reports.counters.course_completed")
@receiver(program_completed, dispatch_uid="lms.reports.counters.program_completed")
@receiver(page_published, dispatch_uid="lms.reports.counters.page_published")
@receiver(page_unpublished, dispatch_uid="lms.reports.counters.page_unpublished")
def completed_or_published(**kwargs) -> None:
    counters_changed()
