"""News and announcements: what the list, the feeds and the home page read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from wagtail.images import get_image_model

from .models import NewsCategory, NewsIndexPage, NewsPage

# The renditions the news card and the article page show (and og:image).
CARD_RENDITION = "fill-640x360"
SHARE_RENDITION = "fill-1200x630"


def _with_images(queryset):
    """Each article's image and its renditions come in with the list: two
    more queries whatever its length, none per article."""
    renditions = get_image_model().get_rendition_model().objects.all()
    return queryset.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=renditions)
    )


def public_news(*, site=None, index: NewsIndexPage | None = None):
    """Live articles anyone may read, newest first."""
    pages = NewsPage.objects.live().public()
    if index is not None:
        pages = pages.descendant_of(index)
    elif site is not None:
        pages = pages.in_site(site)
    return pages.order_by("-date", "-first_published_at", "-pk")


def latest_news(*, limit: int = 3, site=None) -> list[NewsPage]:
    """The newest live, public articles (for the home page): one query for
    the articles, plus their images' renditions."""
    return list(_with_images(public_news(site=site))[:limit])


def news_list_context(index: NewsIndexPage, request) -> dict:
    """One page of the list, filtered by ``?category=<slug>``.

    A page number past the end shows the last page, anything that is not a
    number the first; an unknown category is a 404 (a stale or mistyped
    link), never an error."""
    articles = public_news(index=index)
    categories = list(
        NewsCategory.objects.filter(news_pages__in=articles.order_by().values("pk")).distinct()
    )
    current = None
    slug = request.GET.get("category")
    if slug:
        current = next((category for category in categories if category.slug == slug), None)
        if current is None:
            raise Http404("No such news category.")
        articles = articles.filter(categories=current)
    paginator = Paginator(_with_images(articles), index.per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "categories": categories,
        "current_category": current,
        "page_obj": page_obj,
        "articles": page_obj.object_list,
        "query_string": query.urlencode(),
    }
