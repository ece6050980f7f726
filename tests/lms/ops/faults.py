"""Helpers for the fault-matrix tests (tests/lms/ops/test_fault_*.py): a Redis server
and a PostgreSQL cluster of the test's own (stopped, paused and restarted without
touching the machine's shared ones), an S3 endpoint that refuses every write, and
signing in to the admin over HTTP with password and TOTP.

Every helper is a context manager that stops its processes and removes its files in
``finally``, whatever the test did to them.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.lms.ops.support import DATABASE_URL, Client, free_port

# Redis db numbers of the fault tests on the shared server (the scale-out and backup
# tests own 14 and 15).
FAULTS_REDIS_DB = int(os.environ.get("PUENTE_FAULTS_REDIS_DB", "12"))
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "fault-matrix-Passw0rd-2026"
LOGIN = "/en/accounts/login/"


def wait_until(predicate, seconds: float, what: str, interval: float = 0.1):
    """Poll ``predicate`` until it returns something truthy; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(interval)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# Redis ------------------------------------------------------------------------------


class OwnRedis:
    """A redis-server on a free loopback port, without persistence, in ``directory``."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.pid: int | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def answers(self) -> bool:
        try:
            with contextlib.closing(self.client()) as client:
                return bool(client.ping())
        except Exception:
            return False

    def start(self) -> None:
        pidfile = self.directory / "redis.pid"
        pidfile.unlink(missing_ok=True)
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--pidfile",
                str(pidfile),
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.directory / "redis.log"),
            ],
            check=True,
            timeout=30,
        )
        wait_until(self.answers, 30, f"redis-server on {self.port}")
        self.pid = int(
            wait_until(lambda: pidfile.exists() and pidfile.read_text(), 10, "pid")
        )

    def stop(self) -> None:
        """Shut it down (its data is gone, as after a restart without persistence)."""
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGCONT)  # in case it was paused
        os.kill(
            self.pid, signal.SIGTERM
        )  # redis-server exits without saving (--save "")
        pid = self.pid
        wait_until(lambda: not alive(pid), 30, "redis-server to exit")
        self.pid = None

    def pause(self) -> None:
        """Freeze it (a hung server or a lost network): connections hang, data kept."""
        assert self.pid is not None
        os.kill(self.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.pid is not None
        os.kill(self.pid, signal.SIGCONT)

    def dbsize(self, db: int = 0) -> int:
        import redis

        with contextlib.closing(
            redis.Redis(port=self.port, db=db, socket_timeout=5)
        ) as c:
            return c.dbsize()

    def keys(self, pattern: str, db: int = 0) -> list[str]:
        import redis

        with contextlib.closing(
            redis.Redis(port=self.port, db=db, socket_timeout=5)
        ) as c:
            return [key.decode() for key in c.keys(pattern)]

    def close(self) -> None:
        if self.pid is not None and alive(self.pid):
            os.kill(self.pid, signal.SIGCONT)
            os.kill(self.pid, signal.SIGKILL)
            pid = self.pid
            wait_until(lambda: not alive(pid), 30, "redis-server to die")
        self.pid = None


@contextlib.contextmanager
def own_redis() -> Iterator[OwnRedis]:
    directory = Path(tempfile.mkdtemp(prefix="puente-redis-"))
    server = OwnRedis(directory)
    try:
        server.start()
        yield server
    finally:
        server.close()
        shutil.rmtree(directory, ignore_errors=True)


# PostgreSQL -------------------------------------------------------------------------


def _server_major() -> int:
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True, connect_timeout=10) as conn:
        return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000


class OwnPostgres:
    """A throw-away PostgreSQL cluster (initdb, pg_ctl) on a free port, run as the
    ``postgres`` user when the tests run as root (PostgreSQL refuses root)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.bindir = Path(f"/usr/lib/postgresql/{_server_major()}/bin")
        self.port = free_port()
        self.data = directory / "data"
        self.running = False

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 120) -> str:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd="/"
        )
        assert result.returncode == 0, f"{args[0]}: {result.stdout}{result.stderr}"
        return result.stdout

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync", "--no-instructions",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.directory / "server.log"),
            "-o", options, "-w", "-t", "90", "start",
        )  # fmt: skip
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        """``fast``: every session is ended ("terminating connection due to
        administrator command"), as a restart by an operator or a failover does."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "90", "stop")
        self.running = False

    def copy_database(self, source_url: str, name: str) -> str:
        """A copy of ``source_url`` (the migrated template) in this cluster."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        dump = subprocess.Popen(
            [str(self.bindir / "pg_dump"), "-Fc", "-d", source_url],
            stdout=subprocess.PIPE,
        )
        restore = subprocess.run(
            [
                str(self.bindir / "pg_restore"), "--no-owner", "--no-privileges",
                "--exit-on-error", "-d", self.url(name),
            ],
            stdin=dump.stdout, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        dump.stdout.close()
        assert dump.wait(timeout=60) == 0, "pg_dump of the template failed"
        assert restore.returncode == 0, restore.stderr[-3000:]
        return self.url(name)

    def log(self) -> str:
        path = self.directory / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def close(self) -> None:
        if self.running or (self.data / "postmaster.pid").exists():
            with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
                self.stop("immediate")


@contextlib.contextmanager
def own_postgres() -> Iterator[OwnPostgres]:
    directory = Path(tempfile.mkdtemp(prefix="puente-pg-"))
    cluster = OwnPostgres(directory)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.close()
        shutil.rmtree(directory, ignore_errors=True)


# An S3 endpoint that refuses writes -------------------------------------------------


class _RefusingS3(http.server.BaseHTTPRequestHandler):
    """Answers like a bucket whose policy denies PutObject: reads find nothing,
    every write gets 403 AccessDenied."""

    writes: list[str]

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass

    def _read_body(self) -> None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                self.rfile.read(size + 2)
                if size == 0:
                    break
        else:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _answer(self, status: int, code: str, body: bool = True) -> None:
        payload = (
            f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
            f"<Message>{code}</Message></Error>"
        ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(payload) if body else 0))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def do_HEAD(self):  # noqa: N802 (http.server's names)
        self._answer(404, "NoSuchKey", body=False)

    def do_GET(self):  # noqa: N802
        self._answer(404, "NoSuchKey")

    def do_PUT(self):  # noqa: N802
        self._read_body()
        self.writes.append(self.path)
        self._answer(403, "AccessDenied")

    do_POST = do_PUT  # multipart uploads start with a POST


