from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from lms import privacy
from lms.access.audit import audit_record
from lms.models import AuditAction, AuditEntry, Household, Learner, PhoneNumber


def _iso(value):
    return value.isoformat() if value else None


@privacy.register_exporter("account")
def export_account(user) -> dict:
    phone = PhoneNumber.objects.filter(user=user).first()
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "emails": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "phone": {"number": phone.number, "verified": phone.verified} if phone else None,
    }


@privacy.register_exporter("profile")
def export_profile(user) -> dict | None:
    learner = (
        Learner.objects.filter(user=user)
        .select_related("village", "household", "registered_by", "digital_id_confirmed_by")
        .prefetch_related("target_groups", "consents", "sign_in_tokens", "digital_id_history")
        .first()
    )
    if learner is None:
        return None
    return {
        "full_name": learner.full_name,
        "year_of_birth": learner.year_of_birth,
        "gender": learner.gender,
        "village": {"name": learner.village.name, "code": learner.village.code},
        "household": (
            {"name": learner.household.name, "code": learner.household.code}
            if learner.household
            else None
        ),
        "target_groups": [group.name for group in learner.target_groups.all()],
        "digital_identity": {
            "status": learner.digital_id_status,
            "confirmed_at": _iso(learner.digital_id_confirmed_at),
            "history": [
                {
                    "status": change.status,
                    "confirmed_by_staff": change.confirmed,
                    "from": _iso(change.valid_from),
                    "until": _iso(change.valid_to),
                }
                for change in learner.digital_id_history.all()
            ],
        },
        "help_received": [
            {
                "date": help.date.isoformat(),
                "service": help.service,
                "outcome": help.outcome,
                "vneid_level": help.vneid_level,
            }
            for help in learner.help_received.order_by("date", "pk")
        ],
        "registered_by_staff": learner.registered_by_id is not None,
        "created_at": _iso(learner.created_at),
        "consents": [
            {
                "policy_version": c.policy_version,
                "method": c.method,
                "witness": c.witness_name,
                "guardian": c.guardian_name,
                "guardian_relationship": c.guardian_relationship,
                "given_at": _iso(c.given_at),
            }
            for c in learner.consents.all()
        ],
        "sign_in_cards": [
            {
                "created_at": _iso(t.created_at),
                "expires_at": _iso(t.expires_at),
                "used_at": _iso(t.used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in learner.sign_in_tokens.all()
        ],
    }


@privacy.register_exporter("access_log")
def export_access_log(user) -> list:
    """Who looked at this learner's data: the learner has a right to know."""
    learner_id = Learner.objects.filter(user=user).values_list("pk", flat=True).first()
    if learner_id is None:
        return []
    return [
        {"when": _iso(e.created_at), "action": e.action, "by": e.actor_label}
        for e in AuditEntry.objects.filter(learner_id=learner_id)
    ]


@privacy.register_eraser("profile")
def erase_profile(user) -> None:
    learner = Learner.objects.filter(user=user).first()
    # The access log keeps the fact of each access but not the learner's name.
    AuditEntry.objects.filter(actor=user).update(actor=None, actor_label="")
    if learner is not None:
        household_id = learner.household_id
        learner.delete()
        if household_id and not Learner.objects.filter(household_id=household_id).exists():
            Household.objects.filter(pk=household_id).delete()
    PhoneNumber.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()


@transaction.atomic
def account_export(*, user, request=None) -> dict:
    """Everything the site holds about ``user``, as JSON-able data."""
    data = {"exported_at": timezone.now().isoformat()}
    for name, exporter in privacy.exporters().items():
        data[name] = exporter(user)
    learner_id = Learner.objects.filter(user=user).values_list("pk", flat=True).first()
    audit_record(
        actor=user, action=AuditAction.DATA_DOWNLOAD, learner_id=learner_id, request=request
    )
    return data


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase the account and its personal data. Every registered eraser runs
    first (later parts keep only anonymous counts), then the account row goes."""
    learner_id = Learner.objects.filter(user=user).values_list("pk", flat=True).first()
    for eraser in privacy.erasers().values():
        eraser(user)
    user.delete()
    audit_record(actor=None, action=AuditAction.ACCOUNT_DELETED, learner_id=learner_id)
