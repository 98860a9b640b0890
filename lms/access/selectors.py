"""Reads about staff that rest on the access policy (``lms.access.policy``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from lms.access.policy import (
    STAFF,
    Action,
    grant_roles,
    granted_paths,
    is_village_helper,
    learners_for,
    paths_q,
)
from lms.models import Grant, Household, Role


def staff_accounts_for(user) -> QuerySet:
    """Active accounts with a staff grant inside ``user``'s places, and
    ``user``: whom a manager may name a class's trainer or link to a
    village helper."""
    User = get_user_model()
    paths = None if user.is_superuser else granted_paths(user)
    grants = Grant.objects.active().filter(user_id=OuterRef("pk"), role__in=STAFF)
    if paths is not None:
        grants = grants.filter(paths_q("place__path", paths))
    return User.objects.filter(Q(Exists(grants)) | Q(pk=user.pk), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def household_member_candidates(*, user, household: Household, query: str = "") -> QuerySet:
    """Learners ``user`` may add to ``household``: in the user's area and in
    the household's village, not yet members, matched by name without
    diacritics. Those in another household are included (they would move)."""
    learners = (
        learners_for(user, Action.CHANGE)
        .filter(village_id=household.village_id)
        .exclude(household=household)
        .select_related("household")
    )
    return learners.matching_name(query).sorted_by_given_name()


def staff_roles(user) -> set[str]:
    """The staff roles a user holds (empty for a plain learner)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    roles = grant_roles(user)
    if Role.TRAINER not in roles and user.training_classes.exists():
        roles.add(Role.TRAINER)  # a trainer of a class: a staff role over that class
    if user.is_superuser:
        roles.add(Role.ADMIN)
    if user.groups.filter(name__in=["Editors", "Moderators"]).exists():
        roles.add(Role.EDITOR)
    return roles


def is_staff_member(user) -> bool:
    """Staff must use two-factor authentication; learners need not."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or staff_roles(user) or is_village_helper(user))
