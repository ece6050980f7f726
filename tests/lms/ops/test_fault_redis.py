"""Fault matrix: Redis stops in the middle of traffic, comes back, and hangs.

Two gunicorn app servers (lms.settings.production) use a Redis server of this test's
own while a thread keeps requesting public pages and a learner's dashboard from both.
Redis is shut down (its data lost), started again, then frozen with SIGSTOP (a hung
server or a lost network: connections time out, the data survives) and thawed.
Throughout: no answer is a 5xx; sessions keep working and a new sign-in works
(sessions are in PostgreSQL); the failed-login limit still counts across both
servers (in PostgreSQL meanwhile); /healthz says "degraded" but keeps the servers in;
when Redis answers again everything uses it again without a restart; and a sign-out
made while Redis was frozen is not undone by the old copy Redis still holds.
docs/deployment.md ("Faults") says the same.
"""

from __future__ import annotations

import json
import threading
import time
from contextlib import ExitStack

import pytest

from tests.lms.ops.faults import (
    LOGIN,
    PASSWORD,
    csrf_token,
    own_redis,
    wait_until,
)
from tests.lms.ops.support import (
    Client,
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

LEARNERS = [
    "ana.redis@agency.test",
    "beto.redis@agency.test",
    "carla.redis@agency.test",
]
TOO_MANY = "Too many failed login attempts"

SETUP = f"""
from allauth.account.models import EmailAddress
from django.utils import translation
from lms.accounts.roles import LEARNERS, sync_roles
from lms.demo.courses import ensure_home_page
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import User
from tests.builders import make_course
built = make_course(ensure_home_page(), modules=1, lessons_per_module=1, quiz=False)
group = sync_roles()[LEARNERS]
for n, email in enumerate({LEARNERS!r}):
    user = User.objects.create_user(
        email=email, password={PASSWORD!r}, full_name=f"Oficial Redis {{n}}",
        agency="Unidad", preferred_language="en",
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(group)
    acknowledge_content_note(enroll_user(user, built.course))
with translation.override("en"):
    course_en = built.course.get_url()
with translation.override("es"):
    course_es = built.course.get_url()
out = {{"course_en": course_en, "course_es": course_es}}
"""


class Traffic:
    """Requests from a thread until stopped; remembers every status by phase."""

    def __init__(self, targets: list[tuple[Client, str]]):
        self.targets = targets
        self.phase = "up"
        self.seen: dict[str, list[tuple[int, str, float]]] = {}
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        index = 0
        while not self._stop.is_set():
            client, path = self.targets[index % len(self.targets)]
            index += 1
            started = time.monotonic()
            try:
                status = client.get(path)[0]
            except Exception as error:  # a dropped connection counts as a failure
                self.errors.append(f"{self.phase} {path}: {error!r}")
                continue
            took = time.monotonic() - started
            self.seen.setdefault(self.phase, []).append((status, path, took))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=60)

    def count(self, phase: str) -> int:
        return len(self.seen.get(phase, []))

    def failures(self) -> list:
        return self.errors + [
            (phase, status, path)
            for phase, answers in self.seen.items()
            for status, path, _ in answers
            if status >= 500
        ]


def sign_in(port: int, email: str, password: str = PASSWORD, **headers) -> Client:
    client = Client(port, headers=headers)
    token = csrf_token(client)
    status, response_headers, html = client.post(
        LOGIN, {"csrfmiddlewaretoken": token, "login": email, "password": password}
    )
    assert status == 302, (status, html[:300])
    assert response_headers["Location"].endswith("/en/dashboard/")
    return client


def signed_in(port: int, cookies: dict) -> bool:
    status, headers, _ = Client(port, cookies=dict(cookies)).get("/en/dashboard/")
    if status == 302:
        assert LOGIN in headers["Location"]
        return False
    assert status == 200
    return True


def health(port: int) -> str:
    status, _, body = Client(port).get("/healthz", proxied=False)
    assert status == 200, (status, body)  # never taken out over Redis
    return json.loads(body)["status"]


def failed_logins(ports: tuple[int, int], email: str, address: str) -> list[tuple]:
    """Six wrong passwords for one address, alternating servers, from one client IP."""
    clients = [Client(port, headers={"X-Forwarded-For": address}) for port in ports]
    tokens = [csrf_token(client) for client in clients]
    outcomes = []
    for attempt in range(6):
        which = attempt % 2
        status, _, html = clients[which].post(
            LOGIN,
            {"csrfmiddlewaretoken": tokens[which], "login": email, "password": "wrong"},
        )
        outcomes.append((status, TOO_MANY in html))
    return outcomes


def log_text(logs) -> str:
    return "".join(log.read_text(errors="replace") for log in logs)


