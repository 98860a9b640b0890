"""Targets for the share indicators: which one applies to a place for a
period, and setting or removing one (managers, within the places they report
for).

A place's target for a quarter is its own target for that quarter, else its
own for the whole year, else the nearest place above it with one (the
quarter's, then the year's): a commune's target holds for each of its
villages until a village is given its own. Every target a report needs is
read in one query, whatever the number of places."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access.audit import audit_record
from lms.access.policy import Action, places_for
from lms.models import AuditAction, Indicator, IndicatorTarget, Place
from lms.reports.filters import Period

LOWEST, HIGHEST = Decimal(0), Decimal(100)


def target_period(period: Period) -> tuple[int, int]:
    """The year and quarter whose targets a report of ``period`` is held to:
    those in force on its last day (today for a period without an end), since
    the share indicators count what was reached by then."""
    day = period.end or timezone.localdate()
    return day.year, (day.month - 1) // 3 + 1


@dataclass(frozen=True)
class Targets:
    """The targets of a year and quarter for a set of places: ``own`` is
    ``{(place path, indicator, quarter or None): value}``."""

    year: int
    quarter: int
    own: dict

    def for_place(self, path: str, indicator: str) -> Decimal | None:
        """The target that applies to the place at ``path``: its own, else the
        nearest one above it; the quarter's before the year's at each level."""
        for length in range(len(path), 0, -Place.steplen):
            prefix = path[:length]
            for quarter in (self.quarter, None):
                value = self.own.get((prefix, indicator, quarter))
                if value is not None:
                    return value
        return None

    def in_quarter(self, quarter: int) -> Targets:
        """The same targets, answering for ``quarter`` (0: the year's only)."""
        return Targets(self.year, quarter, self.own)

    def own_value(self, path: str, indicator: str, quarter: int | None) -> Decimal | None:
        return self.own.get((path, indicator, quarter))

    def inherited(self, path: str, indicator: str, quarter: int | None) -> Decimal | None:
        """What would apply to the place at ``path`` for ``quarter`` (None:
        the whole year) without its own target for exactly that period."""
        own = dict(self.own)
        own.pop((path, indicator, quarter), None)
        return Targets(self.year, quarter or 0, own).for_place(path, indicator)

    def any_for(self, indicator: str, paths: Iterable[str]) -> bool:
        return any(self.for_place(path, indicator) is not None for path in paths)


def _rows(place: Place, year: int, quarters: Q) -> dict:
    above = [place.path[:length] for length in range(Place.steplen, len(place.path), Place.steplen)]
    rows = IndicatorTarget.objects.filter(
        Q(place__path__startswith=place.path) | Q(place__path__in=above), quarters, year=year
    ).values_list("place__path", "indicator", "quarter", "value")
    return {(path, indicator, quarter): value for path, indicator, quarter, value in rows}


def targets_for(place: Place, year: int, quarter: int) -> Targets:
    """Every target of ``year`` (the whole year's and ``quarter``'s) that can
    apply to ``place`` or a place below it: theirs and those of the places
    above ``place``. One query."""
    return Targets(year, quarter, _rows(place, year, Q(quarter=quarter) | Q(quarter__isnull=True)))


def targets_of_year(place: Place, year: int) -> Targets:
    """The same for every quarter of ``year`` (``for_place`` then answers for
    ``quarter`` 0, i.e. the whole year's targets only). One query."""
    return Targets(year, 0, _rows(place, year, Q()))


def gap(target: Decimal | None, actual: float | None) -> float | None:
    """How many percentage points the actual share falls short of the target
    (0 once it is met); None without a target or an actual share."""
    if target is None or actual is None:
        return None
    return max(round(float(target) - actual, 1), 0.0)


# --- Setting targets -----------------------------------------------------------------


def target_places_for(user):
    """Where ``user`` may set targets: where they may report (managers)."""
    return places_for(user, Action.REPORT)


def parse_target(value) -> Decimal | None:
    """A target as typed ("80", "80,5", "80.5 %"), in percent; None when
    empty. Refuses anything that is not a number from 0 to 100."""
    if value is None:
        return None
    if isinstance(value, Decimal | int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().rstrip("%").strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValidationError(
                _("Write the target as a number of percent, e.g. 80 or 80,5."), code="invalid"
            )
    if not LOWEST <= number <= HIGHEST:
        raise ValidationError(
            _("A target is a share: write a number from 0 to 100 (percent)."), code="range"
        )
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(
            _("Write the target with at most two decimals, e.g. 80,25."), code="decimals"
        )
    return number


def _check(place: Place, indicator: str, year: int, quarter: int | None, by) -> None:
    if not target_places_for(by).filter(pk=place.pk).exists():
        raise PermissionDenied
    if indicator not in Indicator.values:
        raise ValidationError(_("Choose an indicator from the list."), code="indicator")
    if not 2000 <= year <= 2100 or quarter not in (None, 1, 2, 3, 4):
        raise ValidationError(
            _("Choose the whole year or a quarter from 1 to 4 of a real year."), code="period"
        )


@transaction.atomic
def indicator_target_set(
    *,
    place: Place,
    indicator: str,
    year: int,
    quarter: int | None,
    value,
    by,
    request=None,
) -> IndicatorTarget | None:
    """Set the target of ``place`` for ``indicator`` in ``year`` (or one
    quarter of it) to ``value`` percent; an empty value removes it (the place
    then follows the target of the place above it). Refused, saving nothing,
    for a value that is not a number from 0 to 100 or a place ``by`` does not
    report for. Written to the audit log."""
    _check(place, indicator, year, quarter, by)
    number = parse_target(value)
    if number is None:
        indicator_target_remove(
            place=place, indicator=indicator, year=year, quarter=quarter, by=by, request=request
        )
        return None
    target, _created = IndicatorTarget.objects.update_or_create(
        place=place,
        indicator=indicator,
        year=year,
        quarter=quarter,
        defaults={"value": number, "set_by": by, "set_at": timezone.now()},
    )
    _audit(by, place, indicator, year, quarter, str(number), request)
    return target


@transaction.atomic
def indicator_targets_save(*, place: Place, year: int, changes, by, request=None) -> None:
    """Set (or, for an empty value, remove) several targets of ``place`` for
    ``year`` at once, ``changes`` being ``(indicator, quarter, value)``: all
    of them or, when one is refused, none."""
    for indicator, quarter, value in changes:
        indicator_target_set(
            place=place,
            indicator=indicator,
            year=year,
            quarter=quarter,
            value=value,
            by=by,
            request=request,
        )


@transaction.atomic
def indicator_target_remove(
    *, place: Place, indicator: str, year: int, quarter: int | None, by, request=None
) -> bool:
    """Remove the target, if there is one; the place then follows the target
    of the place above it."""
    _check(place, indicator, year, quarter, by)
    deleted, _rows = IndicatorTarget.objects.filter(
        place=place, indicator=indicator, year=year, quarter=quarter
    ).delete()
    if deleted:
        _audit(by, place, indicator, year, quarter, None, request)
    return bool(deleted)


def _audit(by, place, indicator, year, quarter, value, request) -> None:
    audit_record(
        actor=by,
        action=AuditAction.SET_TARGET,
        detail={
            "place": place.pk,
            "indicator": indicator,
            "year": year,
            "quarter": quarter,
            "value": value,
        },
        request=request,
    )


def year_choices(today: datetime.date | None = None) -> list[int]:
    """The years a target can be set for on the page: last year to the one
    after next."""
    year = (today or timezone.localdate()).year
    return list(range(year - 1, year + 3))
