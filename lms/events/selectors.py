"""Scoped reads for the event pages of staff: events with their counts,
one event's breakdown by village and target group, people at the door.
Every figure is counted in the database, never a query per row."""

from __future__ import annotations

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import EventPage
from lms.access.policy import Action, events_for, learners_for
from lms.models import EventRegistration, Learner

DOOR_CANDIDATES_SHOWN = 20


def _count(event_ref: str, **filters) -> Coalesce:
    counted = (
        EventRegistration.objects.filter(event=OuterRef(event_ref), **filters)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def event_pages_for(user, action: Action = Action.VIEW):
    """The event pages held at places in ``user``'s scope."""
    return EventPage.objects.filter(pk__in=events_for(user, action).values("event_id"))


def event_list_for(user):
    """Events in scope, latest first, each with ``signed_up`` and
    ``checked_in`` counts (one query)."""
    return (
        event_pages_for(user)
        .annotate(
            signed_up=_count("pk"),
            checked_in=_count("pk", checked_in_at__isnull=False),
        )
        .order_by("-start_at", "-pk")
    )


def event_for(user, pk: int, action: Action = Action.VIEW) -> EventPage | None:
    return event_pages_for(user, action).filter(pk=pk).first()


def event_totals(event: EventPage) -> dict:
    return EventRegistration.objects.filter(event=event).aggregate(
        signed_up=Count("pk"),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        walk_ins=Count("pk", filter=Q(walk_in=True)),
    )


def _counts_by(event: EventPage, name: str, order: str, none_label) -> list[dict]:
    """Signed-up and checked-in counts of ``event`` grouped by the learner's
    ``name`` field (a registration counts once per group it falls in)."""
    rows = (
        EventRegistration.objects.filter(event=event)
        .values(name, order)
        .annotate(
            signed_up=Count("pk", distinct=True),
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False), distinct=True),
        )
        .order_by(F(order).asc(nulls_last=True), F(name).asc(nulls_last=True))
    )
    return [
        {
            "name": row[name] or none_label,
            "signed_up": row["signed_up"],
            "checked_in": row["checked_in"],
        }
        for row in rows
    ]


def event_by_village(event: EventPage) -> list[dict]:
    """Signed-up and checked-in counts per village of the learners."""
    return _counts_by(event, "learner__village__name", "learner__village__code", _("No village"))


def event_by_target_group(event: EventPage) -> list[dict]:
    """The same counts per target group (a learner in two groups counts in
    both; learners in none are counted under "No target group")."""
    return _counts_by(
        event,
        "learner__target_groups__name",
        "learner__target_groups__sort_order",
        _("No target group"),
    )


def breakdown_csv_rows(event: EventPage) -> tuple[list[str], list[list]]:
    """The breakdown as the screen shows it, for the CSV export."""
    header = [
        pgettext("event report", "Breakdown"),
        pgettext("event report", "Name"),
        pgettext("event report", "Signed up"),
        pgettext("event report", "Checked in"),
    ]
    rows = []
    for kind, part in (
        (pgettext("event report", "Village"), event_by_village(event)),
        (pgettext("event report", "Target group"), event_by_target_group(event)),
    ):
        rows += [[kind, row["name"], row["signed_up"], row["checked_in"]] for row in part]
    return header, rows


def door_candidates(user, event: EventPage, query: str) -> list[Learner]:
    """Learners whose name matches ``query`` (without diacritics), among
    those in ``user``'s scope and those signed up for the event, each with
    ``registration_id``, ``checked_in_at`` and ``signed_up``."""
    if not query.strip():
        return []
    registrations = EventRegistration.objects.filter(event=event, learner=OuterRef("pk"))
    in_scope = learners_for(user).values("pk")
    return list(
        Learner.objects.matching_name(query)
        .filter(Q(pk__in=in_scope) | Q(Exists(registrations)))
        .select_related("village")
        .annotate(
            signed_up=Exists(registrations),
            checked_in_at=Subquery(registrations.values("checked_in_at")[:1]),
        )
        .order_by("sort_name", "pk")[:DOOR_CANDIDATES_SHOWN]
    )


def registration_for(event: EventPage, learner: Learner | None) -> EventRegistration | None:
    if learner is None:
        return None
    return EventRegistration.objects.filter(event=event, learner=learner).first()
