"""Production keeps the staff two-factor gate and ignores X-Forwarded-For by default."""

import json

from tests.lms.settings.test_settings import PROD_ENV, run_python

READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'mfa': s.PUENTE_STAFF_MFA_REQUIRED, "
    "'proxies': s.ALLAUTH_TRUSTED_PROXY_COUNT, "
    "'csrf_httponly': s.CSRF_COOKIE_HTTPONLY, "
    "'session_secure': s.SESSION_COOKIE_SECURE, 'xfo': s.X_FRAME_OPTIONS}))"
)


def read(env: dict) -> dict:
    result = run_python(READ, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_requires_staff_mfa_and_trusts_no_proxy_by_default():
    values = read(PROD_ENV)
    assert values == {
        "mfa": True,
        "proxies": 0,
        "csrf_httponly": True,
        "session_secure": True,
        "xfo": "DENY",
    }


def test_the_proxy_count_comes_from_the_environment():
    assert read({**PROD_ENV, "DJANGO_TRUSTED_PROXY_COUNT": "1"})["proxies"] == 1


def test_development_requires_staff_mfa_too():
    assert read({"DJANGO_SETTINGS_MODULE": "lms.settings.dev"})["mfa"] is True
