"""A certificate's PDF is rendered once per variant and then handed out as stored:
the e-mailed file, every later download and every ZIP are the same document."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from certificates.models import IssuedFile
from certificates.services import issue_certificate, render_certificate_file
from tests.certificates.support import complete, make_learner, url

pytestmark = pytest.mark.django_db


def stored_name(data: bytes) -> str:
    return f"certificates/issued/{hashlib.sha256(data).hexdigest()}.pdf"


def test_the_emailed_pdf_is_the_one_downloaded_and_zipped(
    roles, course, program_admin, outbox, client, django_capture_on_commit_callbacks
):
    learner = make_learner(roles, preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(complete(learner, course))
    emailed = outbox[0].attachments[0][1]
    assert default_storage.exists(stored_name(emailed))

    client.force_login(learner)
    download = client.get(url("certificates:download", certificate.code, lang="es"))
    assert download.status_code == 200
    assert download.content == emailed

    client.force_login(program_admin)
    response = client.get(reverse("certificates_admin:zip"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.read(f"{certificate.serial}.pdf") == emailed
    assert IssuedFile.objects.filter(certificate=certificate).count() == 1


def test_a_stored_variant_costs_one_query(certificate, django_assert_num_queries):
    first = render_certificate_file(certificate, language="both", paper="a4")
    with django_assert_num_queries(1):
        again = render_certificate_file(certificate, language="both", paper="a4")
    assert again == first


def test_a_damaged_stored_file_is_rendered_again(certificate):
    original = render_certificate_file(certificate)
    name = stored_name(original)
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"%PDF-1.4 tampered"))

    assert render_certificate_file(certificate) == original
    with default_storage.open(name, "rb") as stored:
        assert stored.read() == original


def test_a_missing_stored_file_is_rendered_again(certificate):
    original = render_certificate_file(certificate, paper="letter")
    default_storage.delete(stored_name(original))

    assert render_certificate_file(certificate, paper="letter") == original
    assert default_storage.exists(stored_name(original))
