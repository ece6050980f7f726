"""Helpers for the operations tests: scratch PostgreSQL databases and production-mode
subprocesses (manage.py, gunicorn, db_worker) on the machine's PostgreSQL and Redis.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.lms.settings.support import throwaway_issuer_keys

ROOT = Path(__file__).resolve().parents[3]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
# Redis db numbers the ops tests own (the suite's cache uses REDIS_URL's own number).
SCALEOUT_REDIS_DB = int(os.environ.get("PUENTE_SCALEOUT_REDIS_DB", "14"))
BACKUP_REDIS_DB = SCALEOUT_REDIS_DB + 1

needs_postgres_and_redis = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")) or not REDIS_URL,
    reason="needs DATABASE_URL on PostgreSQL and REDIS_URL",
)


def database_url(name: str) -> str:
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def redis_url(db: int) -> str:
    parts = urlsplit(REDIS_URL)
    return urlunsplit(parts._replace(path=f"/{db}"))


def flush_redis(db: int) -> None:
    import redis

    client = redis.Redis.from_url(redis_url(db))
    try:
        client.flushdb()
    finally:
        client.close()


def _admin_connection():
    import psycopg

    return psycopg.connect(DATABASE_URL, autocommit=True, connect_timeout=10)


@contextlib.contextmanager
def scratch_database(prefix: str, template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database (empty, or a copy of ``template``), dropped
    afterwards; yields its name."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with _admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield name
    finally:
        with _admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database: str, redis_db: int, **extra: str) -> dict[str, str]:
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "GUNICORN_", "PYTEST_"))
        and k != "REDIS_URL"
    }
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "ops-test-" + "k" * 60,
        "DATABASE_URL": database_url(database),
        "REDIS_URL": redis_url(redis_db),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_TRUST_PROXY_HEADER": "true",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Signed credentials need an issuer key (certificates.E001 refuses without).
        "PUENTE_ISSUER_KEYS": throwaway_issuer_keys(),
        **extra,
    }


def manage(*args: str, env: dict, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {args[0]}: {result.stderr[-3000:]}"
    return result.stdout


def run_django(code: str, env: dict, timeout: float = 120) -> dict:
    """Run ``code`` in a configured Django process; it sets ``out`` (JSON-able)."""
    script = f"import django, json\ndjango.setup()\n{code}\nprint(json.dumps(out))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, env: dict, log: Path) -> subprocess.Popen:
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    handle = log.open("wb")
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class Client:
    """A tiny HTTP client for one loopback server, posing behind a TLS proxy.

    Sends ``X-Forwarded-Proto: https`` and keeps cookies by hand, since a cookie jar
    would not send ``Secure`` cookies over plain HTTP. Every server gets the same
    ``Host``, as behind a load balancer (allauth keys login failures on it).
    """

    host = "localhost"

    def __init__(
        self,
        port: int,
        cookies: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ):
        self.port = port
        self.cookies = cookies if cookies is not None else {}
        self.headers = headers or {}  # sent with every request (X-Forwarded-For...)

    @property
    def origin(self) -> str:
        return f"https://{self.host}"

    def request(
        self,
        method: str,
        path: str,
        form: dict | None = None,
        proxied: bool = True,
        *,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int, dict[str, str], str]:
        from urllib.parse import urlencode

        headers = {"Host": self.host, **self.headers, **(headers or {})}
        if proxied:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files is not None:
            body, headers["Content-Type"] = multipart(form or {}, files)
        elif form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if form is not None or files is not None:
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, dict(response.headers), text
        finally:
            conn.close()

    def get(self, path: str, proxied: bool = True):
        return self.request("GET", path, proxied=proxied)

    def post(self, path: str, form: dict, **options):
        return self.request("POST", path, form=form, **options)


def multipart(
    form: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    """A multipart/form-data body (fields, then ``{name: (filename, data, type)}``)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in form.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
            f"\r\n\r\n{value}\r\n".encode()
        )
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def wait_healthy(port: int, process: subprocess.Popen, log: Path, seconds=60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited: {log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            status, _, body = Client(port).get("/healthz", proxied=False)
            if status == 200:
                assert json.loads(body) == {"status": "ok"}
                return
        time.sleep(0.25)
    raise AssertionError(f"gunicorn on {port} never became healthy: {log.read_text()}")
