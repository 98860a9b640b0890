"""Reads about staff that rest on the access policy (``lms.access.policy``)."""

from __future__ import annotations

from django.db.models import QuerySet

from lms.access.policy import Action, grant_roles, is_village_helper, learners_for
from lms.models import Household, Role


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
