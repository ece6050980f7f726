"""lms.settings.production: shared backends, S3 media only when configured."""

import json
import os
import subprocess
import sys

from tests.lms.ops.support import ROOT

ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "s" * 64,
    "DATABASE_URL": "postgres://puente:pw@127.0.0.1:5432/puente",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
}
READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "from django.core.files.storage import storages; d = storages['default']; "
    "db = s.DATABASES['default']; print(json.dumps({"
    "'media': type(d).__name__, 'bucket': getattr(d, 'bucket_name', None), "
    "'endpoint': getattr(d, 'endpoint_url', None), "
    "'static': s.STORAGES['staticfiles']['BACKEND'], 'tasks': s.TASKS['default'], "
    "'sessions': s.SESSION_ENGINE, 'age': db['CONN_MAX_AGE'], "
    "'checks': db['CONN_HEALTH_CHECKS'], 'proxy': s.SECURE_PROXY_SSL_HEADER}))"
)


def read(**extra):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "AWS_")) and k != "REDIS_URL"
    }
    result = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env={**clean, **ENV, **extra},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result


def test_defaults_share_everything_through_postgres_and_redis():
    result = read()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["media"] == "FileSystemStorage"
    assert values["static"].endswith("CompressedManifestStaticFilesStorage")
    assert values["tasks"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert values["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert values["age"] == 60 and values["checks"] is True
    assert values["proxy"] is None  # the proxy header is opt-in


def test_s3_media_and_proxy_header_when_configured():
    result = read(
        AWS_STORAGE_BUCKET_NAME="puente-media",
        AWS_S3_ENDPOINT_URL="https://minio.internal:9000",
        DJANGO_TRUST_PROXY_HEADER="true",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["media"] == "S3Storage"
    assert values["bucket"] == "puente-media"
    assert values["endpoint"] == "https://minio.internal:9000"
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_sqlite_is_refused():
    result = read(DATABASE_URL="sqlite:////tmp/puente.sqlite3")
    assert result.returncode != 0
    assert "must point to PostgreSQL" in result.stderr
