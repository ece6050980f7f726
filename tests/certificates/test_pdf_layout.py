"""The certificate as printed: what each variant says in its language, the URL
readable under the QR code, long names and titles inside the frame, the letterhead
and seal from the settings, QR codes that decode, and the same bytes every time."""

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import segno
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from certificates.models import CertificateSettings
from certificates.pdf import render_certificate_pdf
from certificates.pdf.certificate import page_size
from certificates.pdf.qr import qr_rows
from certificates.services import issue_certificate, verification_url
from tests.certificates.support import complete, make_learner

pytestmark = pytest.mark.django_db

LONG_NAME = (
    "María Guadalupe Fernández de la Torre y Hernández-Villaseñor Ortiz de "
    "Montellano Sánchez"
)
LONG_TITLE = (
    "Advanced Cross-Border Coordination for the Identification, Protection, "
    "Interviewing and Safe Return of Missing, Exploited and Trafficked Children "
    "and Adolescents"
)
WORDS = {
    "en": ["Certificate of Completion", "This certifies that", "CREDIT HOURS"],
    "es": ["Constancia de acreditación", "Se hace constar que", "FOLIO"],
}
FONTS = {  # the embedded base font → the name it is registered under
    "DejaVuSans": "PuenteSans",
    "DejaVuSans-Bold": "PuenteSans-Bold",
    "DejaVuSerif": "PuenteSerif",
    "DejaVuSerif-Bold": "PuenteSerif-Bold",
    "DejaVuSerif-Italic": "PuenteSerif-Italic",
}


def render(certificate, language="both", paper="letter", **kwargs) -> bytes:
    return render_certificate_pdf(
        certificate,
        verification_url=verification_url(certificate, language),
        language=language,
        paper=paper,
        **kwargs,
    )


