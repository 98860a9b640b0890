"""What the home page shows from other parts of the site: upcoming events and
the latest news. Each function returns the pages to show as cards (rendered
with ``courses/includes/event_card.html`` and ``cms/includes/news_card.html``,
context variable ``page``) and the URL of the page listing them all (None
when there is none); the home page shows a section only when it has pages."""

from __future__ import annotations


def upcoming_events(request, *, limit: int = 3) -> tuple[list, str | None]:
    """The next events and the URL of the events index. Empty until the events
    part (``courses.events.upcoming_events``) is merged in and wired here."""
    return [], None


def latest_news(request, *, limit: int = 3) -> tuple[list, str | None]:
    """The latest news and the URL of the news index. Empty until the news
    part (``cms.news.latest_news``) is merged in and wired here."""
    return [], None
