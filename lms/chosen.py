"""Ids chosen on a form (ticked learners, lessons): read from the posted
list, then checked against the candidates the chooser was offered. A forged
or stale value refuses the whole form, so nothing is saved half-way."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _


def posted_ids(data, name: str, *, refusal: str = "", digits_only: bool = False) -> list[int]:
    """The whole numbers posted under ``name`` (``data`` is ``request.POST``),
    in the order sent. Any value that is not one refuses the request with a
    ValidationError of ``refusal`` (by default: the form was changed).

    A number is what ``int()`` reads (" 7" and "+7" are 7); with
    ``digits_only`` it is decimal digits and nothing else."""
    values = data.getlist(name)
    if digits_only and not all(value.isdecimal() for value in values):
        raise _refused(refusal)
    try:
        return [int(value) for value in values]
    except (TypeError, ValueError):
        raise _refused(refusal) from None


def _refused(refusal: str) -> ValidationError:
    return ValidationError(refusal or _("The form was changed. Nothing was saved."), code="bad_id")


def chosen_from(candidates: QuerySet, ids: Iterable[int]) -> set[int] | None:
    """The chosen ``ids`` when every one is among ``candidates``; None when
    one is not (forged, out of the chooser's scope, no longer on offer), so
    the caller refuses the whole choice. No ids: an empty set, without a
    query."""
    wanted = {int(pk) for pk in ids}
    if not wanted:
        return wanted
    found = set(candidates.filter(pk__in=wanted).values_list("pk", flat=True))
    return wanted if found == wanted else None
