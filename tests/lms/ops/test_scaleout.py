"""Scale-out proof: two gunicorn app servers on one PostgreSQL database and one Redis.

Runs lms.settings.production for real (over loopback HTTP, posing behind a TLS proxy
with ``X-Forwarded-Proto: https``): sessions, rate limits, queued tasks and certificate
serials must not depend on which app server a request reaches.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.lms.ops.support import (
    ROOT,
    SCALEOUT_REDIS_DB,
    Client,
    flush_redis,
    free_port,
    manage,
    needs_postgres_and_redis,
    production_env,
    run_django,
    scratch_database,
    start_gunicorn,
    stop,
    wait_healthy,
)

pytestmark = [pytest.mark.slow, needs_postgres_and_redis]

EMAIL = "scaleout.learner@agency.test"
PASSWORD = "scale-out-Passw0rd-2026"
LOGIN = "/en/accounts/login/"
TOO_MANY = "Too many failed login attempts"

CREATE_LEARNER = f"""
from allauth.account.models import EmailAddress
from lms.models import User
from lms.accounts.roles import LEARNERS, sync_roles
user = User.objects.create_user(
    email={EMAIL!r}, password={PASSWORD!r}, full_name="Ana Núñez",
    agency="Border Unit", preferred_language="en",
)
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
user.groups.add(sync_roles()[LEARNERS])
out = user.pk
"""

ENQUEUE = """
from tests.lms.ops.tasks import add_numbers
out = add_numbers.enqueue(20, 22).id
"""

RESULT = """
from tests.lms.ops.tasks import add_numbers
result = add_numbers.get_result({result_id!r})
out = {{"status": str(result.status), "value": result.return_value
       if str(result.status) == "SUCCESSFUL" else None}}
