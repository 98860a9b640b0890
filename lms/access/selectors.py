"""Scoped reads. Each staff role reads through one queryset that starts from the
user's grants, so a trainer of village A never sees village B."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from lms.models import Grant, Household, Learner, Place, Role
from lms.text import fold


def granted_paths(user, roles=None) -> list[str]:
    """Materialised paths of the places ``user`` holds an active grant over."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_lms_grant_paths", None)
    if cached is None:
        cached = list(
            Grant.objects.active()
            .filter(user=user, place__isnull=False)
            .values_list("role", "place__path")
        )
        user._lms_grant_paths = cached
    return sorted({path for role, path in cached if roles is None or role in roles})


def granted_places_q(user, path_lookup: str, roles=None) -> Q:
    """A Q matching rows whose place path lies at or below one of the grants."""
    query = Q(pk__in=[])
    for path in granted_paths(user, roles):
        query |= Q(**{f"{path_lookup}__startswith": path})
    return query


def places_visible_to(user) -> QuerySet[Place]:
    if getattr(user, "is_superuser", False):
        return Place.objects.all()
    return Place.objects.filter(granted_places_q(user, "path"))


def villages_visible_to(user) -> QuerySet[Place]:
    return places_visible_to(user).villages()


def learners_for_trainer(user) -> QuerySet[Learner]:
    """Learners a trainer or digital ambassador works with."""
    if getattr(user, "is_superuser", False):
        return Learner.objects.all()
    return Learner.objects.filter(
        granted_places_q(user, "village__path", roles={Role.TRAINER, Role.AMBASSADOR})
    )


def learners_for_manager(user) -> QuerySet[Learner]:
    """Learners a manager sees figures and lists for."""
    if getattr(user, "is_superuser", False):
        return Learner.objects.all()
    return Learner.objects.filter(granted_places_q(user, "village__path", roles={Role.MANAGER}))


def households_visible_to(user) -> QuerySet[Household]:
    if getattr(user, "is_superuser", False):
        return Household.objects.all()
    return Household.objects.filter(granted_places_q(user, "village__path"))


def household_member_candidates(*, user, household: Household, query: str = "") -> QuerySet:
    """Learners ``user`` may add to ``household``: in the user's area and in
    the household's village, not yet members, matched by name without
    diacritics. Those in another household are included (they would move)."""
    learners = (
        Learner.objects.visible_to(user)
        .filter(village_id=household.village_id)
        .exclude(household=household)
        .select_related("household")
    )
    for term in fold(query).split()[:5]:
        learners = learners.filter(sort_name__contains=term)
    return learners.sorted_by_given_name()


def staff_roles(user) -> set[str]:
    """The staff roles a user holds (empty for a plain learner)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    roles = {role for role, _path in _grant_rows(user)}
    if Role.TRAINER not in roles and user.training_classes.exists():
        roles.add(Role.TRAINER)  # a trainer of a class: a staff role over that class
    if user.is_superuser:
        roles.add(Role.ADMIN)
    if user.groups.filter(name__in=["Editors", "Moderators"]).exists():
        roles.add(Role.EDITOR)
    return roles


def _grant_rows(user):
    granted_paths(user)
    return user._lms_grant_paths


def is_staff_member(user) -> bool:
    """Staff must use two-factor authentication; learners need not."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or staff_roles(user))