def test_pages_keep_serving_while_redis_stops_returns_and_hangs(
    tmp_path, migrated_template, static_root
):
    with ExitStack() as stack:
        redis = stack.enter_context(own_redis())
        database = stack.enter_context(
            scratch_database("puente_faults_redis", template=migrated_template)
        )
        env = production_env(
            database,
            0,
            REDIS_URL=redis.url(0),
            DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
            DJANGO_TRUSTED_PROXY_COUNT="1",
        )
        pages = run_django(SETUP, env)
        servers = []
        stack.callback(lambda: [stop(process) for _, process, _ in servers])
        for name in ("a", "b"):
            port, log = free_port(), tmp_path / f"gunicorn-{name}.log"
            servers.append((port, start_gunicorn(port, env, log), log))
        for port, process, log in servers:
            wait_healthy(port, process, log)
        ports = (servers[0][0], servers[1][0])
        logs = [log for _, _, log in servers]

        ana = sign_in(ports[0], LEARNERS[0])
        carla = sign_in(ports[1], LEARNERS[2])
        targets = [
            (Client(port), path)
            for port in ports
            for path in ("/en/", "/es/", pages["course_en"], pages["course_es"])
        ] + [(Client(port, cookies=ana.cookies), "/en/dashboard/") for port in ports]
        traffic = stack.enter_context(Traffic(targets))

        # Up: sessions and public pages are kept in Redis.
        wait_until(lambda: traffic.count("up") >= 20, 120, "traffic")
        assert redis.dbsize() > 0
        assert [health(port) for port in ports] == ["ok", "ok"]

        # Down.
        redis.stop()
        traffic.phase = "down"
        wait_until(lambda: traffic.count("down") >= 20, 120, "traffic without Redis")
        assert [health(port) for port in ports] == ["degraded", "degraded"]
        assert signed_in(ports[1], ana.cookies) and signed_in(ports[0], ana.cookies)
        beto = sign_in(ports[1], LEARNERS[1])  # a new session, stored in PostgreSQL
        assert signed_in(ports[0], beto.cookies)
        # The per-address limit (5 failures) still counts across both servers.
        outcomes = failed_logins(ports, LEARNERS[2], "198.51.100.20")
        assert outcomes == [(200, False)] * 5 + [(200, True)], outcomes
        assert "unreachable" in log_text(logs)

        # Back (empty, as after a restart): used again without restarting anything.
        redis.start()
        traffic.phase = "back"
        wait_until(
            lambda: [health(port) for port in ports] == ["ok", "ok"], 60, "recovery"
        )
        wait_until(lambda: traffic.count("back") >= 20, 120, "traffic with Redis")
        # Each server process finds Redis again on its own and cleans what it wrote
        # meanwhile (a whole flush once that is more than its list holds, as the
        # learner caches make likely), so a session cached by one process may be
        # flushed by another that recovers later: the sessions are cached again once
        # every process is back.
        wait_until(
            lambda: redis.keys("puente:*:django.contrib.sessions.cached_db*"),
            60,
            "sessions cached in Redis again",
        )
        failed_logins(ports, LEARNERS[0], "198.51.100.21")
        assert redis.keys("puente:*:allauth:rl:*")  # limits count in Redis again
        assert signed_in(ports[0], ana.cookies) and signed_in(ports[1], beto.cookies)
        assert "reachable again" in log_text(logs)
        assert all(process.poll() is None for _, process, _ in servers)

        # Frozen: Carla signs out while Redis, holding her cached session, hangs.
        assert signed_in(ports[0], carla.cookies)
        session = carla.cookies["sessionid"]
        assert any(key.endswith(session) for key in redis.keys("puente:*"))
        stale = dict(carla.cookies)
        redis.pause()
        traffic.phase = "frozen"
        status, _, _ = carla.post(
            "/en/accounts/logout/", {"csrfmiddlewaretoken": carla.cookies["csrftoken"]}
        )
        assert status == 302
        wait_until(lambda: traffic.count("frozen") >= 10, 180, "traffic, Redis frozen")
        assert [health(port) for port in ports] == ["degraded", "degraded"]
        redis.resume()
        traffic.phase = "thawed"
        # Within seconds the old copy is gone and stays gone, on both servers.
        wait_until(
            lambda: not signed_in(ports[0], stale) and not signed_in(ports[1], stale),
            60,
            "the signed-out session to stay signed out",
        )
        assert not any(signed_in(ports[n % 2], stale) for n in range(8))
        assert signed_in(ports[0], ana.cookies)
        wait_until(lambda: traffic.count("thawed") >= 10, 120, "traffic, thawed")

    assert traffic.failures() == []
    slowest = max(took for answers in traffic.seen.values() for _, _, took in answers)
    assert slowest < 20, f"a request took {slowest:.1f} s"  # gunicorn times out at 30
    print(
        "requests by phase:",
        {phase: len(answers) for phase, answers in traffic.seen.items()},
        f"slowest {slowest:.2f} s",
    )
