"""Production: PostgreSQL and Redis required, HTTPS, hashed static, stdout logs.

Every app server is stateless: data in PostgreSQL, cache/sessions/rate limits in Redis,
media on a shared disk or S3-compatible storage, tasks in the database for db_worker.
See docs/deployment.md for the architecture and the environment variables.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from lms.settings.base import *  # noqa: F403
from lms.settings.base import (
    BASE_DIR,
    BASE_URL,
    env_bool,
    env_list,
    resilient_redis_caches,
)


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
PUENTE_DEMO_DATA_ALLOWED = False

DATABASES = {
    "default": dj_database_url.parse(
        _required("DATABASE_URL"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production.")

# Rate limits, cached sessions and the health check share this cache across servers.
# While Redis does not answer, reads miss and writes are skipped (lms.ops.cache), the
# sessions come from PostgreSQL (cached_db), and allauth's rate-limit counters are
# kept in PostgreSQL (the "ratelimits" table cache), so login never goes unlimited.
REDIS_URL = _required("REDIS_URL")
CACHES = resilient_redis_caches(REDIS_URL)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
_STATIC = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage (AWS, MinIO, Ceph...). Credentials come from the
    # standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables or an instance role.
    _S3_OPTIONS = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "default_acl": None,
        "querystring_auth": True,
        # Signed links expire (AWS_QUERYSTRING_EXPIRE seconds): longer than a cached
        # page lives (PUENTE_PAGE_CACHE_SECONDS, 600), so its images still load.
        "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "1800")),
        "file_overwrite": False,
    }
    for _option, _variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
        ("location", "AWS_LOCATION"),
    ):
        if os.environ.get(_variable):
            _S3_OPTIONS[_option] = os.environ[_variable]
    STORAGES = {
        "default": {
            "BACKEND": "lms.ops.storage.GuardedS3Storage",
            "OPTIONS": _S3_OPTIONS,
        },
        "staticfiles": _STATIC,
    }
else:
    # MEDIA_ROOT (DJANGO_MEDIA_ROOT) must be a disk every app server mounts.
    STORAGES = {
        "default": {"BACKEND": "lms.ops.storage.GuardedFileSystemStorage"},
        "staticfiles": _STATIC,
    }

# HTTPS. Behind a TLS-terminating proxy, set DJANGO_TRUST_PROXY_HEADER=true only if the
# proxy overwrites X-Forwarded-Proto (and DJANGO_TRUSTED_PROXY_COUNT, read in base, so
# allauth's rate limits see the client's address, not the proxy's).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load-balancer probes speak plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
if env_bool("DJANGO_TRUST_PROXY_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [BASE_URL])

# Background tasks are rows in PostgreSQL, run by `manage.py db_worker` processes.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {
        "handlers": ["stdout"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
