"""What other parts of a site read about events (the home page's list)."""

from __future__ import annotations

from django.utils import timezone

from .models.events import EventPage


def upcoming_events(*, limit: int = 3) -> list[EventPage]:
    """Live, public events that have not ended yet, soonest first, in a
    fixed number of queries (the events and the page privacy check)."""
    return list(
        EventPage.objects.live()
        .public()
        .filter(end_at__gt=timezone.now())
        .order_by("start_at", "pk")[:limit]
    )
