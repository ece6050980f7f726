"""The production cache: Django's Redis cache, made to degrade instead of raising.

``SharedClientRedisCache`` is Django's ``RedisCache`` with one redis-py client per
connection pool instead of one per operation (every settings module that uses Redis).

Django's ``RedisCache`` raises on a connection error, so a stopped Redis would turn
every page into a 500. ``ResilientRedisCache`` (``CACHES["default"]`` in production)
instead lets reads miss and skips writes while Redis does not answer, logging once
when it goes and once when it comes back. Keys under ``FALLBACK_KEY_PREFIXES`` (the
rate-limit counters) go to the ``FALLBACK_ALIAS`` cache meanwhile (a table in
PostgreSQL), so login limits keep counting across servers. Redis is tried again every
``RETRY_SECONDS``; keys this process wrote or deleted while it was away are deleted
when it answers again, so nothing older than the outage is served. See
docs/deployment.md ("When Redis stops").
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis import exceptions as redis_errors

logger = logging.getLogger("puente.cache")

# What an unreachable, restarting, failing-over or full Redis raises. Other errors
# (a wrong command) are bugs and still raise.
OUTAGE_ERRORS = (
    redis_errors.ConnectionError,  # refused, reset, BusyLoadingError while starting
    redis_errors.TimeoutError,
    redis_errors.ReadOnlyError,  # a replica during failover
    redis_errors.OutOfMemoryError,
)
PROBE_KEY = "puente:cache:probe"


class _Outage:
    """One process's view of one Redis: since when it is away, when to try again,
    and which keys were written meanwhile (to delete when it is back)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.since: float | None = None
        self.retry_at = 0.0
        self.dirty: set[tuple[str, int | None]] = set()
        self.flush = False  # too many keys to list, or clear() was asked for

    @property
    def active(self) -> bool:
        return self.since is not None


_OUTAGES: dict[str, _Outage] = {}
_OUTAGES_LOCK = threading.Lock()


def _outage_for(location: str) -> _Outage:
    # Shared by every thread's cache object of this process (caches[] is per thread).
    with _OUTAGES_LOCK:
        return _OUTAGES.setdefault(location, _Outage())


