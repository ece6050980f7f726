"""Issue 20, point 1: the personal-data download works on a freshly started worker.

Wagtail loads the ``register_log_actions`` hooks the first time something logs or
lists actions; the download read an action's label before that and answered 500
(``KeyError: 'puente.auth.roles_changed'``) on every worker restart. Proven twice:
in this process with a registry that has loaded nothing, and for real in new
processes under the production settings, each one's first request a download.
"""

from __future__ import annotations

import io
import json
import os
import uuid
import zipfile
from textwrap import dedent

import psycopg
import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import translation
from wagtail import log_actions
from wagtail.log_actions import LogActionRegistry, log
from wagtail.models import ModelLogEntry

from lms.accounts.audit import LOGIN, ROLES_CHANGED
from lms.accounts.privacy.export import get_personal_data
from tests.lms.settings.support import PROD_ENV, run_python


def _labels(sections) -> list[str]:
    [audit] = [section for section in sections if section.key == "audit_log"]
    return [row["action"] for row in audit.rows]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"), [("en", "Change roles"), ("es", "Cambio de roles")]
)
def test_the_export_reads_labels_before_anything_was_logged(
    learner, monkeypatch, language, label
):
    log(learner, ROLES_CHANGED, data={"added": ["Learners"], "removed": []})
    # What a new worker holds: a registry whose hooks have not been loaded.
    monkeypatch.setattr(log_actions, "registry", LogActionRegistry())
    assert not log_actions.registry.has_scanned_for_actions
    with translation.override(language):
        labels = _labels(get_personal_data(learner))
    assert label in labels


def test_an_action_no_longer_registered_reads_as_its_name(learner, db):
    log(learner, ROLES_CHANGED, data={})
    ModelLogEntry.objects.filter(action=ROLES_CHANGED).update(action="puente.gone")
    assert "puente.gone" in _labels(get_personal_data(learner))


# In a new process ---------------------------------------------------------------

PREPARE = """
import django, json
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from wagtail.log_actions import log
from lms.models import User
user = User.objects.create_user(email="cold-{language}@agency.test", password="x-" * 8,
                                full_name="Cold Start", preferred_language="{language}")
log(user, "{login}", data={{"ip": "127.0.0.1"}})
log(user, "{roles}", data={{"added": ["Learners"], "removed": []}})
sessions = []
for _n in range(2):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    sessions.append(store.session_key)
print(json.dumps(sessions))
"""

# The child's first request: nothing else has run in this process.
DOWNLOAD = """
import django, json
django.setup()
from django.conf import settings
from django.test import Client
from wagtail.log_actions import registry
cold = not registry.has_scanned_for_actions
client = Client(HTTP_HOST="puente.example.org", raise_request_exception=False)
client.cookies[settings.SESSION_COOKIE_NAME] = "{session}"
response = client.get("{url}", secure=True)
print(json.dumps({{"cold": cold, "status": response.status_code,
                  "type": response.get("Content-Type", ""),
                  "body": response.content.decode("latin-1")}}))
"""


@pytest.fixture(scope="module")
def production_database(django_db_setup, django_db_blocker):
    """A PostgreSQL database copied from the migrated test database, for children
    running the production settings; dropped afterwards. Module-scoped, so it is
    made before the test's own transaction opens a session on the template."""
    if connection.vendor != "postgresql":
        pytest.skip("the production settings need PostgreSQL (CI's second pass)")
    if not os.environ.get("REDIS_URL"):
        pytest.skip("the production settings need Redis (REDIS_URL)")
    settings_dict = dict(connection.settings_dict)
    template, name = settings_dict["NAME"], f"puente_cold_{uuid.uuid4().hex[:8]}"
    server = {
        "host": settings_dict.get("HOST") or "127.0.0.1",
        "port": settings_dict.get("PORT") or 5432,
        "user": settings_dict.get("USER") or "postgres",
        "password": settings_dict.get("PASSWORD") or None,
    }

    def maintenance(sql: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(sql)

    with django_db_blocker.unblock():
        connections.close_all()  # a template database must have no other session
    maintenance(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    password = f":{server['password']}" if server["password"] else ""
    yield (
        f"postgres://{server['user']}{password}@{server['host']}:{server['port']}"
        f"/{name}"
    )
    maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.django_db  # so that pytest-django creates the test database
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_first_request_of_a_new_worker_downloads_json_and_csv(
    production_database, language
):
    env = {
        **PROD_ENV,
        "DATABASE_URL": production_database,
        "REDIS_URL": os.environ["REDIS_URL"],
    }
    prepared = run_python(
        dedent(PREPARE).format(language=language, login=LOGIN, roles=ROLES_CHANGED),
        env,
    )
    assert prepared.returncode == 0, prepared.stderr
    sessions = json.loads(prepared.stdout.strip().splitlines()[-1])
    label = {"en": "Change roles", "es": "Cambio de roles"}[language]
    for data_format, session in zip(("json", "csv"), sessions, strict=True):
        with translation.override(language):
            url = reverse("account_data_download", args=[data_format])
        child = run_python(dedent(DOWNLOAD).format(session=session, url=url), env)
        assert child.returncode == 0, child.stderr
        result = json.loads(child.stdout.strip().splitlines()[-1])
        assert result["cold"], "the child had loaded the log actions before"
        assert result["status"] == 200, (data_format, child.stdout[-3000:])
        body = result["body"].encode("latin-1")
        if data_format == "json":
            rows = json.loads(body)["sections"]["audit_log"]["rows"]
            assert label in [row["action"] for row in rows]
        else:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                assert label in archive.read("audit_log.csv").decode("utf-8-sig")
