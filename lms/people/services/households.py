"""Households kept by staff: created in a village of the staff member's area,
and learners of that village added to or taken out of them; and a learner
starting a household of their own, or leaving theirs."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access.policy import Action, allows, learners_for, villages_for
from lms.access.selectors import (
    household_member_candidates,
)
from lms.chosen import chosen_from
from lms.models import Household, Learner, Place
from lms.people.services.people import household_create
from lms.text import clean_text, fold


def household_with_same_name(*, village: Place, name: str) -> Household | None:
    """A household of ``village`` whose name reads the same, ignoring case,
    diacritics and spacing ("Hộ ông Ba" and "ho ong  ba")."""
    wanted = fold(clean_text(name))
    for household in Household.objects.filter(village=village).only("pk", "name", "code"):
        if fold(household.name) == wanted:
            return household
    return None


@transaction.atomic
def household_create_by_staff(*, village: Place, name: str, created_by) -> Household:
    """A household in a village of ``created_by``'s area. A village outside it
    and a name already used in the village are refused; nothing is saved."""
    if not villages_for(created_by).filter(pk=village.pk).exists():
        raise ValidationError(
            _("This village is outside your area. Choose one from the list."),
            code="village_out_of_scope",
        )
    name = clean_text(name)
    if not name:
        raise ValidationError(_("Write the household's name."), code="name_required")
    same = household_with_same_name(village=village, name=name)
    if same is not None:
        raise ValidationError(
            _(
                "%(village)s already has a household called “%(name)s” (code %(code)s). "
                "Open it to add members, or tell the two apart, e.g. with the head's "
                "year of birth."
            )
            % {"village": village.name, "name": same.name, "code": same.code},
            code="duplicate_name",
        )
    return household_create(village=village, name=name, created_by=created_by)


def _check_household(household: Household, user) -> None:
    if not allows(user, Action.CHANGE, household):
        raise ValidationError(_("This household is outside your area."), code="out_of_scope")


@transaction.atomic
def household_members_add(*, household: Household, learner_ids: Iterable[int], added_by) -> int:
    """Add learners of the household's village by id. Every id must be a
    learner ``added_by`` may add (in scope, same village, not yet a member);
    a forged or out-of-scope id refuses the whole request and nothing changes.
    A learner who was in another household leaves it."""
    _check_household(household, added_by)
    wanted = {int(pk) for pk in learner_ids}
    if not wanted:
        return 0
    candidates = household_member_candidates(user=added_by, household=household)
    if chosen_from(candidates, wanted) is None:
        raise ValidationError(
            _("Some of the chosen learners cannot join this household. Nothing was changed."),
            code="learner_out_of_scope",
        )
    return Learner.objects.filter(pk__in=wanted).update(
        household=household, updated_at=timezone.now()
    )


@transaction.atomic
def household_member_remove(*, household: Household, learner: Learner, removed_by) -> None:
    """Take a learner out of the household; they stay a learner of the village."""
    _check_household(household, removed_by)
    members = learners_for(removed_by, Action.CHANGE).filter(household=household)
    if not members.filter(pk=learner.pk).exists():
        raise ValidationError(
            _("This learner is not a member of the household."), code="not_member"
        )
    learner.household = None
    learner.save(update_fields=["household", "updated_at"])


@transaction.atomic
def household_create_by_learner(*, learner: Learner, created_by) -> Household:
    """A household in the learner's village, named after them, with the
    learner as its first member."""
    learner.household = household_create(
        village=learner.village,
        name=_("Household of %(name)s") % {"name": learner.full_name},
        created_by=created_by,
    )
    learner.save(update_fields=["household", "updated_at"])
    return learner.household


@transaction.atomic
def household_leave(*, learner: Learner) -> None:
    """The learner leaves their household; it stays, with its other members."""
    learner.household = None
    learner.save(update_fields=["household", "updated_at"])
