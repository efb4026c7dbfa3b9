"""The shared cache (Redis), standing in with this process's memory while Redis is away.

Rate limits (django-ratelimit on sign-ups, comments and offer requests;
allauth's login limits) and small caches go through Django's default cache.
When Redis does not answer, ``RedisCacheWithFallback`` answers from a
local-memory cache instead, so those limits still hold, counted per process,
and no page fails; the outage is logged once (``netvaerk.outage``). The
first answer from Redis ends it, and Redis counts again.

Some callers must not be given a per-process answer: the page cache would
keep pages that other processes cannot make stale. They call
``shared_cache_call``, which raises ``CacheUnavailable`` instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .outage import outage_for

# Redis is away (stopped, restarting, loading its data, frozen, failed over to a replica).
REDIS_AWAY = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, ReadOnlyError, OSError)
FALLBACK_MAX_ENTRIES = 10_000


class CacheUnavailable(Exception):
    """The shared cache does not answer (or did not a moment ago)."""


def _place(location: str) -> str:
    # For log lines: host, port and database, never a password.
    parts = urlsplit(location)
    return f"{parts.hostname}:{parts.port or 6379}{parts.path or ''}"


class RedisCacheWithFallback(BaseCache):
    """django-redis's RedisCache, answered from local memory while Redis is away (see module docstring).

    ``LOCATION`` and ``OPTIONS`` are django-redis's. Keep its socket timeouts
    short (``SOCKET_CONNECT_TIMEOUT``, ``SOCKET_TIMEOUT``): a frozen Redis then
    costs one request that long, and the following ones nothing until
    ``REDIS_RETRY_SECONDS`` have passed.
    """

    def __init__(self, server: str, params: dict):
        super().__init__(params)
        self.redis = RedisCache(server, params)
        local_params = {key: value for key, value in params.items() if key != "OPTIONS"}
        local_params["OPTIONS"] = {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}
        # Same name in every thread: LocMemCache shares its data by name.
        self.local = LocMemCache(f"netvaerk-fallback:{server}", local_params)
        self.outage = outage_for(
            f"Redis cache at {_place(server)}",
            consequence="public pages are served uncached and rate limits count per process until it answers",
        )

    def shared_call(self, method: str, *args, **kwargs):
        """Call Redis only; raise CacheUnavailable while it is away."""
        if not self.outage.should_try():
            raise CacheUnavailable(self.outage.name)
        try:
            result = getattr(self.redis, method)(*args, **kwargs)
        except REDIS_AWAY as error:
            self.outage.failed(error)
            raise CacheUnavailable(self.outage.name) from error
        if self.outage.succeeded():
            # What was counted here meanwhile is not Redis's; start clean for the next outage.
            self.local.clear()
        return result

    def _call(self, method: str, *args, **kwargs):
        try:
            return self.shared_call(method, *args, **kwargs)
        except CacheUnavailable:
            return getattr(self.local, method)(*args, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta=delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        self.local.clear()
        try:
            self.shared_call("clear")
        except CacheUnavailable:
            pass

    def close(self, **kwargs):
        try:
            self.redis.close(**kwargs)
        except REDIS_AWAY:
            pass


def shared_cache_call(method: str, *args, alias: str = "default", **kwargs):
    """Call the shared cache, never a per-process stand-in; raises CacheUnavailable while it is away.

    A cache that is not a RedisCacheWithFallback (the demo's and the tests'
    local memory) is called as it is: it is all there is.
    """
    backend = caches[alias]
    if isinstance(backend, RedisCacheWithFallback):
        return backend.shared_call(method, *args, **kwargs)
    return getattr(backend, method)(*args, **kwargs)
