"""Fault matrix: the media disk or bucket refuses writes.

Two gunicorn servers on one database: one stores media on a disk whose folders cannot
be created (the ``OSError`` a read-only or full disk gives; a plain read-only folder
would not stop root, who runs these tests here), the other in an S3 bucket whose
endpoint answers every write with 403 AccessDenied (the real django-storages and
boto3 code paths). Staff signed in with password and TOTP upload an image and a
document with Wagtail's uploader and an image with the single form, in English and
in Spanish: each gets the message in their language (the uploader's refused-file
answer, or the 503 page), and no image or document row or file is left behind.
docs/deployment.md ("Faults").
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from io import BytesIO

import pytest
from PIL import Image

from tests.lms.ops.faults import create_staff, refusing_s3, sign_in_with_totp
from tests.lms.ops.support import (
    SCALEOUT_REDIS_DB,
    Client,
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

REDIS_DB = SCALEOUT_REDIS_DB - 3  # 11: the fault tests use 11-13
STAFF = [("media.en@agency.test", "en"), ("media.es@agency.test", "es")]
REFUSED = {
    "en": "The file could not be stored right now, so nothing was saved.",
    "es": "No se pudo guardar el archivo en este momento, así que no se guardó nada.",
}
ROWS = """
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
out = {
    "images": get_image_model().objects.count(),
    "documents": get_document_model().objects.count(),
    "collection": Collection.get_first_root_node().pk,
}
"""


def png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (48, 32), (30, 140, 90)).save(out, format="PNG")
    return out.getvalue()


def upload(client: Client, path: str, field: str, file, *, collection: int, **headers):
    form = {
        "csrfmiddlewaretoken": client.cookies["csrftoken"],
        "title": "Mapa de la zona",
        "collection": str(collection),
    }
    return client.request("POST", path, form=form, files={field: file}, headers=headers)


def check_uploads_are_refused(port: int, sessions: dict, collection: int) -> None:
    xhr = {"X-Requested-With": "XMLHttpRequest"}
    for language, cookies in sessions.items():
        staff = Client(port, cookies=dict(cookies))
        for path, file in (
            ("/admin/images/multiple/add/", ("mapa.png", png(), "image/png")),
            (
                "/admin/documents/multiple/add/",
                ("guia.txt", "Guía".encode(), "text/plain"),
            ),
        ):
            status, _, body = upload(
                staff, path, "files[]", file, collection=collection, **xhr
            )
            assert status == 200, (path, status, body[:300])
            answer = json.loads(body)
            assert answer["success"] is False
            assert answer["error_message"].startswith(REFUSED[language])
        status, headers, body = upload(
            staff, "/admin/images/add/", "file", ("mapa.png", png(), "image/png"),
            collection=collection,
        )  # fmt: skip
        assert status == 503, (status, body[:300])
        assert headers["Retry-After"] == "30"
        assert f'<html lang="{language}">' in body and REFUSED[language] in body


def test_refused_media_writes_get_a_message_and_leave_nothing(
    tmp_path, migrated_template, static_root
):
    media = tmp_path / "media"
    media.mkdir()
    for folder in ("original_images", "images", "documents"):
        (media / folder).write_text("a file where the folder should be")
    with ExitStack() as stack:
        endpoint, refused_writes = stack.enter_context(refusing_s3())
        database = stack.enter_context(
            scratch_database("puente_faults_media", template=migrated_template)
        )
        common = {"DJANGO_STATIC_ROOT": str(static_root)}
        disk_env = production_env(
            database, REDIS_DB, DJANGO_MEDIA_ROOT=str(media), **common
        )
        bucket_env = production_env(
            database, REDIS_DB,
            DJANGO_MEDIA_ROOT=str(tmp_path / "unused"),
            AWS_STORAGE_BUCKET_NAME="puente-media",
            AWS_S3_ENDPOINT_URL=endpoint,
            AWS_S3_REGION_NAME="us-east-1",
            AWS_ACCESS_KEY_ID="fault-matrix",
            AWS_SECRET_ACCESS_KEY="fault-matrix-secret",
            **common,
        )  # fmt: skip
        flush_redis(REDIS_DB)
        stack.callback(flush_redis, REDIS_DB)
        run_django(create_staff(STAFF), disk_env)
        collection = run_django(ROWS, disk_env)["collection"]
        servers = []
        stack.callback(lambda: [stop(process) for _, process, _ in servers])
        for name, env in (("disk", disk_env), ("bucket", bucket_env)):
            port, log = free_port(), tmp_path / f"gunicorn-{name}.log"
            servers.append((port, start_gunicorn(port, env, log), log))
        for port, process, log in servers:
            wait_healthy(port, process, log)
        disk, bucket = servers[0][0], servers[1][0]

        # One sign-in each (a TOTP code is accepted once); sessions are shared.
        sessions = {}
        for email, language in STAFF:
            client = Client(disk)
            sign_in_with_totp(client, email)
            sessions[language] = client.cookies
        check_uploads_are_refused(disk, sessions, collection)
        check_uploads_are_refused(bucket, sessions, collection)

        assert refused_writes, "the bucket was never asked to store anything"
        assert run_django(ROWS, disk_env) == {
            "images": 0,
            "documents": 0,
            "collection": collection,
        }
        assert sorted(p.name for p in media.rglob("*")) == [
            "documents",
            "images",
            "original_images",
        ]
        logs = "".join(log.read_text(errors="replace") for _, _, log in servers)
        assert "(MediaUnavailable: " in logs
        assert '" 500 ' not in logs
