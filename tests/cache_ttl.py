"""How long the cache keeps an entry, on the embedded cache and on Redis."""

import time

from django.core.cache import cache


def seconds_left(key: str) -> float:
    """Seconds until ``key`` (as the code names it) expires."""
    raw = cache.make_and_validate_key(key)
    if cache.__class__.__name__ == "RedisCache":
        return cache._cache.get_client().ttl(raw)
    return cache._expire_info[raw] - time.time()
