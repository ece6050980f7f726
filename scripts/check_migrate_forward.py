"""Migrate-forward check: a database made by an earlier layout's ``make run`` migrates
to this checkout with every row kept, and the site still answers.

In a temporary git worktree of ``BASE_COMMIT`` it builds a database the way that
commit's ``make setup`` did (compile messages, ``migrate --noinput``,
``update_translation_fields``, ``load_demo_data``), counts the rows of every table,
runs THIS checkout's ``migrate --noinput`` on the same database and checks that every
old table still exists with at least as many rows, that the main tables (users,
enrollments, attempts, certificates, pages) keep the same ids, that the rest of this
checkout's ``make setup`` runs on it, and that this code renders the home page, a
course page, a learner's dashboard and lesson, and a certificate's verification page
from it. Run by .ci/run (SQLite; PostgreSQL with ``--database-url``)::

    .venv/bin/python scripts/check_migrate_forward.py [--base COMMIT]
        [--database-url postgres://postgres@127.0.0.1:5432/any] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# The last commit before the redesign of issue 14 (rooms, demo room, no cycles): the
# layout every existing development database was made by. Move it forward only when
# no database of the older layout needs to migrate any more.
BASE_COMMIT = "1afce9a816f36acb96f58718938840e5cc193259"
# Tables whose ids must survive unchanged (rows people and certificates point at).
MAIN_TABLES = {
    "users": "lms_user",
    "enrollments": "lms_enrollment",
    "attempts": "lms_quizattempt",
    "certificates": "certificates_certificate",
    "pages": "wagtailcore_page",
}

COUNT = """
import json, django
django.setup()
from django.db import connection
main = {main!r}
with connection.cursor() as cursor:
    tables = connection.introspection.table_names(cursor)
    counts, ids = {{}}, {{}}
    for table in tables:
        name = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COUNT(*) FROM {{name}}")
        counts[table] = cursor.fetchone()[0]
        if table in main:
            cursor.execute(f"SELECT id FROM {{name}} ORDER BY id")
            ids[table] = [row[0] for row in cursor.fetchall()]
print(json.dumps({{"counts": counts, "ids": ids}}))
"""

# Pages a person would open first, rendered by this checkout from the old rows.
VISIT = """
import json, django
django.setup()
from django.test import Client
from django.urls import reverse
from django.utils import translation
from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from lms.models import Enrollment

results = []
def visit(client, label, path, text):
    response = client.get(path, follow=True)
    body = response.content.decode(errors="replace")
    results.append([label, path, response.status_code, text in body])

with translation.override("en"):
    anonymous = Client()
    visit(anonymous, "home page", "/en/", "</html>")
    course = CoursePage.objects.live().order_by("path").first()
    visit(anonymous, "course page", course.url, course.title)
    enrollment = (
        Enrollment.objects.filter(
            content_note_acknowledged_at__isnull=False, course__live=True
        )
        .select_related("user", "course")
        .order_by("pk")
        .first()
    )
    learner = Client()
    learner.force_login(enrollment.user)
    visit(learner, "learner dashboard", reverse("dashboard"), enrollment.course.title)
    lesson = LessonPage.objects.live().descendant_of(enrollment.course).first()
    visit(learner, "lesson (enrolled)", lesson.url, lesson.title)
    certificate = Certificate.objects.order_by("pk").first()
    verify = reverse("certificates:verify", args=[certificate.code])
    visit(anonymous, "certificate verification", verify, certificate.serial)
