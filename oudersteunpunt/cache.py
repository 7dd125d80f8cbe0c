"""The shared cache (Redis), with a stand-in in memory while Redis cannot be reached.

The cache only makes the site faster and shares counters between workers; it
stores nothing that must survive. So when Redis is down every cache call goes
to a small cache in this process instead: pages are served (cached per
process), forms are accepted, rate limits count per process, and allauth's
rate limits, which need a working ``cache.add`` for their lock, keep working.

django-redis' own ``IGNORE_EXCEPTIONS`` is not enough for that: it makes
``add`` answer ``None``, which allauth reads as "lock taken" (it waits a second
and then refuses the login) and the page cache and vote counter read as "seen
before". After one failure the process does not try Redis again for
``RETRY_SECONDS``, so a Redis that does not answer costs one short socket
timeout per process now and then, not one per call; after that the next call
tries again, and the site is back on Redis by itself.
"""

import logging
import socket
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, socket.timeout)


class FallbackRedisCache(RedisCache):
    RETRY_SECONDS = 5

    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback = LocMemCache(
            f"osp-fallback-{server}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 1000}},
        )
        self.down_until = 0.0

    def _call(self, name, args, kwargs):
        if time.monotonic() < self.down_until:
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            self._mark_down(error)
            return getattr(self.fallback, name)(*args, **kwargs)
        if self.down_until:
            self._mark_up()
        return result

    def _mark_down(self, error):
        if not self.down_until:
            logger.warning(
                "Redis cannot be reached (%s): this process caches in its own memory and counts "
                "rate limits per process until Redis answers again.",
                error,
            )
        self.down_until = time.monotonic() + self.RETRY_SECONDS

    def _mark_up(self):
        self.down_until = 0.0
        logger.info("Redis answers again: the cache and rate limits are shared again.")

    def reachable(self):
        """For the health check: a round trip to Redis itself, never to the stand-in."""
        key = f"health:{time.time_ns()}"
        try:
            super().set(key, "ok", 10)
            answer = super().get(key)
            super().delete(key)
        except UNREACHABLE as error:
            self._mark_down(error)
            return False
        if self.down_until:
            self._mark_up()
        return answer == "ok"

    # Django's cache API, each call to Redis or, while it is down, to the stand-in.
    def add(self, *args, **kwargs):
        return self._call("add", args, kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", args, kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", args, kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", args, kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", args, kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", args, kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", args, kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", args, kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", args, kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", args, kwargs)

    def decr(self, *args, **kwargs):
        return self._call("decr", args, kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", args, kwargs)


class Memory(LocMemCache):
    """Django's cache in process memory, without pickling: what is kept is handed out as it is.

    Unpickling a page's data (model instances) on every request cost more than reading the
    HTML kept for it. So a value kept here is shared by every request of this process:
    nothing may change it after it is kept (views build new dicts and lists around it).
    """

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)
