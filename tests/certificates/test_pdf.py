"""The PDF: names exactly as entered, both languages, QR, metadata, same bytes."""

import io
import re
import zlib

import pytest
from pypdf import PdfReader

from certificates.pdf import qr_matrix, render_certificate_pdf
from certificates.services import (
    issue_certificate,
    render_certificate_file,
    verification_url,
)
from tests.certificates.support import NAMES, complete, make_learner

pytestmark = pytest.mark.django_db


def render(certificate, *, language: str = "both", paper: str = "letter") -> bytes:
    """The drawing alone, given the URL the files service gives it."""
    return render_certificate_pdf(
        certificate,
        verification_url=verification_url(certificate, language),
        language=language,
        paper=paper,
    )


def pdf_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def drawn_qrs(data: bytes) -> list[list[list[bool]]]:
    """Every QR code drawn, in drawing order: each is an inline stencil mask of one
    bit per module, hex-encoded (the verification link's comes first, then the
    signed offline payload's)."""
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()
    content = content.decode("latin-1")
    masks = re.findall(
        r"BI /W (\d+) /H \1 /IM true /BPC 1 /D \[1 0\] /F /AHx ID\n([0-9a-f]+)>\nEI",
        content,
    )
    assert masks, "no QR code found"
    return [_matrix(int(size), bytes.fromhex(hexdata)) for size, hexdata in masks]


def drawn_qr(data: bytes) -> list[list[bool]]:
    """The verification link's QR matrix (the first QR code drawn)."""
    return drawn_qrs(data)[0]


