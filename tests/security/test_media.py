"""Issue 20, point 2: private files are private on every setting.

A document in a restricted collection was refused at ``/documents/...`` but ``make
run`` (DEBUG) served its file at ``/media/documents/<file>`` to anyone. Now the
development server serves only the media folders anyone may read (image renditions,
``PUENTE_PUBLIC_MEDIA_DIRS``), as the front web server does in production; documents,
original images and certificate files are reachable only through their checked views
in development, tests and production alike (object storage: private, signed links).
"""

from __future__ import annotations

import importlib
import json
import tempfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import clear_url_caches
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from tests.lms.settings.support import DEV_ENV, PROD_ENV, run_python

PRIVATE_PATHS = [
    "documents/case-file.pdf",
    "original_images/photo.png",
    "certificates/2026/serial.pdf",
    "images/../documents/case-file.pdf",
    "images/%2e%2e/documents/case-file.pdf",
]

# Which media paths a settings module answers, and how, read in a fresh process.
PROBE = """
import django, json, os
django.setup()
from django.conf import settings as s
from django.test import RequestFactory
from django.urls import resolve, Resolver404
from django.http import Http404
from django.core.exceptions import SuspiciousFileOperation

def answer(path):
    try:
        match = resolve(s.MEDIA_URL + path)
    except Resolver404:
        return "not routed"
    try:
        response = match.func(RequestFactory().get(s.MEDIA_URL + path), **match.kwargs)
    except (Http404, SuspiciousFileOperation) as error:
        return type(error).__name__
    return response.status_code

o = s.STORAGES["default"].get("OPTIONS", {})
print(json.dumps({
    "debug": s.DEBUG,
    "answers": {p: answer(p) for p in json.loads(os.environ["PROBE_PATHS"])},
    "serve": s.WAGTAILDOCS_SERVE_METHOD,
    "acl": o.get("default_acl", "unset"),
    "signed": o.get("querystring_auth"),
    "expire": o.get("querystring_expire"),
}))
"""


def _media_root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="puente-media-"))
    for name, content in {
        "documents/case-file.pdf": b"%PDF-1.4 secret case",
        "original_images/photo.png": b"original",
        "certificates/2026/serial.pdf": b"%PDF-1.4 certificate",
        "images/photo.max-800x600.png": b"rendition",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root


def _probe(env: dict) -> dict:
    paths = [*PRIVATE_PATHS, "images/photo.max-800x600.png"]
    env = {**env, "DJANGO_MEDIA_ROOT": str(_media_root())}
    result = run_python(PROBE, {**env, "PROBE_PATHS": json.dumps(paths)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_development_serves_image_renditions_and_no_private_file():
    values = _probe(DEV_ENV)
    assert values["debug"] is True
    answers = values["answers"]
    assert answers.pop("images/photo.max-800x600.png") == 200
    for path, answer in answers.items():
        assert answer in ("not routed", "Http404", "SuspiciousFileOperation"), path
    assert values["serve"] == "serve_view"


def test_development_with_debug_off_serves_no_media_at_all():
    values = _probe({**DEV_ENV, "DJANGO_DEBUG": "false"})
    assert set(values["answers"].values()) == {"not routed"}


@pytest.mark.parametrize("s3", [False, True])
def test_production_serves_no_media_and_signs_short_lived_links(s3):
    env = {**PROD_ENV}
    if s3:
        env["AWS_STORAGE_BUCKET_NAME"] = "puente-media"
    values = _probe(env)
    assert values["debug"] is False
    assert set(values["answers"].values()) == {"not routed"}  # images too: the proxy
    assert values["serve"] == "serve_view"
    if s3:
        assert values["acl"] is None and values["signed"] is True
        # Short-lived, yet longer than a cached anonymous page lives (600 s).
        assert 600 < values["expire"] <= 3600


@pytest.fixture
def debug_urls():
    """The project's URLs as the development server builds them (DEBUG on)."""
    import lms.urls

    with override_settings(DEBUG=True):
        clear_url_caches()
        importlib.reload(lms.urls)
        yield
    clear_url_caches()
    importlib.reload(lms.urls)


@pytest.fixture
def private_document(db):
    private = Collection.get_first_root_node().add_child(name="Case files")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return Document.objects.create(
        title="Case file",
        collection=private,
        file=ContentFile(b"%PDF-1.4 secret case", name="case-file.pdf"),
    )


@pytest.mark.parametrize("prefix", ["", "/en", "/es"])
def test_with_debug_on_a_private_documents_file_is_not_served(
    client, home_page, debug_urls, private_document, settings, prefix
):
    url = prefix + settings.MEDIA_URL + private_document.file.name
    response = client.get(url, follow=True)
    assert response.status_code == 404, url
    assert b"secret case" not in response.content
    # The checked view still refuses an anonymous visitor...
    response = client.get(private_document.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_with_debug_on_image_renditions_are_served(
    client, debug_urls, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.max-800x600.png").write_bytes(b"rendition")
    clear_url_caches()
    import lms.urls

    importlib.reload(lms.urls)
    response = client.get(settings.MEDIA_URL + "images/photo.max-800x600.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"rendition"
