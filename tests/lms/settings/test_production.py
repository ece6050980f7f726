"""lms.settings.production: refuses to start half-configured, passes ``check --deploy``,
keeps the staff two-factor gate, trusts no proxy by default, shares its backends through
PostgreSQL and Redis and stores media on S3 only when configured.

(That production loads no demo code is tested in tests/test_architecture.py.)
"""

from tests.lms.settings.support import PROD_ENV, read_json, run_manage, run_python

SECURITY = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'mfa': s.PUENTE_STAFF_MFA_REQUIRED, "
    "'proxies': s.ALLAUTH_TRUSTED_PROXY_COUNT, "
    "'csrf_httponly': s.CSRF_COOKIE_HTTPONLY, "
    "'session_secure': s.SESSION_COOKIE_SECURE, 'xfo': s.X_FRAME_OPTIONS}))"
)
BACKENDS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "from django.core.files.storage import storages; d = storages['default']; "
    "db = s.DATABASES['default']; print(json.dumps({"
    "'media': type(d).__name__, 'bucket': getattr(d, 'bucket_name', None), "
    "'endpoint': getattr(d, 'endpoint_url', None), "
    "'static': s.STORAGES['staticfiles']['BACKEND'], 'tasks': s.TASKS['default'], "
    "'sessions': s.SESSION_ENGINE, 'age': db['CONN_MAX_AGE'], "
    "'checks': db['CONN_HEALTH_CHECKS'], 'proxy': s.SECURE_PROXY_SSL_HEADER}))"
)


def test_production_requires_a_secret_key():
    env = {**PROD_ENV}
    env.pop("DJANGO_SECRET_KEY")
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_sqlite_is_refused():
    result = run_python(
        "import django; django.setup()",
        {**PROD_ENV, "DATABASE_URL": "sqlite:////tmp/puente.sqlite3"},
    )
    assert result.returncode != 0
    assert "must point to PostgreSQL" in result.stderr


def test_production_check_deploy_is_clean():
    # Only the production variables: not the test run's own DJANGO_* settings.
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_requires_staff_mfa_and_trusts_no_proxy_by_default():
    values = read_json(SECURITY, PROD_ENV)
    assert values == {
        "mfa": True,
        "proxies": 0,
        "csrf_httponly": True,
        "session_secure": True,
        "xfo": "DENY",
    }


def test_the_proxy_count_comes_from_the_environment():
    env = {**PROD_ENV, "DJANGO_TRUSTED_PROXY_COUNT": "1"}
    assert read_json(SECURITY, env)["proxies"] == 1


def test_defaults_share_everything_through_postgres_and_redis():
    values = read_json(BACKENDS, PROD_ENV)
    assert values["media"] == "GuardedFileSystemStorage"  # lms.ops.storage
    assert values["static"].endswith("CompressedManifestStaticFilesStorage")
    assert values["tasks"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert values["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert values["age"] == 60 and values["checks"] is True
    assert values["proxy"] is None  # the proxy header is opt-in


def test_s3_media_and_proxy_header_when_configured():
    env = {
        **PROD_ENV,
        "AWS_STORAGE_BUCKET_NAME": "puente-media",
        "AWS_S3_ENDPOINT_URL": "https://minio.internal:9000",
        "DJANGO_TRUST_PROXY_HEADER": "true",
    }
    values = read_json(BACKENDS, env)
    assert values["media"] == "GuardedS3Storage"  # lms.ops.storage
    assert values["bucket"] == "puente-media"
    assert values["endpoint"] == "https://minio.internal:9000"
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_without_an_issuer_key_is_refused():
    env = {**PROD_ENV}
    env.pop("PUENTE_ISSUER_KEYS")
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "certificates.E001" in result.stderr
    assert "issuer_keys generate" in result.stderr


def test_production_reads_the_issuer_key_file_it_is_given(tmp_path):
    env = {**PROD_ENV}
    env.pop("PUENTE_ISSUER_KEYS")
    path = tmp_path / "issuer-keys.json"
    made = run_manage("issuer_keys", "generate", "--file", str(path), env=env)
    assert made.returncode == 0, made.stderr
    env["PUENTE_ISSUER_KEYS_FILE"] = str(path)
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = run_manage("issuer_keys", "list", env=env)
    assert "active" in listed.stdout and "https://puente.example.org/issuer/keys/" in (
        listed.stdout
    )