@contextlib.contextmanager
def refusing_s3() -> Iterator[tuple[str, list[str]]]:
    """``(endpoint URL, paths of the refused writes)``."""
    writes: list[str] = []
    handler = type("Handler", (_RefusingS3,), {"writes": writes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", writes
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# Signing in over HTTP ---------------------------------------------------------------

CREATE_STAFF = """
from allauth.account.models import EmailAddress
from lms.accounts.mfa import ensure_totp
from lms.models import User
made = []
for email, language in {staff!r}:
    user = User.objects.create_superuser(
        email=email, password={password!r}, full_name="Admin " + language,
        agency="Unidad", preferred_language=language,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    ensure_totp(user, {secret!r})
    made.append(user.pk)
out = made
"""


def create_staff(staff: list[tuple[str, str]]) -> str:
    """run_django code making superusers ``[(email, language)]`` with TOTP."""
    return CREATE_STAFF.format(staff=staff, password=PASSWORD, secret=TOTP_SECRET)


def csrf_token(client: Client, path: str = LOGIN) -> str:
    status, _, html = client.get(path)
    assert status == 200, (path, status)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, f"{path} has no CSRF token"
    return match.group(1)


def sign_in_with_totp(client: Client, email: str) -> None:
    """Password, then the authenticator code (the admin asks for both)."""
    from lms.accounts.mfa import seconds_left_in_period, totp_code

    if seconds_left_in_period() < 4:
        time.sleep(seconds_left_in_period() + 0.3)
    token = csrf_token(client)
    status, headers, _ = client.post(
        LOGIN, {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}
    )
    assert status == 302 and "2fa" in headers["Location"], (status, headers)
    step = headers["Location"]
    status, headers, body = client.post(
        step,
        {
            "csrfmiddlewaretoken": client.cookies["csrftoken"],
            "code": totp_code(TOTP_SECRET),
        },
    )
    assert status == 302, (status, body[:500])