def _matrix(size: int, data: bytes) -> list[list[bool]]:
    width = (size + 7) // 8
    rows = [data[start : start + width] for start in range(0, len(data), width)]
    assert len(rows) == size
    return [
        [bool(row[column // 8] & (0x80 >> column % 8)) for column in range(size)]
        for row in rows
    ]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", ["en", "es", "both"])
def test_name_is_printed_verbatim(roles, course, name, language):
    learner = make_learner(roles, full_name=name)
    certificate = issue_certificate(complete(learner, course))
    text = pdf_text(render(certificate, language=language))
    assert name in text


def test_each_language_prints_its_wording(certificate):
    english = pdf_text(render(certificate, language="en"))
    spanish = pdf_text(render(certificate, language="es"))
    both = pdf_text(render(certificate, language="both"))
    assert "has completed the course" in english
    assert "concluyó satisfactoriamente el curso" not in english
    assert "concluyó satisfactoriamente el curso" in spanish
    assert "Constancia" in spanish
    assert "has completed the course" in both
    assert "concluyó satisfactoriamente el curso" in both
    assert certificate.course_title_es in both
    assert certificate.serial in both
    assert "Dra. Ana María Gómez" in both


@pytest.mark.parametrize("language", ["en", "es", "both"])
def test_qr_encodes_the_verification_url(certificate, language):
    data = render_certificate_file(certificate, language=language)
    expected_url = verification_url(certificate, language)
    assert certificate.code in expected_url
    assert drawn_qr(data) == qr_matrix(expected_url)
    assert expected_url in pdf_text(data).replace("\n", "")
    # Beside it, the signed offline payload (certificates.credentials).
    certificate.refresh_from_db()
    assert drawn_qrs(data)[1:] == [qr_matrix(certificate.offline_jws)]


@pytest.mark.parametrize("language", ["en", "es", "both"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_same_certificate_gives_same_bytes(certificate, language, paper):
    first = render(certificate, language=language, paper=paper)
    second = render(certificate, language=language, paper=paper)
    assert first == second


def test_paper_sizes_are_landscape(certificate):
    letter = PdfReader(io.BytesIO(render(certificate, paper="letter")))
    a4 = PdfReader(io.BytesIO(render(certificate, paper="a4")))
    assert [round(v) for v in letter.pages[0].mediabox[2:]] == [792, 612]
    assert [round(v) for v in a4.pages[0].mediabox[2:]] == [842, 595]


def test_document_metadata(certificate):
    reader = PdfReader(io.BytesIO(render(certificate, language="es")))
    meta = reader.metadata
    assert certificate.serial in meta.title
    assert meta.author == "Puente"
    assert certificate.learner_name in meta.subject


def test_fonts_are_embedded_from_the_repository(certificate):
    data = render(certificate)
    assert b"DejaVu" not in data or b"/FontFile2" in data
    reader = PdfReader(io.BytesIO(data))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts, "no fonts"
    assert zlib  # the text round-trip above proves the glyph mapping


def test_snapshot_survives_later_edits(certificate, course, signatory, learner):
    course.title_en = "Renamed course"
    course.certificate_wording_en = "changed wording"
    course.save()
    signatory.name = "Someone Else"
    signatory.save()
    learner.full_name = "Changed Name"
    learner.save()
    certificate.refresh_from_db()
    text = pdf_text(render(certificate, language="en"))
    assert "Renamed course" not in text
    assert "changed wording" not in text
    assert "Someone Else" not in text
    assert "Changed Name" not in text
    assert "Dra. Ana María Gómez" in text


def make_image(title: str, mode: str = "RGBA", colour=(10, 20, 30, 200)):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new(mode, (120, 40), colour[: len(mode)]).save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png")
    )


def test_signature_and_logo_are_kept_and_drawn(roles, course, signatory):
    from certificates.models import CertificateSettings

    signatory.signature = make_image("signature")
    signatory.save()
    settings = CertificateSettings.load()
    settings.logo = make_image("logo", "RGB", (200, 10, 10))
    settings.save()
    certificate = issue_certificate(complete(make_learner(roles), course))
    assert certificate.signature_id and certificate.logo_id

    first = render(certificate, language="both", paper="a4")
    assert first == render(certificate, language="both", paper="a4")
    images = PdfReader(io.BytesIO(first)).pages[0]["/Resources"]["/XObject"]
    assert len(images) == 2

    # A new signature later leaves the issued certificate as it was.
    signatory.signature = make_image("other", colour=(90, 90, 90, 255))
    signatory.save()
    settings.logo = None
    settings.save()
    certificate.refresh_from_db()
    assert render(certificate, language="both", paper="a4") == first


@pytest.mark.parametrize("language", ["en", "es", "both"])
def test_bytes_do_not_depend_on_the_active_language(certificate, language):
    from django.utils import translation

    with translation.override("en"):
        english_request = render(certificate, language=language)
    with translation.override("es"):
        spanish_request = render(certificate, language=language)
    assert english_request == spanish_request


def test_images_are_read_once_per_process_then_only_looked_up(roles, course, signatory):
    """Signature and logo are decoded once; each later PDF costs one small
    look-up per image (its hash), whatever the number of certificates."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from certificates.models import CertificateSettings

    signatory.signature = make_image("signature-cache")
    signatory.save()
    settings = CertificateSettings.load()
    settings.logo = make_image("logo-cache", "RGB", (10, 120, 10))
    settings.save()
    first = issue_certificate(complete(make_learner(roles), course))
    second = issue_certificate(complete(make_learner(roles), course))
    render(first)
    for certificate in (first, second):
        with CaptureQueriesContext(connection) as queries:
            data = render(certificate)
        assert len(queries) == 2
        assert all("sha256" in q["sql"] for q in queries.captured_queries)
        images = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/XObject"]
        assert len(images) == 2


def test_streams_are_binary_not_ascii85(certificate):
    data = render(certificate)
    assert b"/ASCII85Decode" not in data
    assert b"/FlateDecode" in data


def test_the_pdf_prints_the_url_it_is_given(certificate):
    """Drawing builds no link of its own: the QR code and the printed line are the
    URL the caller passed."""
    given = f"https://verify.example.test/{certificate.code}/"
    data = render_certificate_pdf(
        certificate, verification_url=given, language="en", paper="letter"
    )
    assert drawn_qr(data) == qr_matrix(given)
    assert given in pdf_text(data).replace("\n", "")
    assert verification_url(certificate, "en") not in pdf_text(data).replace("\n", "")
