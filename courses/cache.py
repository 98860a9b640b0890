"""Data derived from published content, kept in the cache until content changes.

One counter, the content generation, says which copies are current. The host
bumps it (:func:`bump_generation`) whenever published content changes: a page
published, unpublished, moved or deleted, or a snippet that pages show saved.
Every copy carries the generation it was computed under, so a bump makes all
of them stale at once; a lookup fetches the generation and the copy in one
round trip. The Học Vụ Số site does this in ``cms.signal_handlers``, and its
anonymous page cache (``cms.cache``) uses the same counter.

Only what is the same for every visitor may be kept here (never anything
about who asks). A cache outage costs time, never correctness: the value is
computed as if nothing were cached.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
DATA_PREFIX = "pagecache:data:"


# Cache entries a request fetched ahead in one round trip (see ``prefetch``).
_prefetched: ContextVar[tuple[frozenset, dict] | None] = ContextVar(
    "courses_cache_prefetched", default=None
)


def prefetch(keys: Iterable[str]):
    """Fetch these entries (and the generation) in one round trip, so that
    lookups of them later in this request (:func:`get_many`) cost none.
    Returns a token for :func:`end_prefetch`, which the caller must call
    when the request is done."""
    wanted = frozenset([GENERATION_KEY, *keys])
    found = cache.get_many(list(wanted))
    return _prefetched.set((wanted, found))


def end_prefetch(token) -> None:
    _prefetched.reset(token)


def get_many(keys: list[str]) -> dict:
    """``cache.get_many``, answered from this request's prefetched entries
    when it fetched them all."""
    ahead = _prefetched.get()
    if ahead is not None and ahead[0].issuperset(keys):
        return {key: ahead[1][key] for key in keys if key in ahead[1]}
    return cache.get_many(keys)


def _fresh_generation() -> int:
    """A generation never used before, even when the cache lost the counter
    (restarted empty, or evicted it): copies made under an older number, in
    the cache or in a process (:func:`published_text`), never match it."""
    return time.time_ns() // 1000


def counter(key: str) -> int:
    """A generation counter kept in the cache (the content generation, or
    another the host keeps the same way): when the cache lost it, it starts
    again from a number never used before."""
    value = cache.get(key)
    if value is None:
        fresh = _fresh_generation()
        cache.add(key, fresh, None)
        value = cache.get(key) or fresh
    return value


def counter_bump(key: str) -> None:
    """Make everything kept under the counter ``key`` stale at once."""
    try:
        try:
            cache.incr(key)
        except ValueError:  # the counter is gone: start from a fresh number
            cache.set(key, _fresh_generation(), None)
    except Exception:  # the change must not fail because the cache is down
        logger.warning("Cache unavailable; could not invalidate.", exc_info=True)


def generation() -> int:
    return counter(GENERATION_KEY)


def bump_generation() -> None:
    """Make every cached copy of published content stale at once."""
    counter_bump(GENERATION_KEY)


def data_key(*parts: Any) -> str:
    raw = "\n".join(str(part) for part in parts)
    return DATA_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def published(key: str, compute: Callable[[], Any], timeout: int | None = 60 * 60) -> Any:
    """``compute()``, or its copy from the cache if content has not changed
    since. ``key`` (from :func:`data_key`) must name everything the value
    depends on besides published content, e.g. the host or the language."""
    try:
        found = get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is None:
            current = generation()
    except Exception:
        logger.warning("Cache unavailable; computing without it.", exc_info=True)
        return compute()
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return stored[1]
    value = compute()
    try:
        # Stored under the generation read before computing: if an editor
        # published meanwhile, this copy is already stale and never used.
        cache.set(key, (current, value), timeout)
    except Exception:
        logger.warning("Cache unavailable; not storing.", exc_info=True)
    return value


def current_generation() -> int:
    """The content generation: the one this request fetched ahead if it did
    (:func:`prefetch`), else read now."""
    ahead = _prefetched.get()
    if ahead is not None and GENERATION_KEY in ahead[1]:
        return ahead[1][GENERATION_KEY]
    return generation()


@contextmanager
def one_generation() -> Iterator[None]:
    """Read the content generation once for the enclosed work: every lookup
    in it (:func:`published_objects`, :func:`published_text`) uses that
    number and costs no further round trip, and all of them see content as
    it was at one moment. Inside a request that fetched the generation
    ahead (:func:`prefetch`), that one is used. A cache outage only means
    each lookup tries on its own."""
    token = None
    if _prefetched.get() is None:
        try:
            current = generation()
        except Exception:
            logger.warning("Cache unavailable; reading without it.", exc_info=True)
        else:
            token = _prefetched.set((frozenset([GENERATION_KEY]), {GENERATION_KEY: current}))
    try:
        yield
    finally:
        if token is not None:
            _prefetched.reset(token)


class ProcessMemo:
    """Values kept in this process, least recently used dropped first,
    within a budget: ``budget`` entries, or the sum of ``weigh(value)``
    when given (a value weighing more than an eighth of it is not kept)."""

    def __init__(self, budget: int, weigh: Callable[[Any], int] | None = None):
        self.budget = budget
        self.weigh = weigh or (lambda value: 1)
        self.used = 0
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        weight = self.weigh(value)
        if weight > max(1, self.budget // 8):
            return
        with self.lock:
            if key in self.entries:
                self.used -= self.weigh(self.entries.pop(key))
            self.entries[key] = value
            self.used += weight
            while self.used > self.budget:
                _key, dropped = self.entries.popitem(last=False)
                self.used -= self.weigh(dropped)


# Parts of pages rendered the same for every visitor: at most 8 million
# characters (a few hundred lesson bodies) per process.
_fragments = ProcessMemo(8_000_000, weigh=len)
# Published objects (live pages, a lesson's course, a course's rules).
_objects = ProcessMemo(4096)


def published_text(parts: tuple, render: Callable[[], str]) -> str:
    """``render()``, or the text it gave in this process under the current
    content generation for the same ``parts`` (which must name everything
    the text depends on besides published content: the host, the language,
    the page...). No round trip when the request fetched the generation
    ahead; a cache outage only means rendering every time."""
    try:
        key = (current_generation(), *parts)
    except Exception:
        logger.warning("Cache unavailable; rendering without it.", exc_info=True)
        return render()
    text = _fragments.get(key)
    if text is None:
        text = render()
        _fragments.put(key, text)
    return text


def published_objects(kind: str, ids: Iterable[Hashable], load: Callable[[set], dict]) -> dict:
    """``{id: value}`` for these ids, as ``load(ids)`` gives them (ids it
    does not return are absent): values this process loaded under the
    current content generation are not loaded again. For what published
    content alone decides (a live page, a lesson's course, a course's
    rules); model instances are handed out as copies."""
    wanted = set(ids)
    try:
        current = current_generation()
    except Exception:
        logger.warning("Cache unavailable; loading without it.", exc_info=True)
        return load(wanted)
    found: dict = {}
    for key in wanted:
        value = _objects.get((current, kind, key))
        if value is not None:
            found[key] = value
    missing = wanted - set(found)
    if missing:
        for key, value in load(missing).items():
            if value is not None:
                _objects.put((current, kind, key), value)
            found[key] = value
    return {
        key: copy.copy(value) if hasattr(value, "_meta") else value for key, value in found.items()
    }


def live_pages(model, ids: Iterable[int]) -> dict:
    """``{id: page}``: the live pages of ``model`` with these ids (others are
    absent), in one query at most, none for pages this process loaded
    since content last changed. Each caller gets its own copies."""
    return published_objects(
        f"live-page:{model._meta.label}",
        ids,
        lambda missing: {page.pk: page for page in model.objects.live().filter(pk__in=missing)},
    )
