"""Run Python in a fresh interpreter under a chosen settings module.

Settings read the environment once, at import, so every settings test (and any other
test that needs production settings, e.g. tests/security/test_uploads.py) starts a
subprocess with a clean environment plus the variables it is about.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def throwaway_issuer_keys() -> str:
    """A throw-away issuer key set (made here, never stored) for production runs."""
    from joserfc.jwk import OKPKey

    key = OKPKey.generate_key("Ed25519")
    jwk = {**key.as_dict(private=True), "kid": "test-only", "status": "active"}
    return json.dumps({"keys": [jwk]})


# What a production deployment must set (docs/deployment.md); nothing is contacted.
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "x" * 64 + "-prod-test-secret-not-used-anywhere",
    "DATABASE_URL": "postgres://puente:pw@127.0.0.1:5432/puente",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "DJANGO_ALLOWED_HOSTS": "puente.example.org",
    "BASE_URL": "https://puente.example.org",
    # Signed credentials need an issuer key (certificates.E001 refuses without).
    "PUENTE_ISSUER_KEYS": throwaway_issuer_keys(),
}
DEV_ENV = {"DJANGO_SETTINGS_MODULE": "lms.settings.dev"}


def clean_environment() -> dict[str, str]:
    """This process's environment without the test run's own configuration."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "AWS_", "PUENTE_"))
        and k != "REDIS_URL"
    }


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean_environment(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_environment(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_json(code: str, env: dict[str, str]) -> dict:
    """The JSON object ``code`` prints last; fails with the child's stderr."""
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
