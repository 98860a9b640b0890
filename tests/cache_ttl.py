"""How long the cache keeps an entry, on the embedded cache and on Redis."""

import time

from django.core.cache import caches


def seconds_left(key: str) -> float:
    """Seconds until ``key`` (as the code names it) expires."""
    backend = caches["default"]
    raw = backend.make_and_validate_key(key)
    if hasattr(backend, "_expire_info"):  # the embedded (local memory) cache
        return backend._expire_info[raw] - time.time()
    return backend._cache.get_client(raw).ttl(raw)
