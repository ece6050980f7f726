"""Fault matrix: a deploy's migrations run while the old code still serves.

docs/deployment.md ("Upgrading") runs ``migrate`` once, then rolls the servers one at
a time, so for a while the previous release serves on the new schema. That is only
safe if every migration since that release is additive for the old code: a new
table, a nullable column or one with a database default (``db_default``; a plain
``default`` lives in Python only, so the old code's INSERTs would leave the column
NULL and fail), an index, options that change no SQL. Anything else must be listed
in docs/deployment.md ("Migrations that are not purely additive") with why it is
safe. The migrations are read from the files at test time (others add them), and
the previous release's code is run against a database the new code migrated.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations import operations as ops
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

from tests.lms.ops.support import (
    ROOT,
    database_url,
    needs_postgres_and_redis,
    production_env,
    run_django,
    scratch_database,
)

# PostgreSQL (CI's second pass): SQLite's schema editor cannot collect SQL inside
# the test's transaction, and the previous release runs on PostgreSQL.
pytestmark = [pytest.mark.slow, needs_postgres_and_redis]

# The previous release, as the migrate-forward check names it.
BASE_COMMIT = re.search(
    r'^BASE_COMMIT = "([0-9a-f]{40})"',
    (ROOT / "scripts" / "check_migrate_forward.py").read_text(),
    re.MULTILINE,
).group(1)
DOCUMENTED_HEADING = "### Migrations that are not purely additive"
# Change no table the old code uses, or only make it accept more.
HARMLESS = (
    ops.AlterModelOptions,
    ops.AlterModelManagers,
    ops.AddIndex,
    ops.RemoveIndex,
    ops.RenameIndex,
    ops.RemoveConstraint,
)


def _app_for(path: Path):
    for config in apps.get_app_configs():
        if Path(config.path) == path.parent.parent:
            return config.label
    return None


def migrations_since(commit: str) -> list[tuple[str, str]]:
    """(app label, name) of every migration file of ours that ``commit`` lacks."""
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", commit],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    old = {path for path in listed if "/migrations/" in path}
    new = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if not folder.is_relative_to(ROOT) or ".venv" in folder.parts:
            continue
        for path in sorted(folder.glob("[0-9][0-9][0-9][0-9]_*.py")):
            if str(path.relative_to(ROOT)) not in old:
                new.append((config.label, path.stem))
    return new


def _adds_sql(label: str, operation, before, after) -> bool:
    with connection.schema_editor(collect_sql=True, atomic=False) as editor:
        operation.database_forwards(label, editor, before, after)
    return bool(editor.collected_sql)


def breaking_operations(
    label: str, name: str, loader: MigrationLoader, created: set[str] | None = None
) -> list[str]:
    """What in migration ``label.name`` the previous release could trip on.

    ``created`` collects the tables new since the release (``label.model``): the
    old code never touches them, so whatever later happens to them is safe.
    """
    migration = loader.disk_migrations[(label, name)]
    state = loader.project_state((label, name), at_end=False)
    created = set() if created is None else created
    found = []
    for operation in migration.operations:
        after = state.clone()
        operation.state_forwards(label, after)
        model = getattr(operation, "model_name", None) or getattr(operation, "name", "")
        model = (model or "").lower()
        problem = None
        if isinstance(operation, ops.CreateModel):
            created.add(f"{label}.{operation.name_lower}")
        elif f"{label}.{model}" in created or isinstance(operation, HARMLESS):
            pass  # a table the old code does not know of, or no effect on it
        elif isinstance(operation, ops.AddField):
            field = operation.field
            if not (
                field.many_to_many or field.null or field.db_default is not NOT_PROVIDED
            ):
                problem = "NOT NULL column without db_default (old INSERTs fail)"
        elif isinstance(operation, ops.AlterField):
            if _adds_sql(label, operation, state, after):
                problem = "changes the column in the database"
        elif isinstance(operation, ops.AddConstraint):
            problem = "a constraint the old code's writes may break"
        else:
            problem = f"{type(operation).__name__} (not additive)"
        if problem:
            found.append(f"{operation.describe()}: {problem}")
        state = after
    return found


def documented_migrations() -> set[str]:
    text = (ROOT / "docs" / "deployment.md").read_text()
    assert DOCUMENTED_HEADING in text, (
        f"docs/deployment.md lacks {DOCUMENTED_HEADING!r}"
    )
    section = text.split(DOCUMENTED_HEADING, 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^\| `([\w]+\.[\w]+)` \|", section, re.MULTILINE))


@pytest.mark.django_db
def test_the_classifier_tells_additive_from_breaking(db):
    from django.db import models
    from django.db.migrations.state import ModelState, ProjectState

    state = ProjectState()
    state.add_model(
        ModelState("puente_ops", "Probe", [("id", models.AutoField(primary_key=True))])
    )
    cases = {
        "nullable": (ops.AddField("probe", "a", models.TextField(null=True)), False),
        "db_default": (
            ops.AddField("probe", "b", models.TextField(db_default="")),
            False,
        ),
        "python default only": (
            ops.AddField("probe", "c", models.TextField(default="")),
            True,
        ),
        "removed": (ops.RemoveField("probe", "id"), True),
        "renamed": (ops.RenameField("probe", "id", "pk2"), True),
        "index": (
            ops.AddIndex("probe", models.Index(fields=["id"], name="probe_idx")),
            False,
        ),
    }

    class Loader:
        def __init__(self, operation):
            self.disk_migrations = {
                ("puente_ops", "x"): type("M", (), {"operations": [operation]})
            }

        def project_state(self, node, at_end):
            return state.clone()

    for case, (operation, breaks) in cases.items():
        assert (
            bool(breaking_operations("puente_ops", "x", Loader(operation))) is breaks
        ), case


@pytest.mark.django_db
def test_every_migration_since_the_last_release_is_additive_or_documented(db):
    new = migrations_since(BASE_COMMIT)
    assert ("puente_ops", "0001_task_effects_and_cache_fallback") in new
    loader = MigrationLoader(None, ignore_no_migrations=True)
    documented = documented_migrations()
    created: set[str] = set()
    breaking = {
        f"{label}.{name}": breaking_operations(label, name, loader, created)
        for label, name in new
    }
    undocumented = {
        key: problems
        for key, problems in breaking.items()
        if problems and key not in documented
    }
    assert undocumented == {}, (
        "The previous release cannot run on these migrations while servers roll "
        "(give new NOT NULL columns a db_default, or expand now and contract in a "
        "later release), or list them in docs/deployment.md under "
        f"{DOCUMENTED_HEADING!r} with why they are safe:\n"
        + json.dumps(undocumented, indent=2)
    )
    stale = documented - {f"{label}.{name}" for label, name in new}
    assert not stale, f"documented but not new since {BASE_COMMIT[:10]}: {stale}"


# The previous release's code on the new schema -----------------------------------

NEW_DATA = """
from allauth.account.models import EmailAddress
from django.utils import translation
from lms.demo.courses import ensure_home_page
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import User
from tests.builders import make_course
built = make_course(ensure_home_page(), modules=1, lessons_per_module=1, quiz=False)
learners = []
for n in range(2):
    user = User.objects.create_user(
        email=f"old.code{n}@agency.test", password="old-code-Passw0rd",
        full_name=f"Oficial {n}", agency="Unidad", preferred_language="en",
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    learners.append(user.email)
first = User.objects.get(email=learners[0])
acknowledge_content_note(enroll_user(first, built.course))
with translation.override("en"):
    url = built.course.get_url()
out = {"course": built.course.pk, "url": url, "lesson": built.lessons[0].pk,
       "learners": learners}
"""

OLD_CODE_VISITS = """
import json, django
django.setup()
from django.test import Client
from django.urls import reverse
from certificates.models import Certificate
from courses.models import LessonPage
from lms.models import Enrollment, User
data = json.loads({data!r})
results = {{}}
anonymous = Client(raise_request_exception=False)
results["home"] = anonymous.get("/en/", follow=True).status_code
results["course page"] = anonymous.get(data["url"]).status_code
results["sign-in page"] = anonymous.get(reverse("account_login")).status_code
first, second = (User.objects.get(email=e) for e in data["learners"])
learner = Client(raise_request_exception=False)
learner.force_login(first)
results["dashboard"] = learner.get(reverse("dashboard")).status_code
lesson = LessonPage.objects.get(pk=data["lesson"])
results["lesson"] = learner.get(lesson.url).status_code
done = reverse("lms_lesson_complete", args=[data["lesson"]])
results["complete the course"] = learner.post(done).status_code
results["certificate issued"] = Certificate.objects.filter(user=first).exists()
newcomer = Client(raise_request_exception=False)
newcomer.force_login(second)
enroll = reverse("lms_enroll", args=[data["course"]])
results["enroll"] = newcomer.post(enroll).status_code
results["enrolled"] = Enrollment.objects.filter(user=second).exists()
print(json.dumps(results))
"""


def test_the_previous_release_runs_on_the_migrated_database(
    tmp_path, migrated_template
):
    scratch = Path(tempfile.mkdtemp(prefix="puente-old-code-"))
    old = scratch / "old"
    subprocess.run(
        ["git", "worktree", "add", "--quiet", "--detach", str(old), BASE_COMMIT],
        cwd=ROOT, check=True, timeout=120,
    )  # fmt: skip
    try:
        with scratch_database("puente_faults_old", template=migrated_template) as name:
            data = run_django(NEW_DATA, production_env(name, 0))
            env = {
                **production_env(name, 0),
                "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
                "DATABASE_URL": database_url(name),
                "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
                "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                "DJANGO_ALLOWED_HOSTS": "testserver,localhost",
            }
            env.pop("REDIS_URL")
            result = subprocess.run(
                [sys.executable, "-c", OLD_CODE_VISITS.format(data=json.dumps(data))],
                cwd=old, env=env, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr[-3000:]
            visits = json.loads(result.stdout.strip().splitlines()[-1])
            errors = result.stderr[-2500:]  # what the old code logged
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, timeout=120
        )
        shutil.rmtree(scratch, ignore_errors=True)
    assert visits == {
        "home": 200,
        "course page": 200,
        "sign-in page": 200,
        "dashboard": 200,
        "lesson": 200,
        "complete the course": 302,
        "certificate issued": True,
        "enroll": 302,
        "enrolled": True,
    }, f"{visits}\n{errors}"
