"""Liveness and readiness for load balancers: ``/healthz`` checks database and cache.

The answer is only ``{"status": "ok"}`` or 503 ``{"status": "unavailable"}``; the
reason goes to the log, never to the caller.
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
    key = f"healthz:{secrets.token_hex(8)}"
    cache.set(key, "1", timeout=10)
    try:
        return cache.get(key) == "1"
    finally:
        cache.delete(key)


@never_cache
@require_safe
def healthz(request):
    try:
        healthy = _database_ok() and _cache_ok()
    except Exception:
        logger.exception("Health check failed")
        healthy = False
    if healthy:
        return JsonResponse({"status": "ok"})
    logger.error("Health check failed: database or cache did not answer")
    return JsonResponse({"status": "unavailable"}, status=503)
