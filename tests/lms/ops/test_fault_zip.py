"""Fault matrix: a client that disconnects in the middle of the certificates ZIP.

The bulk ZIP is not a background task: it is streamed in the request, one PDF at a
time (docs/decisions/0002). So the fault is the reader going away: an administrator
(signed in with TOTP) asks a gunicorn server for the ZIP of 30 certificates whose
PDFs are not rendered yet, reads the first bytes and resets the connection. The
server stops there (it does not render and log the rest for nobody), leaves no
transaction open and no half-written PDF, and serves the next request, a whole ZIP
whose every PDF is complete. docs/deployment.md ("Faults").
"""

from __future__ import annotations

import hashlib
import http.client
import io
import socket
import struct
import zipfile
from contextlib import ExitStack

import psycopg
import pytest

from tests.lms.ops.faults import create_staff, sign_in_with_totp, wait_until
from tests.lms.ops.support import (
    SCALEOUT_REDIS_DB,
    Client,
    database_url,
    flush_redis,
    free_port,
    needs_postgres_and_redis,
    production_env,
    run_django,
    scratch_database,
    start_gunicorn,
    stop,
    wait_healthy,
)

pytestmark = [pytest.mark.slow, needs_postgres_and_redis]

REDIS_DB = SCALEOUT_REDIS_DB - 3
CERTIFICATES = 30
ZIP = "/admin/certificate-actions/zip/"

SETUP = f"""
from allauth.account.models import EmailAddress
from certificates.services import issue_certificate
from lms.demo.courses import ensure_home_page
from lms.models import User
from tests.builders import make_course
from tests.certificates.support import complete
built = make_course(ensure_home_page(), modules=1, lessons_per_module=1, quiz=False)
for n in range({CERTIFICATES}):
    user = User.objects.create_user(
        email=f"zip{{n}}@agency.test", full_name=f"Oficial Núñez {{n}}",
        agency="Unidad", preferred_language=("en", "es")[n % 2],
    )
    issue_certificate(complete(user, built.course))
out = True
"""

BATCHES = """
from collections import Counter
from wagtail.models import ModelLogEntry
out = sorted(Counter(
    str(uuid) for uuid in ModelLogEntry.objects.filter(
        action="certificates.bulk_download"
    ).values_list("uuid", flat=True)
).values())
"""

STORED = """
from certificates.models import IssuedFile
out = sorted(IssuedFile.objects.values_list("sha256", flat=True))
"""


def headers_for(cookies: dict) -> str:
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return (
        f"GET {ZIP} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\n"
        f"Cookie: {cookie}\r\nConnection: close\r\n\r\n"
    )


def read_a_little_and_reset(port: int, cookies: dict) -> bytes:
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    try:
        sock.sendall(headers_for(cookies).encode())
        received = b""
        while (
            b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < 512
        ):
            chunk = sock.recv(4096)
            assert chunk, received[:500]
            received += chunk
        return received
    finally:
        # Linger 0: close with a reset, as a browser tab closed mid-download does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()


def download(port: int, cookies: dict) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("GET", ZIP, headers={
            "Host": "localhost", "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        })  # fmt: skip
        response = conn.getresponse()
        assert response.status == 200
        return response.read()
    finally:
        conn.close()


def idle_in_transaction(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND state IN ('idle in transaction', 'idle in transaction (aborted)')"
        ).fetchone()[0]


def test_a_client_leaving_mid_zip_leaves_nothing_behind(
    tmp_path, migrated_template, static_root
):
    media = tmp_path / "media"
    with ExitStack() as stack:
        database = stack.enter_context(
            scratch_database("puente_faults_zip", template=migrated_template)
        )
        env = production_env(
            database, REDIS_DB, DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_MEDIA_ROOT=str(media),
        )  # fmt: skip
        flush_redis(REDIS_DB)
        stack.callback(flush_redis, REDIS_DB)
        run_django(SETUP, env, timeout=300)
        run_django(create_staff([("zip.admin@agency.test", "es")]), env)
        port, log = free_port(), tmp_path / "gunicorn.log"
        server = start_gunicorn(port, env, log)
        stack.callback(stop, server)
        wait_healthy(port, server, log)
        admin = Client(port)
        sign_in_with_totp(admin, "zip.admin@agency.test")

        first = read_a_little_and_reset(port, admin.cookies)
        assert first.startswith(b"HTTP/1.1 200") and b"application/zip" in first
        # Wait until the server has given up on the stream (its log rows stop).
        counts = []

        def settled():
            counts.append(run_django(BATCHES, env))
            return len(counts) >= 2 and counts[-1] == counts[-2]

        wait_until(settled, 120, "the interrupted ZIP to stop", interval=1)
        [interrupted] = counts[-1]
        assert 1 <= interrupted < CERTIFICATES  # stopped when the reader left
        print(f"interrupted ZIP: {interrupted} of {CERTIFICATES} PDFs written")
        assert idle_in_transaction(database_url(database)) == 0

        data = download(port, admin.cookies)
        assert server.poll() is None
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert archive.testzip() is None
        assert len(archive.namelist()) == CERTIFICATES
        assert all(
            archive.read(name).rstrip().endswith(b"%%EOF")
            for name in archive.namelist()
        )
        assert sorted(run_django(BATCHES, env)) == sorted([interrupted, CERTIFICATES])

        # Every stored PDF is whole and recorded; nothing half-written.
        stored = sorted(p for p in (media / "certificates" / "issued").glob("*"))
        assert [p.suffix for p in stored] == [".pdf"] * len(stored)
        for path in stored:
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem
        assert [p.stem for p in stored] == run_django(STORED, env)
        assert len(stored) == CERTIFICATES
        assert '" 500 ' not in log.read_text(errors="replace")
