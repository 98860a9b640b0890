from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lms.access.audit import audit_record
from lms.access.policy import Action, allows
from lms.conf import lms_settings
from lms.models import AuditAction, Learner, SignInToken


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def sign_in_card_create(*, learner: Learner, created_by, request=None) -> tuple[SignInToken, str]:
    """A new one-time sign-in token for a printed card. Earlier unused cards of
    the learner are revoked, so only the latest printed card works. Returns the
    row and the token itself, which is shown once and never stored."""
    if not allows(created_by, Action.CHANGE, learner):
        raise PermissionDenied("learner outside the staff member's scope")
    now = timezone.now()
    SignInToken.objects.filter(learner=learner).usable().update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    card = SignInToken.objects.create(
        learner=learner,
        token_hash=hash_token(token),
        created_by=created_by,
        expires_at=now + datetime.timedelta(days=lms_settings.SIGN_IN_CARD_DAYS),
    )
    audit_record(
        actor=created_by, action=AuditAction.PRINT_CARD, learner_id=learner.pk, request=request
    )
    return card, token


@transaction.atomic
def sign_in_card_revoke_all(*, learner: Learner, revoked_by, request=None) -> int:
    """Revoke every card of the learner that could still sign them in (a lost card)."""
    if not allows(revoked_by, Action.CHANGE, learner):
        raise PermissionDenied("learner outside the staff member's scope")
    count = SignInToken.objects.filter(learner=learner).usable().update(revoked_at=timezone.now())
    audit_record(
        actor=revoked_by,
        action=AuditAction.REVOKE_CARD,
        learner_id=learner.pk,
        detail={"revoked": count},
        request=request,
    )
    return count


def sign_in_card_lookup(token: str) -> SignInToken | None:
    if not token or len(token) > 100:
        return None
    return (
        SignInToken.objects.usable()
        .select_related("learner__user")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def sign_in_card_use(*, token: str):
    """Spend a card's token and return the learner's account, or ``None`` when
    the token is unknown, used, revoked or expired. The conditional update makes
    a second use fail even when two requests race."""
    card = sign_in_card_lookup(token)
    if card is None:
        return None
    spent = SignInToken.objects.filter(pk=card.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if spent != 1:
        return None
    user = card.learner.user
    if not user.is_active:
        return None
    return user
