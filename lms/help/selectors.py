"""Reads of the help room. The public sees the active helpers of a village;
requests for help are read only through ``help_requests_for`` (the access
policy), so a helper of one village never reaches another's."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from lms.access.policy import Action, help_requests_for, helpers_for, places_for
from lms.models import HelpRequest, HelpStatus, Place, VillageHelper


def site_villages() -> QuerySet[Place]:
    """The villages of this site's place tree, in tree order."""
    return Place.objects.villages().order_by("path")


def village_helpers(village: Place) -> QuerySet[VillageHelper]:
    """Whom a villager may call: the village's active helpers, in the editors' order."""
    return VillageHelper.objects.of_village(village)


def help_request_list_for(user, status: str = "") -> QuerySet[HelpRequest]:
    """The requests ``user`` may see, open ones first, newest first."""
    requests = help_requests_for(user, Action.VIEW).select_related("village", "taken_by")
    if status in HelpStatus.values:
        requests = requests.filter(status=status)
    order = Case(
        When(status=HelpStatus.OPEN, then=Value(0)),
        When(status=HelpStatus.TAKEN, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return requests.annotate(status_order=order).order_by("status_order", "-created_at", "-pk")


def can_handle(user, help_request: HelpRequest) -> bool:
    """Whether ``user`` may take and close ``help_request`` (one of its village's helpers)."""
    return help_requests_for(user, Action.CHANGE).filter(pk=help_request.pk).exists()


def own_help_requests(user) -> QuerySet[HelpRequest]:
    """What a signed-in person asked for, to follow its status."""
    if not getattr(user, "is_authenticated", False):
        return HelpRequest.objects.none()
    return HelpRequest.objects.filter(requested_by=user).select_related("village")[:10]


def managed_helpers_for(user) -> QuerySet[VillageHelper]:
    """The helpers a manager keeps: those of villages in their places."""
    return helpers_for(user, Action.CHANGE).select_related("village", "user")


def helper_villages_for(user) -> QuerySet[Place]:
    """Villages where a manager may add a helper."""
    return places_for(user, Action.REPORT).villages().order_by("path")