"""


CERTIFICATE_LEARNERS = 8
CERTIFICATE_SETUP = f"""
from allauth.account.models import EmailAddress
from lms.demo.courses import ensure_home_page
from lms.models import User
from lms.accounts.roles import LEARNERS, sync_roles
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from tests.builders import make_course
built = make_course(ensure_home_page(), modules=1, lessons_per_module=1, quiz=False)
learners = sync_roles()[LEARNERS]
emails = []
for n in range({CERTIFICATE_LEARNERS}):
    user = User.objects.create_user(
        email=f"cert{{n}}@agency.test", password={PASSWORD!r},
        full_name=f"Oficial Núñez {{n}}", agency="Unidad", preferred_language="en",
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    user.groups.add(learners)
    acknowledge_content_note(enroll_user(user, built.course))
    emails.append(user.email)
out = {{"lesson": built.lessons[0].pk, "course": built.course.pk, "emails": emails}}
"""

CERTIFICATES = """
from certificates.models import Certificate
out = [[c.user.email, c.serial, c.code, str(c.status)] for c in
       Certificate.objects.filter(course_id={course}).select_related("user")]
"""


EMAIL_TASKS = """
from django_tasks_db.models import DBTaskResult
out = sorted(
    [str(row.status), row.return_value] for row in
    DBTaskResult.objects.filter(task_path__endswith="send_certificate_email")
)
"""


def _limit(action: str, per: str) -> int:
    """The amount of ``ACCOUNT_RATE_LIMITS[action]`` counted per ``per`` (ip/key)."""
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _duration, unit = rate.strip().split("/")
        if unit == per:
            return int(amount)
    raise AssertionError(f"no per-{per} limit for {action}")


def _csrf_token(client: Client) -> str:
    status, _, html = client.get(LOGIN)
    assert status == 200
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "login form without a CSRF token"
    return match.group(1)


def _login(client: Client, password: str) -> tuple[int, dict, str]:
    token = _csrf_token(client)
    return client.post(
        LOGIN, {"csrfmiddlewaretoken": token, "login": EMAIL, "password": password}
    )


def check_session_is_shared(port_a: int, port_b: int) -> None:
    on_a = Client(port_a)
    status, headers, _ = _login(on_a, PASSWORD)
    assert status == 302, "login on A failed"
    assert headers["Location"].endswith("/en/dashboard/")
    assert "sessionid" in on_a.cookies

    on_b = Client(port_b, cookies=dict(on_a.cookies))
    status, _, html = on_b.get("/en/dashboard/")
    assert status == 200
    assert "Ana Núñez" in html or EMAIL in html or "dashboard" in html.lower()

    status, headers, _ = Client(port_b).get("/en/dashboard/")
    assert status == 302 and LOGIN in headers["Location"]  # anonymous: no session


def check_rate_limits_are_shared(port_a: int, port_b: int) -> None:
    flush_redis(SCALEOUT_REDIS_DB)  # start counting from zero (sessions stay in SQL)
    per_ip = _limit("login", "ip")
    per_key = _limit("login_failed", "key")
    clients = [Client(port_a), Client(port_b)]
    tokens = [_csrf_token(client) for client in clients]
    outcomes = []
    started = time.monotonic()
    for attempt in range(per_ip + 1):
        which = attempt % 2
        status, _, html = clients[which].post(
            LOGIN,
            {
                "csrfmiddlewaretoken": tokens[which],
                "login": EMAIL,
                "password": "wrong-password",
            },
        )
        outcomes.append((status, TOO_MANY in html))
        if status == 429:
            break
    assert time.monotonic() - started < 55, "too slow for a one-minute window"
    # Per e-mail: the first `per_key` failures are plain failures, then blocked,
    # although the attempts alternated between the two servers.
    assert outcomes[:per_key] == [(200, False)] * per_key, outcomes
    assert outcomes[per_key] == (200, True), outcomes
    # Per IP: the combined count of POSTs to both servers reaches 429 exactly once
    # it passes the limit.
    assert [status for status, _ in outcomes[:per_ip]] == [200] * per_ip
    assert len(outcomes) == per_ip + 1 and outcomes[-1][0] == 429


def check_task_runs_on_a_worker(env: dict, tmp_path) -> None:
    log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--max-tasks",
            "1",
            "--interval",
            "0.2",
            "--no-startup-delay",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        result_id = run_django(ENQUEUE, env)
        deadline = time.monotonic() + 60
        outcome = run_django(RESULT.format(result_id=result_id), env)
        while outcome["status"] != "SUCCESSFUL" and time.monotonic() < deadline:
            assert outcome["status"] in {"READY", "RUNNING"}, outcome
            time.sleep(0.5)
            outcome = run_django(RESULT.format(result_id=result_id), env)
        assert outcome == {"status": "SUCCESSFUL", "value": 42}
        worker.wait(timeout=30)  # --max-tasks 1: the worker stops by itself
        assert worker.returncode == 0
    finally:
        stop(worker)
        log.close()


def check_concurrent_certificates_have_unique_serials(
    env: dict, port_a: int, port_b: int
) -> None:
    """Learners finish a course at the same moment, half through each server."""
    flush_redis(SCALEOUT_REDIS_DB)  # the rate-limit check left this IP blocked
    setup = run_django(CERTIFICATE_SETUP, env)
    clients = []
    for index, email in enumerate(setup["emails"]):
        client = Client((port_a, port_b)[index % 2])
        token = _csrf_token(client)
        status, _, _ = client.post(
            LOGIN, {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}
        )
        assert status == 302, f"login of {email} failed"
        clients.append(client)

    complete = f"/en/learn/lessons/{setup['lesson']}/complete/"
    barrier = threading.Barrier(len(clients))

    def finish(client: Client) -> int:
        barrier.wait(timeout=30)
        # The unmasked CSRF secret from the cookie is a valid form token.
        token = client.cookies["csrftoken"]
        return client.post(complete, {"csrfmiddlewaretoken": token})[0]

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        statuses = list(pool.map(finish, clients, timeout=120))
    assert statuses == [302] * len(clients)

    # The requests only queued the issues (decision 0010); two workers at once
    # issue them, so serials are still taken concurrently.
    assert run_django(CERTIFICATES.format(course=setup["course"]), env) == []
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(
            pool.map(
                lambda _n: manage(
                    "db_worker", "--batch", "--no-startup-delay", env=env, timeout=180
                ),
                range(2),
            )
        )
    issued = run_django(CERTIFICATES.format(course=setup["course"]), env)
    assert sorted(row[0] for row in issued) == sorted(setup["emails"])
    assert all(row[3] == "valid" for row in issued), issued
    assert len({row[1] for row in issued}) == len(issued)  # serials
    assert len({row[2] for row in issued}) == len(issued)  # verification codes
    for index, (_, serial, code, _) in enumerate(issued):
        # Any server verifies any certificate.
        status, _, html = Client((port_b, port_a)[index % 2]).get(f"/en/verify/{code}/")
        assert status == 200 and serial in html


def check_queued_emails_are_sent_by_a_worker(env: dict, mail_dir) -> None:
    """Each issue queued one certificate email per learner; a worker sends them
    (the workers that issued them already did: a further run sends nothing)."""
    manage("db_worker", "--batch", "--no-startup-delay", env=env, timeout=180)
    assert run_django(EMAIL_TASKS, env) == [["SUCCESSFUL", True]] * CERTIFICATE_LEARNERS
    assert len(list(mail_dir.iterdir())) >= 1  # the file backend writes the messages


def test_two_app_servers_share_sessions_rate_limits_and_tasks(
    tmp_path, migrated_template, static_root
):
    with scratch_database("puente_scaleout", template=migrated_template) as database:
        env = production_env(
            database,
            SCALEOUT_REDIS_DB,
            DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(tmp_path / "mail"),
        )
        flush_redis(SCALEOUT_REDIS_DB)
        manage("migrate", "--check", env=env)  # the copy is fully migrated
        run_django(CREATE_LEARNER, env)

        servers = []
        try:
            for name in ("a", "b"):
                port, log = free_port(), tmp_path / f"gunicorn-{name}.log"
                servers.append((port, start_gunicorn(port, env, log), log))
            for port, process, log in servers:
                wait_healthy(port, process, log)
            port_a, port_b = servers[0][0], servers[1][0]

            check_session_is_shared(port_a, port_b)
            check_rate_limits_are_shared(port_a, port_b)
            check_task_runs_on_a_worker(env, tmp_path)
            check_concurrent_certificates_have_unique_serials(env, port_a, port_b)
            check_queued_emails_are_sent_by_a_worker(env, tmp_path / "mail")
        finally:
            for _, process, _ in servers:
                stop(process)
            flush_redis(SCALEOUT_REDIS_DB)
