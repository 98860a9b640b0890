"""RSS 2.0 and Atom feeds of the latest news, for readers and other sites."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site

from courses.cache import published

from .cache import data_key
from .models import NewsIndexPage, SiteIdentity
from .news import public_news

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request)
        return self.site

    def title(self, site):
        identity = SiteIdentity.for_request(self.request)
        organisation = identity.organisation or "Học Vụ Số"
        return _("News: %(organisation)s") % {"organisation": organisation}

    def description(self, site):
        identity = SiteIdentity.for_request(self.request)
        return identity.tagline or _("News and announcements of the digital literacy movement.")

    def link(self, site):
        index = NewsIndexPage.objects.live().public().in_site(site).first() if site else None
        return index.get_url(self.request) if index else "/"

    def feed_url(self, site):
        return self.request.path

    def language(self, site):
        return get_language()

    def items(self, site):
        return list(public_news(site=site).prefetch_related("categories")[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        # The date editors give; the time it was first published, that day.
        moment = item.first_published_at or timezone.now()
        local = timezone.localtime(moment)
        return timezone.make_aware(datetime.datetime.combine(item.date, local.time()))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]

    def get_feed(self, obj, request):
        self.request = request
        return super().get_feed(obj, request)


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, site):
        return self.description(site)


def _cached(feed_class, kind: str):
    def view(request):
        """The feed as last rendered, until content changes (as pages are)."""

        def render():
            response = feed_class()(request)
            return response["Content-Type"], response.content

        key = data_key("news-feed", kind, request.get_host(), get_language())
        content_type, content = published(key, render)
        return HttpResponse(content, content_type=content_type)

    return view


rss_feed = _cached(NewsRssFeed, "rss")
atom_feed = _cached(NewsAtomFeed, "atom")
