"""A lost database or a media storage that refuses a file is a 503 in the person's
language with Retry-After, never a 500, and an upload that could not be stored
leaves no row and no file. In-process; the same on the production shape is
tests/lms/ops/test_fault_postgres.py and test_fault_media.py."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, transaction
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DATABASE = {
    "en": "Puente cannot reach its database for a moment.",
    "es": "Puente no puede comunicarse con su base de datos por un momento.",
}
MEDIA = {
    "en": "The file could not be stored right now, so nothing was saved.",
    "es": "No se pudo guardar el archivo en este momento, así que no se guardó nada.",
}


@pytest.fixture
def database_down(client, monkeypatch, home_page):
    """The user look-up every request makes (in a middleware) loses the database."""

    def lost(request):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr("django.contrib.auth.get_user", lost)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_lost_database_is_a_503_page_in_the_language_of_the_url(
    database_down, language
):
    response = database_down.get(f"/{language}/accounts/login/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert DATABASE[language] in body


def test_without_a_language_in_the_url_the_browser_s_language_is_used(database_down):
    response = database_down.get("/admin/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.status_code == 503
    assert DATABASE["es"] in response.content.decode()


def test_a_script_asking_for_json_gets_json(database_down):
    response = database_down.get(
        "/es/dashboard/", HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["message"].startswith(DATABASE["es"])


def test_any_other_error_is_still_the_500_page(client, monkeypatch, home_page):
    def bug(request):
        raise KeyError("a bug, not a fault")

    monkeypatch.setattr("django.contrib.auth.get_user", bug)
    client.raise_request_exception = False
    response = client.get("/en/accounts/login/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


# Media storage that refuses writes ---------------------------------------------


@pytest.fixture
def media_refuses_writes(settings, tmp_path):
    """Every folder an upload needs is a file: the same OSError a read-only or full
    disk gives, here even for root (who may write a read-only directory)."""
    media = tmp_path / "media"
    media.mkdir()
    for folder in ("original_images", "images", "documents"):
        (media / folder).write_text("not a folder")
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "lms.ops.storage.GuardedFileSystemStorage"},
    }
    return media


@pytest.fixture
def admin_client(client, home_page):
    def sign_in(language):
        admin = UserFactory(
            is_superuser=True, is_staff=True, preferred_language=language
        )
        client.force_login(admin)
        client.raise_request_exception = False
        return client

    return sign_in


def post(client, url, data, **headers):
    # In production the model's save is the outermost transaction and rolls back
    # alone; inside the test's transaction it needs a savepoint of its own.
    with transaction.atomic():
        return client.post(url, data, **headers)


def png() -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(out, format="PNG")
    return SimpleUploadedFile("map.png", out.getvalue(), content_type="image/png")


def nothing_stored(media) -> bool:
    files = [p for p in media.rglob("*") if p.is_file()]
    return (
        get_image_model().objects.count() == 0
        and get_document_model().objects.count() == 0
        and sorted(p.name for p in files) == ["documents", "images", "original_images"]
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_image_uploader_shows_why_the_file_was_not_stored(
    media_refuses_writes, admin_client, language
):
    client = admin_client(language)
    collection = Collection.get_first_root_node().pk
    response = post(
        client,
        reverse("wagtailimages:add_multiple"),
        {"files[]": png(), "title": "Mapa", "collection": collection},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    # The shape Wagtail's uploader script shows a refused file's message from.
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert response.json()["error_message"].startswith(MEDIA[language])
    assert nothing_stored(media_refuses_writes)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_document_upload_or_a_single_image_form_says_so_too(
    media_refuses_writes, admin_client, language
):
    client = admin_client(language)
    collection = Collection.get_first_root_node().pk
    document = SimpleUploadedFile("guia.txt", "Guía de campo".encode())
    response = post(
        client,
        reverse("wagtaildocs:add_multiple"),
        {"files[]": document, "title": "Guía", "collection": collection},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    assert response.json()["error_message"].startswith(MEDIA[language])
    response = post(
        client,
        reverse("wagtailimages:add"),
        {"file": png(), "title": "Mapa", "collection": collection},
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert MEDIA[language] in response.content.decode()
    assert nothing_stored(media_refuses_writes)
