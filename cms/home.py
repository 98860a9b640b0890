"""What the home page shows from other parts of the site: upcoming events and
the latest news. Each function returns the pages to show as cards (rendered
with ``courses/includes/event_card.html`` and ``cms/includes/news_card.html``,
context variable ``page``) and the URL of the page listing them all (None
when there is none); the home page shows a section only when it has pages."""

from __future__ import annotations

from wagtail.models import Site

from courses.events import upcoming_events as next_events
from courses.models import EventIndexPage

from .models import NewsIndexPage
from .news import latest_news as newest_articles


def _index_url(model, request, site) -> str | None:
    index = model.objects.live().public()
    if site is not None:
        index = index.in_site(site)
    index = index.order_by("path").first()
    return index.get_url(request) if index else None


def upcoming_events(request, *, limit: int = 3) -> tuple[list, str | None]:
    """The events that have not ended yet, soonest first, and the URL of the
    events list."""
    site = Site.find_for_request(request)
    return next_events(limit=limit), _index_url(EventIndexPage, request, site)


def latest_news(request, *, limit: int = 3) -> tuple[list, str | None]:
    """The site's newest public articles and the URL of its news index."""
    site = Site.find_for_request(request)
    return newest_articles(limit=limit, site=site), _index_url(NewsIndexPage, request, site)
