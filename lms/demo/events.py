"""Demo sign-ups for the 10/10 day: held by xã Diên Sanh (its ambassador and
manager check people in), with a few demo learners signed up."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from courses.demo import EDITORS, MODERATORS
from courses.demo_events import DAY_SLUG
from courses.models import EventPage
from lms.models import EventHost, EventRegistration, Learner, Place

COMMUNE_CODE = "19681"
SIGNED_UP = 6


def _editors_set_event_places() -> None:
    """Editors and moderators say which place holds an event (admin, *Event places*)."""
    permissions = Permission.objects.filter(
        content_type__app_label="lms", codename__in=["add_eventhost", "change_eventhost"]
    )
    for group in Group.objects.filter(name__in=[EDITORS, MODERATORS]):
        group.permissions.add(*permissions)


@transaction.atomic
def seed_event_signups() -> int:
    """Needs the demo event, places and learners first. Returns the sign-ups."""
    _editors_set_event_places()
    day = EventPage.objects.filter(slug=DAY_SLUG).first()
    commune = Place.objects.filter(code=COMMUNE_CODE).first()
    if day is None or commune is None:
        return 0
    EventHost.objects.get_or_create(event=day, defaults={"place": commune})
    learners = Learner.objects.filter(village__path__startswith=commune.path).order_by("pk")
    for learner in learners[:SIGNED_UP]:
        EventRegistration.objects.get_or_create(event=day, learner=learner)
    return EventRegistration.objects.filter(event=day).count()
