"""``make bench``: production's choices, on a throw-away database, over plain HTTP.

Same as ``production`` where it changes speed: DEBUG off, hashed static files served
by WhiteNoise, cached database sessions, persistent connections, database task
queue, quiet logs. Different where a loopback benchmark needs it: SQLite is allowed
(``DATABASE_URL``; make bench runs SQLite and PostgreSQL), the cache is local memory
unless ``REDIS_URL`` is set, no HTTPS redirect or secure-only cookies, a fixed
non-secret key, and the bench-only URLs of ``lms.demo.bench_urls`` (a plain view and a
stock Wagtail page template). Never deploy with it.
"""

import os

import dj_database_url

from lms.settings.base import *  # noqa: F403
from lms.settings.base import BASE_DIR, TEMPLATES, resilient_redis_caches

DEBUG = False
SECRET_KEY = "bench-only-not-secret-never-deploy"
PUENTE_DEMO_DATA_ALLOWED = True  # seed_bench writes its own throw-away data
# Demo and bench data (lms.demo): never installed by the production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "lms.demo"]  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# A throw-away issuer key in memory (signed credentials), unless one is configured.
PUENTE_ISSUER_KEYS_EPHEMERAL = True

BENCH_DIR = BASE_DIR / "artifacts" / "bench"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL, IMMEDIATE transactions and a 20 s wait, as base.py explains.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_FILE_OPTIONS)  # noqa: F405
if os.environ.get("REDIS_URL"):
    # Production's cache, under the bench's own prefix.
    CACHES = resilient_redis_caches(os.environ["REDIS_URL"], "puente-bench")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "puente-bench",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

STATIC_ROOT = BENCH_DIR / "staticfiles"
MEDIA_ROOT = BENCH_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One loopback client makes thousands of verification requests: the limit's check
# still runs on every request, it just never refuses the bench.
PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT = (10**9, 60)

# The bench's stock Wagtail page renders wagtailcore/page.html from here.
TEMPLATES[0]["DIRS"] = [
    *TEMPLATES[0]["DIRS"],
    BASE_DIR / "scripts" / "bench" / "templates",
]
ROOT_URLCONF = "lms.demo.bench_urls"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
