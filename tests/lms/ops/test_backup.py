"""Backups: ``backup_data`` then ``restore_data`` into a new, empty PostgreSQL database
gives back the same rows, the same media, the same pages and the same answer from every
certificate's verification page."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.lms.ops.support import (
    BACKUP_REDIS_DB,
    ROOT,
    flush_redis,
    manage,
    needs_postgres_and_redis,
    production_env,
    run_django,
    scratch_database,
)

pytestmark = [pytest.mark.slow, needs_postgres_and_redis]

CREATE_DATA = """
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from allauth.account.models import EmailAddress
from certificates.services import issue_certificate, revoke_certificate
from lms.demo.courses import ensure_home_page
from lms.models import Enrollment, User
from lms.learning.services.enrollment import enroll_user
from tests.builders import make_course
course = make_course(ensure_home_page(), modules=1, lessons_per_module=1, quiz=False)
certificates = []
for n, name in enumerate(["José Núñez Peña", "Søren O'Brien"]):
    user = User.objects.create_user(
        email=f"backup{n}@agency.test", password="backup-Passw0rd-2026",
        full_name=name, agency="Unidad Fronteriza", preferred_language="es",
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    enrollment = enroll_user(user, course.course)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
    enrollment.refresh_from_db()
    certificates.append(issue_certificate(enrollment))
revoke_certificate(certificates[1], by=None, reason="Issued in error")
document = get_document_model()(title="Field guide")
document.file.save("field-guide.txt", ContentFile("Guía de campo ñ".encode()))
out = [c.code for c in certificates]
"""

SNAPSHOT = """
import hashlib, re
from django.test import Client
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Page
from lms.models import User

def _page(url):
    response = Client().get(url, secure=True, HTTP_HOST="127.0.0.1")
    body = re.sub(r'value="[^"]*"', "", response.content.decode())
    return [response.status_code, hashlib.sha256(body.encode()).hexdigest()]

from certificates.models import Certificate

urls = []
for code in Certificate.objects.order_by("serial").values_list("code", flat=True):
    urls += [f"/en/verify/{code}/", f"/es/verify/{code}/"]
for page in Page.objects.live().specific().exclude(depth=1).order_by("path"):
    for language in ("en", "es"):
        with translation.override(language):
            urls.append(page.get_url())
documents = []
for document in get_document_model().objects.order_by("pk"):
    with document.file.open("rb") as handle:
        documents.append([document.title, hashlib.sha256(handle.read()).hexdigest()])
out = {
    "users": [list(row) for row in User.objects.order_by("pk").values_list(
        "pk", "email", "full_name", "password", "preferred_language")],
    "pages": [list(row) for row in Page.objects.order_by("path").values_list(
        "pk", "path", "title_en", "title_es", "url_path_en", "live")],
    "documents": documents,
    "http": {url: _page(url) for url in urls},
}
"""


def test_backup_restores_into_an_empty_database(
    tmp_path, migrated_template, static_root
):
    backup = tmp_path / "backup"
    flush_redis(BACKUP_REDIS_DB)
    with (
        scratch_database("puente_backup_src", template=migrated_template) as source,
        scratch_database("puente_backup_dst") as target,
    ):
        common = {"DJANGO_STATIC_ROOT": str(static_root)}
        source_env = production_env(
            source, BACKUP_REDIS_DB, DJANGO_MEDIA_ROOT=str(tmp_path / "m1"), **common
        )
        target_env = production_env(
            target, BACKUP_REDIS_DB, DJANGO_MEDIA_ROOT=str(tmp_path / "m2"), **common
        )
        codes = run_django(CREATE_DATA, source_env)
        before = run_django(SNAPSHOT, source_env)
        assert before["users"] and before["documents"]
        # One valid and one revoked certificate: each verification page answers.
        assert {f"/en/verify/{code}/" for code in codes} <= set(before["http"])
        assert all(status == 200 for status, _ in before["http"].values())

        manage("backup_data", str(backup), env=source_env)
        manifest = json.loads((backup / "manifest.json").read_text())
        assert manifest["vendor"] == "postgresql"
        assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}
        assert manifest["media"]["files"] == 1

        # Never over live data: the source database is not empty.
        refused = subprocess.run(
            [sys.executable, "manage.py", "restore_data", str(backup)],
            cwd=ROOT,
            env=source_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert refused.returncode != 0
        assert "not empty" in refused.stderr

        flush_redis(BACKUP_REDIS_DB)  # a fresh cache, as on a new site
        manage("restore_data", str(backup), env=target_env)
        manage("migrate", "--check", env=target_env)
        after = run_django(SNAPSHOT, target_env)
    flush_redis(BACKUP_REDIS_DB)
    assert after == before
