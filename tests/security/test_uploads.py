"""Uploads: metadata stripped from images, limits with clear messages, documents
always downloaded, private-collection documents unreachable by any URL.

Uploads go through the real Wagtail admin, signed in with password and TOTP.
"""

import json
import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.lms.settings.support import PROD_ENV, run_python
from tests.security.helpers import enrol_totp, login_with_totp

pytestmark = pytest.mark.django_db

Document = get_document_model()
WagtailImage = get_image_model()

GPS_LATITUDE = (19.0, 25.0, 57.0)


def photo_with_gps(image_format="JPEG", *, orientation: int | None = None) -> bytes:
    """A 64×48 picture carrying a camera make, a GPS position and a comment."""
    picture = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "RescueCam"
    exif[ExifTags.Base.ImageDescription] = "Victim photo, do not share"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (99.0, 7.0, 59.0)
    out = BytesIO()
    options = {"exif": exif}
    if image_format == "JPEG":
        options["comment"] = b"taken at the safe house"
    picture.save(out, format=image_format, **options)
    data = out.getvalue()
    # The fixture really carries what must be stripped.
    with Image.open(BytesIO(data)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def assert_no_metadata(data: bytes) -> None:
    with Image.open(BytesIO(data)) as stored:
        assert dict(stored.getexif()) == {}
        assert "comment" not in stored.info and "exif" not in stored.info
    for marker in (b"Exif", b"RescueCam", b"Victim photo", b"safe house"):
        assert marker not in data, marker


@pytest.fixture
def staff_client(client, trainer, home_page):
    """A trainer signed in with password and TOTP (the admin needs both)."""
    enrol_totp(trainer)
    login = login_with_totp(client, trainer.email)
    assert login.code_response.status_code == 302
    return client


def root_collection_id() -> int:
    return Collection.get_first_root_node().pk


# Images ----------------------------------------------------------------------------


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_an_uploaded_photo_is_stored_without_exif_or_gps(staff_client, image_format):
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]
    upload = SimpleUploadedFile(
        f"scene.{extension}", photo_with_gps(image_format), f"image/{extension}"
    )
    response = staff_client.post(
        reverse("wagtailimages:add"),
        {"title": "Scene", "file": upload, "collection": root_collection_id()},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    image = WagtailImage.objects.get(title="Scene")
    with image.file.open("rb") as stored:
        data = stored.read()
    assert_no_metadata(data)
    assert (image.width, image.height) == (64, 48)
    assert image.file_size == len(data)


def test_a_rotated_photo_is_stored_upright(staff_client):
    upload = SimpleUploadedFile(
        "rotated.jpg", photo_with_gps(orientation=6), "image/jpeg"
    )
    staff_client.post(
        reverse("wagtailimages:add"),
        {"title": "Rotated", "file": upload, "collection": root_collection_id()},
    )
    image = WagtailImage.objects.get(title="Rotated")
    assert (image.width, image.height) == (48, 64)
    with image.file.open("rb") as stored:
        assert_no_metadata(stored.read())


def test_the_multiple_upload_strips_metadata_too(staff_client):
    upload = SimpleUploadedFile("many.jpg", photo_with_gps(), "image/jpeg")
    response = staff_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload, "collection": root_collection_id()},
    )
    assert response.status_code == 200
    assert json.loads(response.content)["success"] is True
    image = WagtailImage.objects.get()
    with image.file.open("rb") as stored:
        assert_no_metadata(stored.read())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("big.jpg", None, "This file is too big"),
        (
            "drawing.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            "Not a supported",
        ),
        ("page.html", b"<script>alert(1)</script>", "Not a supported"),
        ("fake.jpg", b"<html>not an image</html>", "Not a valid .jpeg image"),
    ],
)
def test_oversized_or_unsupported_images_are_refused_with_a_message(
    staff_client, settings, name, data, message
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    data = data if data is not None else photo_with_gps() + b"\0" * 2048
    response = staff_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Refused",
            "file": SimpleUploadedFile(name, data),
            "collection": root_collection_id(),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WagtailImage.objects.exists()


def png_broken_inside_its_pixels() -> bytes:
    """A PNG whose header reads fine but whose pixel data runs into a garbled chunk.

    The upload field only reads the header, so this passes it; Pillow says so only
    when the pixels are decoded for re-encoding, and with ``SyntaxError``.
    """
    out = BytesIO()
    Image.effect_noise((40, 30), 50).save(out, format="PNG")
    data = out.getvalue()
    start = data.index(b"IDAT") - 4
    length = struct.unpack(">I", data[start : start + 4])[0]
    half = data[start + 8 : start + 8 + length // 2]
    idat = struct.pack(">I", len(half)) + b"IDAT" + half
    idat += struct.pack(">I", zlib.crc32(b"IDAT" + half))
    garbled = b"\0\0\0\0\xb0\x9c\xee\xf8"
    return data[:start] + idat + garbled + data[start + 12 + length :]


def test_an_image_broken_inside_its_pixels_is_refused_with_a_message(staff_client):
    response = staff_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Broken",
            "file": SimpleUploadedFile("broken.png", png_broken_inside_its_pixels()),
            "collection": root_collection_id(),
        },
    )
    assert response.status_code == 200
    assert "Upload a valid image." in response.content.decode()
    assert not WagtailImage.objects.exists()


