"""Fault matrix: the worker is killed (``kill -9``) in the middle of a task.

A real ``db_worker`` on PostgreSQL runs the certificate e-mail (with its PDF) and the
cohort invitation, and is killed either while the message is being sent (nothing
went out) or after it went out and was recorded but before the task's result row was
written (the worst moment: the task looks unfinished). ``manage.py recover_tasks``
puts the abandoned task back in the queue, a new worker runs it, and the person has
exactly one e-mail either way. docs/deployment.md ("Faults") says the same.
"""

from __future__ import annotations

import email
import email.header
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.lms.ops.faults import FAULTS_REDIS_DB, wait_until
from tests.lms.ops.support import (
    ROOT,
    database_url,
    flush_redis,
    manage,
    needs_postgres_and_redis,
    production_env,
    run_django,
    scratch_database,
)

pytestmark = [pytest.mark.slow, needs_postgres_and_redis]

LEARNER = "lucia.fernandez@agency.test"
INVITEE = "invitada.norte@agency.test"

SETUP = f"""
from allauth.account.models import EmailAddress
from certificates.services import issue_certificate
from lms.demo.courses import ensure_home_page
from lms.models import Cohort, User
from tests.builders import make_course
from tests.certificates.support import complete
built = make_course(ensure_home_page(), modules=1, lessons_per_module=1, quiz=False)
learner = User.objects.create_user(
    email={LEARNER!r}, password="worker-fault-Passw0rd", full_name="Lucía Fernández",
    agency="Unidad Fronteriza", preferred_language="es",
)
EmailAddress.objects.create(
    user=learner, email=learner.email, verified=True, primary=True
)
certificate = issue_certificate(complete(learner, built.course))
cohort = Cohort.objects.create(name="Unidad Norte")
invitee = User.objects.create_user(
    email={INVITEE!r}, full_name="Rosa Méndez", agency="Unidad Norte",
    preferred_language="es",
)
out = {{"certificate": certificate.pk, "invitee": invitee.pk, "cohort": cohort.pk}}
"""

ENQUEUE = """
from certificates.tasks import send_certificate_email
from lms.cohorts.tasks import send_cohort_invitation
if {kind!r} == "certificate":
    result = send_certificate_email.enqueue({certificate}, "issued")
else:
    result = send_cohort_invitation.enqueue({invitee}, {cohort})
out = str(result.id)
"""

RESULT = """
from django_tasks_db.models import DBTaskResult
row = DBTaskResult.objects.get(pk={task_id!r})
out = [str(row.status), row.return_value, len(row.worker_ids)]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, migrated_template, static_root):
    """A migrated database with a certificate and an invitee; the setup's own
    "issued" e-mail is sent by a first worker, so each test starts with an empty
    queue."""
    tmp = tmp_path_factory.mktemp("worker-faults")
    with scratch_database("puente_faults_worker", template=migrated_template) as name:
        env = production_env(
            name,
            FAULTS_REDIS_DB,
            DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_MEDIA_ROOT=str(tmp / "media"),
            DJANGO_EMAIL_BACKEND="tests.lms.ops.mail.HoldingFileBackend",
            EMAIL_FILE_PATH=str(tmp / "mail"),
            PUENTE_TEST_MAIL_GATE=str(tmp / "gate"),
        )
        flush_redis(FAULTS_REDIS_DB)
        ids = run_django(SETUP, env)
        manage("db_worker", "--batch", "--no-startup-delay", env=env, timeout=180)
        yield {"env": env, "ids": ids, "url": database_url(name), "tmp": tmp}
    flush_redis(FAULTS_REDIS_DB)


def messages_to(mail_dir: Path, address: str) -> list[email.message.Message]:
    found = []
    for path in sorted(mail_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        if message["To"] == address:
            found.append(message)
    return found


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "manage.py", "db_worker", "--interval", "0.2",
            "--no-startup-delay",
        ],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def kill_9(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL


def waiting_on_a_lock(url: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock'"
        ).fetchone()
    return row[0] > 0


def end_lock_waiters(url: str) -> None:
    """End the dead worker's session: its UPDATE was already sent, and the server
    would only notice the client is gone at its next reply, after committing it."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )


def effect_recorded(url: str, task_id: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM puente_ops_taskeffect WHERE key = %s", [task_id]
        ).fetchone()
    return row[0] == 1


@pytest.mark.parametrize("kind", ["certificate", "invitation"])
@pytest.mark.parametrize("moment", ["while sending", "after sending"])
def test_a_task_whose_worker_was_killed_runs_again_and_mails_once(site, kind, moment):
    env, ids, tmp = site["env"], site["ids"], site["tmp"]
    gate, mail = tmp / "gate", tmp / "mail"
    shutil.rmtree(gate, ignore_errors=True)
    gate.mkdir()
    address = LEARNER if kind == "certificate" else INVITEE
    (gate / "hold").write_text(address)
    before = len(messages_to(mail, address))
    task_id = run_django(ENQUEUE.format(kind=kind, **ids), env)

    log = tmp / f"worker-{kind}-{moment.replace(' ', '-')}.log"
    worker = start_worker(env, log)
    lock = None
    try:
        wait_until(lambda: (gate / "held").exists() or worker.poll() is not None,
                   180, "the worker to reach the send")  # fmt: skip
        assert worker.poll() is None, log.read_text()
        if moment == "after sending":
            # The result row is held, so the worker sends, records the effect and
            # commits, then blocks writing SUCCESSFUL: killed there, the row says
            # RUNNING although the e-mail went out.
            lock = psycopg.connect(site["url"])
            lock.execute(
                "SELECT 1 FROM django_tasks_database_dbtaskresult WHERE id = %s"
                " FOR UPDATE",
                [task_id],
            )
            (gate / "release").touch()
            wait_until(lambda: effect_recorded(site["url"], task_id), 60, "the marker")
            wait_until(lambda: waiting_on_a_lock(site["url"]), 60, "the result write")
            assert len(messages_to(mail, address)) == before + 1
        kill_9(worker)
        if lock is not None:
            end_lock_waiters(site["url"])
    finally:
        if worker.poll() is None:
            kill_9(worker)
        if lock is not None:
            lock.rollback()
            lock.close()

    status, _value, attempts = run_django(RESULT.format(task_id=task_id), env)
    assert (status, attempts) == ("RUNNING", 1)  # abandoned: nothing would run it
    sent = 1 if moment == "after sending" else 0
    assert len(messages_to(mail, address)) == before + sent

    # Not yet stale by the default threshold (15 minutes): left alone.
    assert "Requeued 0 abandoned task(s)." in manage("recover_tasks", env=env)
    assert task_id in manage("recover_tasks", "--stale-after", "0", env=env)
    (gate / "hold").unlink()
    manage("db_worker", "--batch", "--no-startup-delay", env=env, timeout=180)

    assert run_django(RESULT.format(task_id=task_id), env) == ["SUCCESSFUL", True, 2]
    received = messages_to(mail, address)
    assert len(received) == before + 1, [m["Subject"] for m in received]
    subject = str(
        email.header.make_header(email.header.decode_header(received[-1]["Subject"]))
    )
    assert subject.startswith("[Puente] ")
    if kind == "certificate":  # with its PDF, in the learner's language
        assert any(
            part.get_content_type() == "application/pdf" for part in received[-1].walk()
        )
