"""Fault matrix: PostgreSQL restarts under two app servers.

The database is a throw-away PostgreSQL cluster of this test's own (initdb, pg_ctl
on a free port; the machine's shared cluster is never touched), loaded with the
migrated template, and the two gunicorn servers hold persistent connections to it
(``CONN_MAX_AGE`` 60 with health checks, as in production). A request is caught in
flight, waiting for a row lock, when the cluster is stopped with ``pg_ctl -m fast``
(every session is ended, as an operator's restart or a failover does): it answers 503
with a page in the person's language and ``Retry-After``. While the cluster is down,
pages answer the same 503 and /healthz 503; as soon as it is back, every request on
every worker succeeds, without restarting anything. docs/deployment.md ("Faults").
"""

from __future__ import annotations

import json
import threading
from contextlib import ExitStack

import psycopg
import pytest

from tests.lms.ops.faults import (
    FAULTS_REDIS_DB,
    LOGIN,
    PASSWORD,
    csrf_token,
    own_postgres,
    wait_until,
)
from tests.lms.ops.support import (
    Client,
    database_url,
    flush_redis,
    free_port,
    needs_postgres_and_redis,
    production_env,
    run_django,
    start_gunicorn,
    stop,
    wait_healthy,
)

pytestmark = [pytest.mark.slow, needs_postgres_and_redis]

REDIS_DB = FAULTS_REDIS_DB + 1
EMAIL = "pedro.postgres@agency.test"
UNAVAILABLE = {
    "en": "Puente cannot reach its database for a moment.",
    "es": "Puente no puede comunicarse con su base de datos por un momento.",
}

SETUP = f"""
from allauth.account.models import EmailAddress
from lms.accounts.roles import LEARNERS, sync_roles
from lms.demo.courses import ensure_home_page
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import User
from tests.builders import make_course
built = make_course(ensure_home_page(), modules=1, lessons_per_module=1, quiz=False)
user = User.objects.create_user(
    email={EMAIL!r}, password={PASSWORD!r}, full_name="Pedro Ramírez",
    agency="Unidad", preferred_language="es",
)
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
user.groups.add(sync_roles()[LEARNERS])
acknowledge_content_note(enroll_user(user, built.course))
out = built.lessons[0].pk
"""


def assert_unavailable(answer: tuple[int, dict, str], language: str) -> None:
    status, headers, body = answer
    assert status == 503, (status, body[:300])
    assert headers["Retry-After"] == "30"
    assert f'<html lang="{language}">' in body
    assert UNAVAILABLE[language] in body


def health(port: int) -> tuple[int, str]:
    status, _, body = Client(port).get("/healthz", proxied=False)
    return status, json.loads(body)["status"]


def waiting_on_lock(conn) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock'"
    ).fetchone()
    return row[0] > 0


def test_a_postgresql_restart_is_a_clean_503_and_then_nothing(
    tmp_path, migrated_template, static_root
):
    with ExitStack() as stack:
        cluster = stack.enter_context(own_postgres())
        url = cluster.copy_database(database_url(migrated_template), "puente")
        env = production_env(
            "unused",
            REDIS_DB,
            DATABASE_URL=url,
            DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        )
        flush_redis(REDIS_DB)
        stack.callback(flush_redis, REDIS_DB)
        lesson = run_django(SETUP, env)
        servers = []
        stack.callback(lambda: [stop(process) for _, process, _ in servers])
        for name in ("a", "b"):
            port, log = free_port(), tmp_path / f"gunicorn-{name}.log"
            servers.append((port, start_gunicorn(port, env, log), log))
        for port, process, log in servers:
            wait_healthy(port, process, log)
        ports = [port for port, _, _ in servers]

        learner = Client(ports[0])
        token = csrf_token(learner)
        status, _, _ = learner.post(
            LOGIN, {"csrfmiddlewaretoken": token, "login": EMAIL, "password": PASSWORD}
        )
        assert status == 302
        for n in range(8):  # every worker opens its persistent connection
            assert (
                Client(ports[n % 2], dict(learner.cookies)).get("/es/dashboard/")[0]
                == 200
            )

        # In flight: the learner's user row is locked, so the request waits inside
        # the database when every session is ended.
        locker = psycopg.connect(url)
        stack.callback(locker.close)
        locker.execute("LOCK TABLE lms_user IN ACCESS EXCLUSIVE MODE")
        in_flight = {}
        request = threading.Thread(
            target=lambda: in_flight.update(
                answer=Client(ports[1], dict(learner.cookies)).request(
                    "GET", "/es/dashboard/", timeout=90
                )
            )
        )
        request.start()
        wait_until(lambda: waiting_on_lock(locker), 60, "the request to wait")
        cluster.stop("fast")
        request.join(timeout=90)
        assert_unavailable(in_flight["answer"], "es")

        # Down: the same page, in each person's language; /healthz says so.
        assert_unavailable(
            Client(ports[0], dict(learner.cookies)).get("/es/dashboard/"), "es"
        )
        for language, port in (("en", ports[1]), ("es", ports[0])):
            # The sign-in form itself needs no query; signing in does.
            visitor = Client(port)
            path = f"/{language}/accounts/login/"
            form = {"login": EMAIL, "password": PASSWORD}
            form["csrfmiddlewaretoken"] = csrf_token(visitor, path)
            assert_unavailable(visitor.post(path, form), language)
        anonymous = Client(ports[1]).get("/en/")  # may come from the page cache
        assert anonymous[0] in (200, 503)
        assert [health(port) for port in ports] == [(503, "unavailable")] * 2

        # Back: the very next requests succeed on every worker (stale connections
        # are noticed by the health check and replaced), without a restart.
        cluster.start()
        answers = [
            Client(ports[n % 2], dict(learner.cookies)).get("/es/dashboard/")[0]
            for n in range(12)
        ]
        assert answers == [200] * 12
        assert [health(port) for port in ports] == [(200, "ok")] * 2
        status, headers, _ = learner.post(
            f"/es/learn/lessons/{lesson}/complete/",
            {"csrfmiddlewaretoken": learner.cookies["csrftoken"]},
        )
        assert status == 302  # writes work again too
        assert all(process.poll() is None for _, process, _ in servers)
        logs = "".join(log.read_text(errors="replace") for _, _, log in servers)
        assert "Unavailable: GET /es/dashboard/ (OperationalError" in logs
        assert '" 503 ' in logs and '" 500 ' not in logs  # gunicorn's access log
