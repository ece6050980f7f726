"""Configuration comes from environment variables, read only in settings (dev)."""

from tests.lms.settings.support import DEV_ENV, read_json

READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'hosts': s.ALLOWED_HOSTS, "
    "'debug': s.DEBUG, 'cache': s.CACHES['default']['BACKEND'], 'base': s.BASE_URL, "
    "'email': s.EMAIL_BACKEND, 'admin_base': s.WAGTAILADMIN_BASE_URL, "
    "'mfa': s.PUENTE_STAFF_MFA_REQUIRED}))"
)


def test_dev_defaults_to_sqlite_console_email_and_local_cache():
    values = read_json(READ, DEV_ENV)
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["email"].endswith("console.EmailBackend")
    assert values["debug"] is True


def test_development_requires_staff_mfa_too():
    assert read_json(READ, DEV_ENV)["mfa"] is True


def test_environment_variables_are_parsed():
    env = {
        **DEV_ENV,
        "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/puente",
        "DJANGO_ALLOWED_HOSTS": "a.test, b.test",
        "DJANGO_DEBUG": "false",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "BASE_URL": "https://training.example.org/",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/mail/puente",
    }
    values = read_json(READ, env)
    assert values["db"] == "django.db.backends.postgresql"
    assert values["name"] == "puente"
    assert values["hosts"] == ["a.test", "b.test"]
    assert values["debug"] is False
    assert values["cache"].endswith("RedisCache")
    assert values["base"] == "https://training.example.org"
    assert values["admin_base"] == "https://training.example.org"
    assert values["email"].endswith("filebased.EmailBackend")