def text_of(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def drawn_lines(data: bytes) -> list[tuple[str, float, float, float]]:
    """(text, size in points, x, width) of every piece of upright text drawn."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    found = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or font is None or tm[1] or tm[2]:
            return  # the seal's ring letters are rotated
        base = str(font.get("/BaseFont", "")).split("+")[-1]
        registered = FONTS.get(base)
        scale = tm[0] * cm[0]
        points = size * scale
        width = stringWidth(text, registered, points) if registered else 0.0
        found.append((text, points, tm[4] * cm[0] + cm[4], width))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("language", ["en", "es", "both"])
def test_each_variant_says_what_it_must_in_its_language(certificate, language, paper):
    text = text_of(render(certificate, language, paper))
    expected = WORDS["en"] + WORDS["es"] if language == "both" else WORDS[language]
    for words in expected:
        assert words in text
    if language != "both":
        other = WORDS["es" if language == "en" else "en"]
        assert not any(words in text for words in other)
    for lang in ["en", "es"] if language == "both" else [language]:
        assert certificate.course_title(lang) in text
    assert certificate.learner_name in text
    assert certificate.serial in text
    assert "2.5" in text
    assert certificate.signatory_name in text


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("language", ["en", "es", "both"])
def test_the_verification_url_is_printed_at_8_pt_or_more(certificate, language, paper):
    url = verification_url(certificate, language)
    lines = drawn_lines(render(certificate, language, paper))
    printed = [(text, size) for text, size, _x, _w in lines if text.strip() == url]
    assert printed, f"{url} is not printed on one line"
    assert all(size >= 8 for _text, size in printed)


@pytest.mark.parametrize("language", ["en", "es", "both"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_long_names_and_titles_stay_inside_the_frame(roles, course, language, paper):
    course.title_en = LONG_TITLE
    course.title_es = LONG_TITLE.replace("Advanced", "Avanzado")
    course.save()
    learner = make_learner(roles, full_name=LONG_NAME)
    certificate = issue_certificate(complete(learner, course))
    data = render(certificate, language, paper)
    width, _height = page_size(paper)
    lines = drawn_lines(data)
    assert lines
    for text, _size, x, drawn_width in lines:
        assert x >= 24 and x + drawn_width <= width - 24, text
    name_sizes = [size for text, size, _x, _w in lines if text.strip() in LONG_NAME]
    assert name_sizes and min(name_sizes) >= 20  # shrunk, still the focus
    squeezed = "".join(text_of(data).split())
    assert "".join(LONG_NAME.split()) in squeezed


def test_the_name_is_the_largest_text_on_the_page(certificate):
    lines = drawn_lines(render(certificate, "en"))
    largest = max(lines, key=lambda line: line[1])
    assert largest[0].strip() == certificate.learner_name


def test_the_course_title_is_printed_once_per_language(roles, course):
    course.certificate_wording_en = (
        f"has completed all lessons of the course “{course.title_en}”, 2.5 hours."
    )
    course.save()
    certificate = issue_certificate(complete(make_learner(roles), course))
    text = text_of(render(certificate, "en"))
    assert text.replace("\n", " ").count(course.title_en) == 1


def test_no_signature_image_prints_a_line_with_name_and_title(certificate):
    assert certificate.signature_id is None
    data = render(certificate, "en")
    text = text_of(data)
    assert "Dra. Ana María Gómez" in text and "Programme Director" in text
    assert "/XObject" not in str(PdfReader(io.BytesIO(data)).pages[0]["/Resources"])


def test_letterhead_comes_from_the_settings(certificate):
    settings = CertificateSettings.load()
    settings.programme_name_en = "Border Child Protection Programme"
    settings.programme_name_es = "Programa de Protección de la Niñez en la Frontera"
    settings.letterhead_line_en = "Office of Training"
    settings.letterhead_line_es = "Dirección de Capacitación"
    settings.save()
    both = text_of(render(certificate, "both"))
    assert "BORDER CHILD PROTECTION PROGRAMME" in both
    assert "Programa de Protección de la Niñez en la Frontera" in both
    assert "Office of Training" in both and "Dirección de Capacitación" in both
    spanish = text_of(render(certificate, "es"))
    assert "PROGRAMA DE PROTECCIÓN DE LA NIÑEZ EN LA FRONTERA" in spanish
    assert "Office of Training" not in spanish
    meta = PdfReader(io.BytesIO(render(certificate, "en"))).metadata
    assert meta.author == "Border Child Protection Programme"


def make_image(title: str, colour=(160, 120, 40)):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 300), colour).save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png")
    )


def test_a_seal_image_in_the_settings_replaces_the_drawn_seal(certificate):
    drawn = render(certificate, "en")
    settings = CertificateSettings.load()
    settings.seal = make_image("seal")
    settings.save()
    sealed = render(certificate, "en")
    images = PdfReader(io.BytesIO(sealed)).pages[0]["/Resources"]["/XObject"]
    assert len(images) == 1
    assert sealed != drawn


def test_metadata_title_author_and_language(certificate):
    for language, lang in (("en", "en"), ("es", "es"), ("both", "en")):
        reader = PdfReader(io.BytesIO(render(certificate, language)))
        assert certificate.serial in reader.metadata.title
        assert reader.metadata.author == "Puente"
        assert reader.trailer["/Root"]["/Lang"] == lang


def test_offline_payload_gets_its_own_captioned_qr_code(certificate):
    payload = "eyJhbGciOiJFZERTQSJ9." + "a" * 300 + ".c2ln"
    both = render(certificate, "both", offline_payload=payload)
    text = text_of(both)
    assert "Verify offline" in text and "Verificación sin conexión" in text
    assert "Verify offline" not in text_of(render(certificate, "both"))


@pytest.mark.parametrize(
    "text",
    ["https://puente.example/verify/EkWRvpwYjbQ29Now6S76uEw1/", "a" * 40, "Z" * 700]
    + [
        "".join(chr(65 + (i * 7 + n) % 58) for i in range(n)) for n in range(9, 600, 37)
    ],
)
def test_qr_symbols_decode_to_their_text_at_error_correction_m(text):
    """Every symbol drawn reads back as its text, at level M, no larger than the
    smallest version that holds it at M (segno's choice)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    rows = qr_rows(text)
    size = len(rows)
    image = Image.new("L", (size + 8, size + 8), 255)
    image.putdata(
        [
            0
            if 4 <= y < size + 4 and 4 <= x < size + 4 and rows[y - 4][x - 4] == "1"
            else 255
            for y in range(size + 8)
            for x in range(size + 8)
        ]
    )
    (found,) = zxingcpp.read_barcodes(image.resize((4 * (size + 8),) * 2))
    assert found.text == text
    assert found.ec_level == "M"
    assert (size - 17) // 4 <= segno.make(text, error="m", micro=False).version


def test_qr_codes_decode_to_the_url_and_the_offline_payload(certificate):
    zxingcpp = pytest.importorskip("zxingcpp")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    payload = "eyJhbGciOiJFZERTQSJ9." + "b" * 400 + ".c2lnbmF0dXJl"
    data = render(certificate, "both", "a4", offline_payload=payload)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "certificate.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(pdf)[:-4]],
            check=True,
        )
        with Image.open(Path(folder) / "certificate.png") as image:
            found = {result.text for result in zxingcpp.read_barcodes(image)}
    assert found == {verification_url(certificate, "both"), payload}


def test_same_bytes_with_cold_and_warm_caches(roles, course, signatory):
    """Fonts, images, QR layouts and translations cached per process never change
    a byte: emptied, they give the same file again."""
    from certificates.pdf import reset_caches

    signatory.signature = make_image("signature", (20, 30, 80))
    signatory.save()
    certificate = issue_certificate(complete(make_learner(roles), course))
    warm = render(certificate, "both", "a4", offline_payload="eyJ" + "c" * 200)
    assert warm == render(certificate, "both", "a4", offline_payload="eyJ" + "c" * 200)
    reset_caches()
    assert render(certificate, "both", "a4", offline_payload="eyJ" + "c" * 200) == warm


FONT_SCRIPT = """
import hashlib, io, sys
import django

django.setup()
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from certificates.pdf.fonts import FONT_DIR, FONTS, PreparedFont

rl_config.useA85 = 0


class Reference(TTFont):
    # reportlab's own font, given the same first characters in the same order
    def __init__(self, name, path):
        super().__init__(name, path, asciiReadable=1)
        self.first = PreparedFont(name, path)._puente_common

    def splitString(self, text, doc, encoding="utf-8"):
        if doc not in self.state:
            super().splitString(self.first, doc, encoding)
        return super().splitString(text, doc, encoding)


kind = Reference if sys.argv[1] == "reference" else PreparedFont
for name, filename in FONTS.items():
    pdfmetrics.registerFont(kind(name, str(FONT_DIR / filename)))
digests = []
for text in ["José Núñez Peña ¿qué? ¡sí!", "Nguyễn Thị Minh Khai, Søren, Anna Straße"]:
    for _ in range(2):
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, invariant=1, pageCompression=1)
        for index, name in enumerate(FONTS):
            pdf.setFont(name, 12)
            pdf.drawString(20, 20 + 20 * index, text)
        pdf.showPage()
        pdf.save()
        digests.append(hashlib.sha256(buffer.getvalue()).hexdigest())
print(" ".join(digests))
"""


def test_prepared_fonts_write_the_bytes_reportlab_writes():
    """The cached subsets are reportlab's own subsets, byte for byte (each kind
    of font in its own process: reportlab registers a typeface once)."""
    root = Path(__file__).resolve().parents[2]

    def digests(kind: str) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-c", FONT_SCRIPT, kind],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
            capture_output=True,
            check=True,
            cwd=root,
            text=True,
        )
        return run.stdout.split()

    prepared = digests("prepared")
    assert prepared == digests("reference")
    assert prepared[0] == prepared[1] and prepared[2] == prepared[3]