# Documents -------------------------------------------------------------------------


def test_a_document_over_the_limit_is_refused_with_its_size(staff_client, settings):
    settings.PUENTE_DOCUMENT_MAX_UPLOAD_SIZE = 1024
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Big",
            "file": SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"x" * 4096),
            "collection": root_collection_id(),
        },
    )
    assert response.status_code == 200
    assert "This file is 4.0\xa0KB; documents can be at most 1.0\xa0KB." in (
        response.content.decode()
    )
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "name", ["page.html", "drawing.svg", "script.js", "tool.exe", "page.htm"]
)
def test_documents_outside_the_allowlist_are_refused(staff_client, name):
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Refused",
            "file": SimpleUploadedFile(name, b"<script>alert(1)</script>"),
            "collection": root_collection_id(),
        },
    )
    assert response.status_code == 200
    assert "File extension" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("handout.pdf", "application/pdf"),
        ("intro.webm", "video/webm"),
        ("intro.en.vtt", "text/vtt"),
        ("notes.txt", "text/plain"),
    ],
)
def test_documents_are_always_downloaded_never_shown_inline(
    client, home_page, name, content_type
):
    document = Document.objects.create(
        title=name, file=ContentFile(b"WEBVTT\n\n", name=name)
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_an_html_document_already_stored_is_downloaded_not_rendered(client, home_page):
    """Even a file that predates the allowlist is never rendered by the browser."""
    document = Document.objects.create(
        title="old", file=ContentFile(b"<script>alert(1)</script>", name="old.html")
    )
    response = client.get(document.url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


# Private collections ---------------------------------------------------------------


@pytest.fixture
def private_document(home_page):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Case files")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return Document.objects.create(
        title="Case file",
        collection=private,
        file=ContentFile(b"%PDF-1.4 secret case", name="case-file.pdf"),
    )


def test_a_private_document_needs_a_signed_in_person(client, learner, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert b"secret case" not in response.content
    client.force_login(learner)
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"secret case" in b"".join(response.streaming_content)


def test_a_password_protected_document_asks_for_the_password(client, home_page):
    private = Collection.get_first_root_node().add_child(name="Shared")
    CollectionViewRestriction.objects.create(
        collection=private,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="s3cret-phrase",
    )
    document = Document.objects.create(
        title="Shared",
        collection=private,
        file=ContentFile(b"%PDF-1.4 shared secret", name="shared.pdf"),
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"shared secret" not in response.content
    assert b'type="password"' in response.content


def test_the_media_path_of_a_private_document_is_not_served(
    client, settings, private_document
):
    """Django never serves MEDIA_URL when DEBUG is off, so only the checked view can."""
    assert settings.DEBUG is False
    raw = settings.MEDIA_URL + private_document.file.name
    for url in (raw, "/en" + raw, "/es" + raw):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"secret case" not in response.content


RESOLVE_MEDIA = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "from django.urls import resolve, Resolver404\n"
    "def served(path):\n"
    "    try:\n"
    "        resolve(path)\n"
    "        return True\n"
    "    except Resolver404:\n"
    "        return False\n"
    "o = s.STORAGES['default'].get('OPTIONS', {})\n"
    "print(json.dumps({'media': served(s.MEDIA_URL + 'documents/case.pdf'), "
    "'serve': s.WAGTAILDOCS_SERVE_METHOD, "
    "'inline': s.WAGTAILDOCS_INLINE_CONTENT_TYPES, "
    "'acl': o.get('default_acl', 'unset'), 'signed': o.get('querystring_auth')}))"
)


@pytest.mark.parametrize("s3", [False, True])
def test_production_serves_no_media_path_and_keeps_the_bucket_private(s3):
    env = {**PROD_ENV}
    if s3:
        env["AWS_STORAGE_BUCKET_NAME"] = "puente-media"
    result = run_python(RESOLVE_MEDIA, env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["media"] is False
    assert values["serve"] == "serve_view"  # never a redirect to the storage URL
    assert values["inline"] == []
    if s3:
        assert values["acl"] is None and values["signed"] is True
