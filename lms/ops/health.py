"""Liveness and readiness for load balancers: ``/healthz`` checks database and cache.

200 ``{"status": "ok"}`` when both answer; 200 ``{"status": "degraded"}`` when only
the cache does not (pages keep serving without it, lms.ops.cache, so the balancer
must keep the server); 503 ``{"status": "unavailable"}`` when the database does not.
The reason goes to the log, never to the caller.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("puente.health")


def _database_ok() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_ok() -> bool:
    # The resilient cache knows it is away (and probes it at most every few
    # seconds); asking it first keeps the probes' keys out of its outage list.
    is_available = getattr(cache, "is_available", None)
    if is_available is not None and not is_available():
        return False
    key = f"healthz:{secrets.token_hex(8)}"
    cache.set(key, "1", timeout=10)
    try:
        return cache.get(key) == "1"
    finally:
        cache.delete(key)


def _check(name: str, check) -> bool:
    try:
        if check():
            return True
        logger.error("Health check: the %s did not answer as expected", name)
    except Exception:
        logger.exception("Health check: the %s failed", name)
    return False


@never_cache
@require_safe
def healthz(request):
    if not _check("database", _database_ok):
        return JsonResponse({"status": "unavailable"}, status=503)
    if not _check("cache", _cache_ok):
        return JsonResponse({"status": "degraded"})
    return JsonResponse({"status": "ok"})
