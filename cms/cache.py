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
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
ALLOWED_VARY = {"cookie", "accept-encoding"}
NEVER_CACHED_CACHE_CONTROL = {"private", "no-store", "no-cache"}
MAX_PATH_LENGTH = 500
WAGTAIL_SERVE = "wagtail_serve"


def timeout() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 0)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def bump_generation() -> None:
    """Make every cached page stale at once."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet: pages were stored under 1
            cache.set(GENERATION_KEY, 2, None)
    except Exception:  # publishing must not fail because the cache is down
        logger.warning("Page cache unavailable; could not invalidate.", exc_info=True)


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
                cache.set(key, entry, timeout())
            except Exception:
                logger.warning("Page cache unavailable; not storing.", exc_info=True)
            response["X-Cache"] = "miss"
        return response
