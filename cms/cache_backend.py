"""Django's Redis cache, keeping one Redis client per connection pool.

Django builds a new ``redis.Redis`` object for every cache operation, and
redis-py fills a table of some 170 response handlers each time it builds
one: on a page that makes a handful of cache calls that is a measurable part
of the request. A client is safe to share between threads (each command
borrows a connection from the pool), so one per pool is kept instead.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
