"""The one way a learner's digital identity changes: its history
(``DigitalIdChange``) and the learner's copy of the current status together."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access.audit import audit_record
from lms.access.policy import Action, allows
from lms.models import AuditAction, DigitalIdChange, DigitalIdStatus, Learner


@transaction.atomic
def digital_id_set(
    *,
    learner: Learner,
    status: str,
    by,
    confirmed: bool,
    at: datetime.datetime | None = None,
    detail: dict | None = None,
    request=None,
) -> DigitalIdChange | None:
    """Record that ``learner``'s digital identity is ``status`` from ``at``
    (now by default): declared by the learner (``confirmed`` False) or
    confirmed by staff member ``by``, who must have the learner in their
    places. The current history row is closed at ``at`` and a new one opened;
    the learner's fields copy it. Returns the new row, or None when nothing
    changes: the same status declared again, or declared over a staff
    confirmation of that status (a declaration never undoes a confirmation;
    declaring another status does replace it), or confirmed again.

    A staff confirmation is recorded in the audit log, like every staff
    action on a learner's data (``detail`` is added to the entry)."""
    if status not in DigitalIdStatus.values:
        raise ValidationError(_("Choose a digital identity status."), code="status")
    if confirmed:
        if status == DigitalIdStatus.NONE:
            raise ValidationError(_("There is no digital identity to confirm."), code="none")
        if not allows(by, Action.CHANGE, learner):
            raise PermissionDenied("learner outside the staff member's scope")
    at = at or timezone.now()
    locked = Learner.objects.select_for_update().get(pk=learner.pk)
    current = DigitalIdChange.objects.filter(learner=locked, valid_to__isnull=True).first()
    was_confirmed = current.confirmed if current else locked.digital_id_confirmed_at is not None
    if status == locked.digital_id_status and (was_confirmed or not confirmed):
        _copy_to(learner, locked)
        return None
    changed_by = by if getattr(by, "is_authenticated", False) else None
    if current is not None and at < current.valid_from:
        raise ValidationError(
            _("A change of digital identity cannot be dated before the last one."),
            code="before_last",
        )
    if current is not None and at == current.valid_from:
        # Two changes at the same instant: the later one is what held.
        change = current
        change.status, change.confirmed, change.changed_by = status, confirmed, changed_by
        change.save(update_fields=["status", "confirmed", "changed_by"])
    else:
        if current is not None:
            current.valid_to = at
            current.save(update_fields=["valid_to"])
        change = DigitalIdChange.objects.create(
            learner=locked,
            status=status,
            confirmed=confirmed,
            changed_by=changed_by,
            valid_from=at,
            village_id=locked.village_id,
            year_of_birth=locked.year_of_birth,
            target_group_mask=locked.target_group_mask,
        )
    locked.digital_id_status = status
    locked.digital_id_confirmed_by = change.changed_by if confirmed else None
    locked.digital_id_confirmed_at = at if confirmed else None
    locked.save(
        update_fields=[
            "digital_id_status",
            "digital_id_confirmed_by",
            "digital_id_confirmed_at",
            "updated_at",
        ]
    )
    _copy_to(learner, locked)
    if confirmed:
        audit_record(
            actor=by,
            action=AuditAction.CONFIRM_DIGITAL_ID,
            learner_id=learner.pk,
            detail={"status": status, **(detail or {})},
            request=request,
        )
    return change


def _copy_to(learner: Learner, locked: Learner) -> None:
    """The caller's instance shows what is now stored."""
    learner.digital_id_status = locked.digital_id_status
    learner.digital_id_confirmed_by_id = locked.digital_id_confirmed_by_id
    learner.digital_id_confirmed_at = locked.digital_id_confirmed_at


def digital_id_copies_follow(*, learner: Learner) -> None:
    """The learner moved or corrected their year of birth: every row of
    their history counts where and as whom they are now, like the other
    person figures."""
    DigitalIdChange.objects.filter(learner_id=learner.pk).update(
        village_id=learner.village_id, year_of_birth=learner.year_of_birth
    )


def digital_id_history(learner: Learner):
    """The learner's digital identity over time, oldest first, with who
    recorded each change."""
    return DigitalIdChange.objects.filter(learner=learner).select_related("changed_by")


__all__ = ["digital_id_copies_follow", "digital_id_history", "digital_id_set"]