def test_staff_set_the_letterhead_in_the_settings_and_the_next_pdf_prints_it(
    client, certificate, django_user_model
):
    from django.urls import reverse

    admin = django_user_model.objects.create_superuser(
        "settings-admin@example.test", "x-Passw0rd-x", full_name="Settings Admin"
    )
    client.force_login(admin)
    edit = reverse(
        "wagtailsettings:edit",
        args=[
            CertificateSettings._meta.app_label,
            CertificateSettings._meta.model_name,
        ],
    )
    page = client.get(edit, follow=True)
    assert page.status_code == 200
    edit = page.redirect_chain[-1][0] if page.redirect_chain else edit
    html = page.content.decode()
    for field in (
        "programme_name_en",
        "programme_name_es",
        "letterhead_line_es",
        "seal",
    ):
        assert f'name="{field}"' in html
    render(certificate, "es")  # the letterhead is now cached
    response = client.post(
        edit,
        {
            "programme_name_en": "Child Protection Academy",
            "programme_name_es": "Academia de Protección de la Niñez",
            "letterhead_line_en": "",
            "letterhead_line_es": "Unidad de Capacitación",
        },
    )
    assert response.status_code == 302
    text = text_of(render(certificate, "es"))
    assert "ACADEMIA DE PROTECCIÓN DE LA NIÑEZ" in text
    assert "Unidad de Capacitación" in text
