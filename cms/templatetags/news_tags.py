"""Sharing, social previews and the news card: tags any template can use."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from django import template
from django.utils.html import strip_tags
from django.utils.translation import get_language
from wagtail.models import Page, Site

from ..news import SHARE_RENDITION
from .cms_tags import can_access_admin

register = template.Library()

FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php?u={url}"
ZALO_SHARE = "https://sp.zalo.me/share_inline?url={url}"
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def is_on_this_site(request, url: str) -> bool:
    """Only this site's own addresses are offered for sharing: the host the
    visitor came to, or one of the sites Wagtail serves."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc or request is None:
        return False
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    hosts = {request.get_host().lower()}
    origins = {root_url.lower() for _id, _path, root_url, _lang in Site.get_site_root_paths()}
    return parts.netloc.lower() in hosts or origin in origins


@register.inclusion_tag("cms/includes/share_links.html", takes_context=True)
def share_links(context, url, title=""):
    request = context.get("request")
    url = str(url or "")
    if not is_on_this_site(request, url):
        return {"refused": True, "url": url}
    encoded = quote(url, safe="")
    return {
        "refused": False,
        "url": url,
        "title": title,
        "facebook_url": FACEBOOK_SHARE.format(url=encoded),
        "zalo_url": ZALO_SHARE.format(url=encoded),
    }


@register.filter
def may_edit_content(user) -> bool:
    """Whether the visitor works on the site's content (may open the admin)."""
    return can_access_admin(user) if user is not None else False


def _page_image(page):
    for name, alt_name in (("image", "image_alt"), ("cover_image", "cover_image_alt")):
        image = getattr(page, name, None)
        if image is not None:
            return image, getattr(page, alt_name, "") or ""
    return None, ""


def _page_description(page) -> str:
    """The page's own words: its search description or summary (plain
    text), else its rich-text introduction without the markup."""
    for name in ("search_description", "summary"):
        value = getattr(page, name, "") or ""
        if value:
            return " ".join(str(value).split())[:300]
    intro = getattr(page, "intro", "") or ""
    return " ".join(strip_tags(str(intro)).split())[:300]


@register.inclusion_tag("cms/includes/social_meta.html", takes_context=True)
def social_meta(context):
    """OpenGraph and Twitter-card tags. A Wagtail page gives its own title,
    summary and picture; any other page falls back to the site's identity."""
    from ..models import NewsPage, SiteIdentity

    request = context.get("request")
    language = (get_language() or "vi").split("-")[0]
    meta = {"locale": OG_LOCALES.get(language, "vi_VN"), "type": "website"}
    if request is None:
        return meta
    identity = SiteIdentity.for_request(request)
    site_name = identity.organisation or "Học Vụ Số"
    meta["site_name"] = site_name
    meta["title"] = site_name
    meta["description"] = identity.tagline or ""
    meta["url"] = request.build_absolute_uri(request.path)
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        meta["title"] = page.seo_title or page.title
        meta["description"] = _page_description(page) or meta["description"]
        meta["url"] = page.get_full_url(request) or meta["url"]
        if isinstance(page, NewsPage):
            meta["type"] = "article"
            meta["published"] = page.date.isoformat()
        image, alt = _page_image(page)
        if image is not None:
            rendition = image.get_rendition(SHARE_RENDITION)
            meta["image"] = request.build_absolute_uri(rendition.url)
            meta["image_width"] = rendition.width
            meta["image_height"] = rendition.height
            meta["image_alt"] = alt
    return meta
