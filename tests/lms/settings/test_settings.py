"""Configuration comes from environment variables, read only in settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "x" * 64 + "-prod-test-secret-not-used-anywhere",
    "DATABASE_URL": "postgres://puente:pw@127.0.0.1:5432/puente",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "DJANGO_ALLOWED_HOSTS": "puente.example.org",
    "BASE_URL": "https://puente.example.org",
}


def clean_environment() -> dict:
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_")) and k != "REDIS_URL"
    }


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean_environment(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'hosts': s.ALLOWED_HOSTS, "
    "'debug': s.DEBUG, 'cache': s.CACHES['default']['BACKEND'], 'base': s.BASE_URL, "
    "'email': s.EMAIL_BACKEND, 'admin_base': s.WAGTAILADMIN_BASE_URL}))"
)


def test_dev_defaults_to_sqlite_console_email_and_local_cache():
    result = run_python(READ, {"DJANGO_SETTINGS_MODULE": "lms.settings.dev"})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["email"].endswith("console.EmailBackend")
    assert values["debug"] is True


def test_environment_variables_are_parsed():
    env = {
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/puente",
        "DJANGO_ALLOWED_HOSTS": "a.test, b.test",
        "DJANGO_DEBUG": "false",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "BASE_URL": "https://training.example.org/",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/mail/puente",
    }
    result = run_python(READ, env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["db"] == "django.db.backends.postgresql"
    assert values["name"] == "puente"
    assert values["hosts"] == ["a.test", "b.test"]
    assert values["debug"] is False
    assert values["cache"].endswith("RedisCache")
    assert values["base"] == "https://training.example.org"
    assert values["admin_base"] == "https://training.example.org"
    assert values["email"].endswith("filebased.EmailBackend")


def test_production_requires_a_secret_key():
    env = {**PROD_ENV}
    env.pop("DJANGO_SECRET_KEY")
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_check_deploy_is_clean():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        # Only the production variables: not the test run's own DJANGO_* settings.
        env={**clean_environment(), **PROD_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
