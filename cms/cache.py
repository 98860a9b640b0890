"""Whole-page cache for anonymous visitors, served before Wagtail routing.

A bare Wagtail page spends most of its time finding the site and the page;
a commune's learners mostly read the same lessons. So a public page, once
rendered for a visitor who carries no session, is kept in the cache and
served to the next such visitor without touching the database.

Safety rules (nothing personal is ever cached or served to someone else):
- only GET/HEAD requests without a session or messages cookie are looked up;
- only 200 responses of Wagtail pages are stored, and never one that sets a
  cookie (a CSRF token, a session), is marked private/no-store/no-cache, or
  varies on anything but Cookie and Accept-Encoding;
- the key holds the host, the language and the full path with its query.

A page may ask to be kept for less than ``PAGE_CACHE_TIMEOUT`` (a
``page_cache_timeout`` attribute on its response, see :func:`stored_for`).

Invalidation is global and instant: every stored page carries the generation
number it was rendered under, and :func:`bump_generation` (called when a page
is published, unpublished, moved or deleted, or a snippet that pages show
changes) makes every older page stale. A lookup fetches the generation and the
page in one round trip to the cache.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re

# The generation is shared with the content data caches of the courses app.
from courses import cache as content_cache
from courses.cache import GENERATION_KEY, data_key, generation
from courses.cache import bump_generation as bump_generation

logger = logging.getLogger(__name__)

ALLOWED_VARY = {"cookie", "accept-encoding"}
NEVER_CACHED_CACHE_CONTROL = {"private", "no-store", "no-cache"}
MAX_PATH_LENGTH = 500
WAGTAIL_SERVE = "wagtail_serve"


def timeout() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 0)


def stored_for(response) -> int:
    """How long to keep a page: ``PAGE_CACHE_TIMEOUT``, or less when the page
    says so (``response.page_cache_timeout``: it shows figures that change
    without a publish, e.g. the home page's counters)."""
    own = getattr(response, "page_cache_timeout", None)
    return timeout() if own is None else max(1, min(timeout(), own))


def cache_key(request) -> str:
    raw = "\n".join(
        [
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.get_full_path(),
        ]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:page:{digest}"


def request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or timeout() <= 0:
        return False
    if len(request.get_full_path()) > MAX_PATH_LENGTH:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    # Resolving a path costs no query: only Wagtail's page route is cached.
    try:
        return resolve(request.path_info).url_name == WAGTAIL_SERVE
    except Resolver404:
        return False


def response_is_cacheable(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != WAGTAIL_SERVE:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part
    }
    if cache_control & NEVER_CACHED_CACHE_CONTROL:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= ALLOWED_VARY


class AnonymousPageCacheMiddleware:
    """Place right after the locale middleware (it needs the language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        try:
            key = cache_key(request)
            found = cache.get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY)
            stored = found.get(key)
            if current is None:
                current = generation()
        except Exception:  # a cache outage must not take pages down with it
            logger.warning("Page cache unavailable; serving without it.", exc_info=True)
            return self.get_response(request)
        if stored is not None and stored[0] == current:
            _generation, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "x-cache"]
            # Stored under the generation read before rendering: if an editor
            # published meanwhile, this copy is already stale and never served.
            entry = (current, response.status_code, headers, response.content)
            try:
                cache.set(key, entry, stored_for(response))
            except Exception:
                logger.warning("Page cache unavailable; not storing.", exc_info=True)
            response["X-Cache"] = "miss"
        return response


# --- Routes -----------------------------------------------------------------------
#
# Signed-in visitors reach Wagtail (the whole-page cache is for anonymous ones), which finds
# the site and then walks the page tree, a query or two per level: five for a
# lesson. The route (which site, which page, whether any view restriction
# applies) depends on published content only, so it is kept under the same
# generation; the page itself is still read fresh, in one query.


def _no_view_restrictions():
    # Wagtail's check only iterates over them; an empty queryset would still
    # be compiled on every request.
    return ()


def route_key(request) -> str:
    return data_key("route", request.get_host(), request.path_info)


def _route_is_cacheable(page, args, kwargs) -> bool:
    from wagtail.models import Page

    from .models import BarePage

    if args or kwargs or isinstance(page, BarePage):  # the baseline measures Wagtail itself
        return False
    # Pages that route below themselves (RoutablePageMixin) keep Wagtail's routing.
    return type(page).route is Page.route


def _live_page(request, model, page_id: int):
    """The live page, or None. Editors (who see Wagtail's user bar, with the
    page's lock and draft state, which change without a publish) always get
    it from the database; others get the copy this process keeps until
    content changes."""
    from .templatetags.cms_tags import can_access_admin

    if can_access_admin(request.user):
        return model.objects.filter(pk=page_id, live=True).first()
    return content_cache.live_pages(model, [page_id]).get(page_id)


class PageRouteCacheMiddleware:
    """Place after the anonymous page cache. Fills in what Wagtail's serve
    view would look up (``request._wagtail_site`` and
    ``request._wagtail_route_for_request``) from the cache.

    In the same round trip it fetches what every page shows besides the page
    (the catalogue link, the site identity, whether the visitor may edit), so
    those cost nothing more (``courses.cache.prefetch``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = request.__dict__.pop("_cms_route_cache", None)
        if state is not None:
            key, current, token, hit = state
            content_cache.end_prefetch(token)
            if not hit:
                self._store(request, key, current)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            request.method not in ("GET", "HEAD")
            or match is None
            or match.url_name != WAGTAIL_SERVE
            or len(request.path_info) > MAX_PATH_LENGTH
        ):
            return None
        # Signed-in visitors only: anonymous ones are served by the whole-page
        # cache above (and the bare benchmark page stays plain Wagtail).
        user_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if user_id is None:
            return None
        key = route_key(request)
        try:
            token = content_cache.prefetch([key, *self._shown_keys(request, user_id)])
            found = content_cache.get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY)
            if current is None:
                current = generation()
        except Exception:
            logger.warning("Route cache unavailable; routing without it.", exc_info=True)
            return None
        stored = found.get(key)
        hit = stored is not None and stored[0] == current and self._apply(request, stored)
        request._cms_route_cache = (key, current, token, hit)
        return None

    @staticmethod
    def _shown_keys(request, user_id) -> list[str]:
        from courses.templatetags.courses_tags import catalogue_url_key

        from .models import SiteIdentity
        from .templatetags.cms_tags import PERMISSIONS_GENERATION_KEY, admin_access_key

        return [
            catalogue_url_key(request),
            SiteIdentity.cache_key(request),
            PERMISSIONS_GENERATION_KEY,
            admin_access_key(user_id),
        ]

    @staticmethod
    def _apply(request, stored) -> bool:
        from django.apps import apps
        from wagtail.url_routing import RouteResult

        _generation, site, page_id, model_label, restricted = stored
        try:
            model = apps.get_model(model_label)
        except LookupError:
            return False
        page = _live_page(request, model, page_id)
        if page is None:
            return False
        if not restricted:
            # Checked when the route was stored; a restriction added since
            # changes the generation (cms.signal_handlers).
            page.get_view_restrictions = _no_view_restrictions
        request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(page)
        return True

    @staticmethod
    def _store(request, key, current) -> None:
        route = getattr(request, "_wagtail_route_for_request", None)
        site = getattr(request, "_wagtail_site", None)
        if route is None or site is None:
            return
        page, args, kwargs = route
        if not page.live or not _route_is_cacheable(page, args, kwargs):
            return
        try:
            restricted = page.get_view_restrictions().exists()
            entry = (current, site, page.pk, page._meta.label, restricted)
            cache.set(key, entry, timeout() or 60 * 10)
        except Exception:
            logger.warning("Route cache unavailable; not storing.", exc_info=True)