def _where(servers: Iterable[str]) -> str:
    """host:port of each server, without a password that may be in the URL."""
    places = []
    for server in servers:
        parts = urlsplit(server)
        places.append(f"{parts.hostname}:{parts.port or 6379}")
    return ",".join(places)


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool.

    Django's ``get_client`` builds a new ``redis.Redis`` for every cache operation;
    with redis-py 8 that takes longer than the operation itself on a local Redis
    (111 µs against 73 µs for a ``GET``; a signed-in lesson makes eleven). The
    client holds no connection of its own (its pool does) and may be shared by
    threads, so the one made for a pool is reused.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    """Django's ``RedisCache`` with ``SharedClientRedisCacheClient``."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient


class ResilientRedisCache(SharedClientRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        params = dict(params)
        self.fallback_alias = params.pop("FALLBACK_ALIAS", None)
        self.fallback_prefixes = tuple(params.pop("FALLBACK_KEY_PREFIXES", ()))
        self.retry_seconds = float(params.pop("RETRY_SECONDS", 2.0))
        self.dirty_limit = int(params.pop("DIRTY_KEYS_LIMIT", 10_000))
        super().__init__(server, params)
        servers = re.split("[;,]", server) if isinstance(server, str) else server
        self.where = _where(servers)
        self.outage = _outage_for(";".join(servers))

    # -- the outage ------------------------------------------------------------------

    def is_available(self) -> bool:
        """Whether Redis answers now (tried at most every ``RETRY_SECONDS``)."""
        if self.outage.active and not self._recover():
            return False
        try:
            super().get(PROBE_KEY)
        except OUTAGE_ERRORS as error:
            self._trip(error)
            return False
        return True

    def _trip(self, error: Exception) -> None:
        outage = self.outage
        with outage.lock:
            first = not outage.active
            if first:
                outage.since = time.monotonic()
            outage.retry_at = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "Cache %s unreachable (%s: %s): reads miss, writes are skipped, "
                "rate limits count in the database; trying again every %.0f s",
                self.where,
                type(error).__name__,
                error,
                self.retry_seconds,
            )

    def _recover(self) -> bool:
        """Try Redis again if it is time; True once it answers (and is cleaned)."""
        outage = self.outage
        with outage.lock:
            if not outage.active:
                return True
            if time.monotonic() < outage.retry_at:
                return False
            outage.retry_at = time.monotonic() + self.retry_seconds
            dirty, flush = set(outage.dirty), outage.flush
        try:
            if flush:
                super().clear()
            elif dirty:
                by_version: dict[int | None, list[str]] = {}
                for key, version in dirty:
                    by_version.setdefault(version, []).append(key)
                for version, keys in by_version.items():
                    super().delete_many(keys, version=version)
            else:
                super().get(PROBE_KEY)
        except OUTAGE_ERRORS:
            return False
        with outage.lock:
            since = outage.since or time.monotonic()
            outage.since = None
            outage.dirty -= dirty
            outage.flush = outage.flush and not flush
        logger.warning(
            "Cache %s reachable again after %.1f s; %s",
            self.where,
            time.monotonic() - since,
            "flushed (too many keys written meanwhile, or a clear)"
            if flush
            else f"{len(dirty)} key(s) written meanwhile deleted",
        )
        return True

    def _remember(self, keys: Iterable[str], version: int | None) -> None:
        outage = self.outage
        with outage.lock:
            for key in keys:
                if len(outage.dirty) >= self.dirty_limit:
                    outage.flush = True
                    break
                outage.dirty.add((key, version))

    # -- routing -----------------------------------------------------------------

    def _routed(self, key: str) -> bool:
        return bool(self.fallback_alias) and str(key).startswith(self.fallback_prefixes)

    def _split(self, keys: Iterable[str]) -> tuple[list[str], list[str]]:
        routed, rest = [], []
        for key in keys:
            (routed if self._routed(key) else rest).append(key)
        return routed, rest

    def _call(
        self,
        keys: list[str],
        version: int | None,
        op: Callable[[], Any],
        degraded: Callable[[list[str]], Any],
        fallback: Callable[[Any, list[str]], Any] | None = None,
        *,
        writes: bool = False,
    ) -> Any:
        """``op()`` on Redis; while it is away, ``fallback(cache, routed_keys)``
        for the rate-limit keys and ``degraded(other_keys)`` for the rest."""
        if not self.outage.active or self._recover():
            try:
                return op()
            except OUTAGE_ERRORS as error:
                self._trip(error)
        routed, rest = self._split(keys) if fallback else ([], keys)
        if writes and rest:
            self._remember(rest, version)
        if routed and not rest:
            return fallback(caches[self.fallback_alias], routed)
        result = degraded(rest)
        if routed and isinstance(result, dict):
            result.update(fallback(caches[self.fallback_alias], routed))
        elif routed:
            fallback(caches[self.fallback_alias], routed)
        return result

    # -- Django's cache API ------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            [key],
            version,
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            lambda _keys: False,
            lambda cache, _keys: cache.add(key, value, timeout, version),
        )

    def get(self, key, default=None, version=None):
        return self._call(
            [key],
            version,
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda _keys: default,
            lambda cache, _keys: cache.get(key, default, version),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            [key],
            version,
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            lambda _keys: None,
            lambda cache, _keys: cache.set(key, value, timeout, version),
            writes=True,
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            [key],
            version,
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version),
            lambda _keys: False,
            lambda cache, _keys: cache.touch(key, timeout, version),
        )

    def delete(self, key, version=None):
        return self._call(
            [key],
            version,
            lambda: super(ResilientRedisCache, self).delete(key, version),
            lambda _keys: False,
            lambda cache, _keys: cache.delete(key, version),
            writes=True,
        )

    def has_key(self, key, version=None):
        return self._call(
            [key],
            version,
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            lambda _keys: False,
            lambda cache, _keys: cache.has_key(key, version),
        )

    def incr(self, key, delta=1, version=None):
        def unreachable(_keys):
            # Django's contract for a key it cannot increment; callers handle it.
            raise ValueError(f"Key '{key}' not found (cache unreachable)")

        return self._call(
            [key],
            version,
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            unreachable,
            lambda cache, _keys: cache.incr(key, delta, version),
            writes=True,
        )

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._call(
            keys,
            version,
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            lambda _keys: {},
            lambda cache, routed: cache.get_many(routed, version),
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        data = dict(data)
        return self._call(
            list(data),
            version,
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            lambda rest: list(rest),  # the keys not stored
            lambda cache, routed: cache.set_many(
                {key: data[key] for key in routed}, timeout, version
            ),
            writes=True,
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call(
            keys,
            version,
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            lambda _keys: None,
            lambda cache, routed: cache.delete_many(routed, version),
            writes=True,
        )

    def clear(self):
        def later(_keys):
            with self.outage.lock:
                self.outage.flush = True  # done when Redis answers again

        return self._call(
            [], None, lambda: super(ResilientRedisCache, self).clear(), later
        )
