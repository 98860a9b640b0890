from __future__ import annotations

from lms.models import AuditEntry


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor,
    action: str,
    learner_id: int | None = None,
    detail: dict | None = None,
    request=None,
) -> AuditEntry:
    """Append one access to personal data to the audit log.

    Called by every staff view of a learner's data and every export, so that a
    breach can be traced (the law asks for a report within 72 hours)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else "",
        action=action,
        learner_id=learner_id,
        detail=detail or {},
        ip_address=_client_ip(request),
    )