print(json.dumps(results))
"""


class CheckFailed(Exception):
    pass


def environment(database_url: str, media: Path) -> dict[str, str]:
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "PYTEST_")) and k != "REDIS_URL"
    }
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def run(args: list[str], *, cwd: Path, env: dict[str, str], step: str) -> str:
    started = time.perf_counter()
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise CheckFailed(
            f"{step} failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}"
        )
    print(f"  {step}: {seconds:.1f} s", flush=True)
    return result.stdout


def python(code: str, *, cwd: Path, env: dict[str, str], step: str):
    output = run([sys.executable, "-c", code], cwd=cwd, env=env, step=step)
    return json.loads(output.strip().splitlines()[-1])


def manage(*args: str, cwd: Path, env: dict[str, str]) -> None:
    run(
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env=env,
        step="new: " + " ".join(args),
    )


def build_old_database(old: Path, env: dict[str, str]) -> None:
    """What ``make setup`` did at the base commit."""
    run(
        [sys.executable, "scripts/compile_messages.py"],
        cwd=old,
        env=env,
        step="old: compile messages",
    )
    for command in (
        ["migrate", "--noinput"],
        ["update_translation_fields"],
        ["load_demo_data"],
    ):
        run(
            [sys.executable, "manage.py", *command],
            cwd=old,
            env=env,
            step="old: " + " ".join(command),
        )


def compare(before: dict, after: dict) -> list[str]:
    problems = []
    for table, rows in sorted(before["counts"].items()):
        if table not in after["counts"]:
            problems.append(f"table {table} ({rows} rows) is gone")
        elif after["counts"][table] < rows:
            problems.append(
                f"table {table}: {rows} rows before, {after['counts'][table]} after"
            )
    for label, table in MAIN_TABLES.items():
        if not before["counts"].get(table):
            problems.append(
                f"the old database has no {label} ({table}): nothing checked"
            )
            continue
        lost = sorted(set(before["ids"][table]) - set(after["ids"].get(table, [])))
        if lost:
            problems.append(f"{label} ({table}) lost ids {lost[:20]}")
    return problems


def postgres_database(server_url: str) -> tuple[str, Callable[[], None]]:
    """A new empty database on the server of ``server_url``, and how to drop it."""
    import psycopg

    name = f"puente_forward_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(server_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def check(base: str, database_url: str | None, keep: bool) -> None:
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="puente-forward-"))
    old = scratch / "old"
    drop = None
    subprocess.run(
        ["git", "worktree", "add", "--quiet", "--detach", str(old), base],
        cwd=ROOT,
        check=True,
    )
    try:
        if database_url:
            database_url, drop = postgres_database(database_url)
        else:
            database_url = f"sqlite:///{scratch / 'puente.sqlite3'}"
        env = environment(database_url, scratch / "media")
        engine = urlsplit(database_url).scheme
        print(f"migrate-forward: {base[:10]} -> this checkout ({engine})")
        build_old_database(old, env)
        count = COUNT.format(main=sorted(MAIN_TABLES.values()))
        before = python(count, cwd=old, env=env, step="old: count rows")
        manage("migrate", "--noinput", cwd=ROOT, env=env)
        after = python(count, cwd=ROOT, env=env, step="new: count rows")
        problems = compare(before, after)
        # The rest of this checkout's ``make setup`` on the old database.
        manage("update_translation_fields", cwd=ROOT, env=env)
        manage("load_demo_data", cwd=ROOT, env=env)
        visits = python(VISIT, cwd=ROOT, env=env, step="new: visit pages")
        for label, path, status, found in visits:
            if status != 200 or not found:
                problems.append(
                    f"{label} {path}: status {status}, content shown: {found}"
                )
        total = sum(before["counts"].values())
        print(
            f"  {len(before['counts'])} tables, {total} rows before; "
            f"{len(after['counts'])} tables, {sum(after['counts'].values())} rows after"
        )
        for label, table in MAIN_TABLES.items():
            rows = before["counts"].get(table), after["counts"].get(table)
            print(f"  {label} ({table}): {rows[0]} -> {rows[1]} rows")
        for label, path, status, _found in visits:
            print(f"  {status} {label} ({path})")
        if problems:
            raise CheckFailed("\n".join(problems))
        print(
            f"migrate-forward: every row kept ({time.perf_counter() - started:.0f} s)"
        )
    finally:
        if keep:
            print(f"kept: {scratch} (git worktree remove --force {old})")
        else:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT)
            shutil.rmtree(scratch, ignore_errors=True)
            if drop is not None:
                drop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=BASE_COMMIT, help="Commit of the old layout.")
    parser.add_argument(
        "--database-url",
        help="A PostgreSQL server URL: the check creates (and drops) its own database "
        "there. Default: a SQLite file in a temporary directory.",
    )
    parser.add_argument(
        "--keep", action="store_true", help="Keep the worktree and files."
    )
    options = parser.parse_args()
    try:
        check(options.base, options.database_url, options.keep)
    except CheckFailed as error:
        print(f"migrate-forward FAILED:\n{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
