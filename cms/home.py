"""What the home page shows from other parts of the site: upcoming events and
the latest news. Each function returns the pages to show as cards (rendered
with ``courses/includes/event_card.html`` and ``cms/includes/news_card.html``,
context variable ``page``) and the URL of the page listing them all (None
when there is none); the home page shows a section only when it has pages."""

from __future__ import annotations

from wagtail.models import Site

from .models import NewsIndexPage
from .news import latest_news as newest_articles


def upcoming_events(request, *, limit: int = 3) -> tuple[list, str | None]:
    """The next events and the URL of the events index. Empty until the events
    part (``courses.events.upcoming_events``) is merged in and wired here."""
    return [], None


def latest_news(request, *, limit: int = 3) -> tuple[list, str | None]:
    """The site's newest public articles and the URL of its news index."""
    site = Site.find_for_request(request)
    articles = newest_articles(limit=limit, site=site)
    index = NewsIndexPage.objects.live().public()
    if site is not None:
        index = index.in_site(site)
    index = index.order_by("path").first()
    return articles, (index.get_url(request) if index else None)
