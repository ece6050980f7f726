"""Drawing a certificate: ``render_certificate_pdf(certificate, *, verification_url,
language, paper) -> bytes``, called by ``certificates.services.files`` (and its
fonts and colours by ``certificates.transcripts``). Only draws: it reads the
certificate's snapshot and prints the verification URL it is given.
"""

# Text is drawn with ``drawString`` (never parsed as markup), in the DejaVu fonts
# shipped under ``certificates/fonts/``. Invariant mode: the same certificate,
# language and paper always give the same bytes, which the "check a PDF" form relies
# on. Speed (docs/performance.md): fonts are registered and snapshot images decoded
# once per process, streams are binary (no ASCII85 pass), and the QR code is written
# as one path of integer module runs rather than drawn rectangle by rectangle.

from __future__ import annotations

import functools
import io
import threading
from pathlib import Path

import segno
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from certificates.models import Certificate, PaperSize, SnapshotImage

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONTS = {
    "PuenteSans": "DejaVuSans.ttf",
    "PuenteSans-Bold": "DejaVuSans-Bold.ttf",
    "PuenteSerif": "DejaVuSerif.ttf",
    "PuenteSerif-Bold": "DejaVuSerif-Bold.ttf",
}
SANS, SANS_BOLD, SERIF, SERIF_BOLD = FONTS

INK = Color(0.11, 0.16, 0.22)
MUTED = Color(0.35, 0.40, 0.45)
ACCENT = Color(0.05, 0.42, 0.45)

HEADING = pgettext_lazy("certificate heading", "Certificate of Completion")
CERTIFIES = _("This certifies that")
DEFAULT_WORDING = _("has successfully completed the course")
VERIFY_AT = _("Verify at")
SERIAL = _("Serial")
VERIFY_OFFLINE = _("Verify offline")

_fonts_lock = threading.Lock()
_fonts_registered = False


def register_fonts() -> None:
    """Register the shipped fonts once per process.

    Also turns off reportlab's ASCII85 wrapping of compressed streams: it only
    served 7-bit transports, makes files a quarter larger and, without reportlab's
    optional C accelerator, costs a pure-Python pass over every stream.
    """
    global _fonts_registered
    if _fonts_registered:
        return
    with _fonts_lock:
        if not _fonts_registered:
            rl_config.useA85 = 0
            for name, filename in FONTS.items():
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
            _fonts_registered = True


@functools.lru_cache(maxsize=32)
def _decoded_image(sha256: str) -> ImageReader:
    """A snapshot image decoded once per process.

    Keyed by content hash: snapshot images never change, so one decode serves
    every certificate that prints the same signature or logo. The soft mask
    reportlab derives for ``mask="auto"`` is decoded on the first drawing and kept
    by this same reader.
    """
    content = SnapshotImage.objects.values_list("content", flat=True).get(sha256=sha256)
    reader = ImageReader(io.BytesIO(bytes(content)))
    reader.getRGBData()
    return reader


def snapshot_image(image_id: int | None) -> ImageReader | None:
    if image_id is None:
        return None
    digest = SnapshotImage.objects.values_list("sha256", flat=True).get(pk=image_id)
    return _decoded_image(digest)


def page_size(paper: str) -> tuple[float, float]:
    return landscape(A4 if paper == PaperSize.A4 else LETTER)


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR code's modules, row 0 at the top, as drawn on the certificate."""
    qr = segno.make(url, error="m", micro=False)
    return [[bool(cell) for cell in row] for row in qr.matrix]


def qr_path(matrix: list[list[bool]]) -> str:
    """PDF path operators filling the dark modules, one ``x y w 1 re`` per run of
    dark modules in a row, in module units with y up (bottom row is 0)."""
    count = len(matrix)
    runs = []
    for row_index, row in enumerate(matrix):
        top = count - 1 - row_index
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                runs.append(f"{start} {top} {column - start} 1 re")
            else:
                column += 1
    return "\n".join(runs) + "\nf"


def _in(language: str, text) -> str:
    with translation.override(language):
        return str(text)


def _texts(language: str, text) -> list[str]:
    """A lazy string in the variant's language, or in English then Spanish."""
    if language == "both":
        return [_in("en", text), _in("es", text)]
    return [_in(language, text)]


def _date(value, language: str) -> str:
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


class _Drawing:
    def __init__(self, pdf: canvas.Canvas, width: float, height: float):
        self.pdf, self.width, self.height = pdf, width, height

    def centred(self, text: str, y: float, font: str, size: float, colour=INK):
        self.pdf.setFont(font, size)
        self.pdf.setFillColor(colour)
        self.pdf.drawCentredString(self.width / 2, y, text)

    def fitted(self, text: str, y: float, font: str, size: float, max_width: float):
        """One line, shrunk to fit; wrapped only if even 14 pt is too wide."""
        while size > 14 and pdfmetrics.stringWidth(text, font, size) > max_width:
            size -= 1
        lines = simpleSplit(text, font, size, max_width) or [""]
        for line in lines:
            self.centred(line, y, font, size)
            y -= size * 1.2
        return y

    def wrapped(self, text, y, font, size, max_width, colour=INK) -> float:
        for line in simpleSplit(text, font, size, max_width):
            self.centred(line, y, font, size, colour)
            y -= size * 1.3
        return y

    def image(self, reader: ImageReader, x: float, y: float, max_w, max_h):
        w, h = reader.getSize()
        scale = min(max_w / w, max_h / h)
        self.pdf.drawImage(
            reader, x - w * scale / 2, y, w * scale, h * scale, mask="auto"
        )

    def qr(self, url: str, x: float, y: float, size: float) -> None:
        """Draw the QR code as one filled path of module runs, in module units."""
        matrix = qr_matrix(url)
        count = len(matrix)
        pdf = self.pdf
        pdf.saveState()
        pdf.translate(x, y)
        pdf.scale(size / count, size / count)
        pdf.setFillColor(Color(0, 0, 0))
        # Integers only, so the operators are written directly: reportlab's
        # per-number float formatting was most of the QR code's cost.
        pdf.addLiteral(qr_path(matrix))
        pdf.restoreState()


def draw_offline_qr(
    draw: _Drawing, payload: str, x: float, y: float, size: float, language: str
) -> None:
    """The signed offline payload (certificates.credentials) as a second QR code,
    captioned; its lower-left corner at (x, y). Kept apart from the page layout so
    the layout can move it."""
    draw.qr(payload, x, y, size)
    pdf = draw.pdf
    pdf.setFillColor(INK)
    pdf.setFont(SANS, 7)
    for index, caption in enumerate(_texts(language, VERIFY_OFFLINE)):
        pdf.drawCentredString(x + size / 2, y - 9 - 8 * index, caption)


def _default_wording(language: str) -> str:
    return _in(language, DEFAULT_WORDING)


def render_certificate_pdf(
    certificate: Certificate,
    *,
    verification_url: str,
    language: str = "both",
    paper: str = "letter",
    offline_payload: str | None = None,
) -> bytes:
    """The certificate as a one-page landscape PDF in ``language`` (en, es, both),
    with ``verification_url`` printed under its QR code and, when given, the signed
    ``offline_payload`` in a second QR code (``draw_offline_qr``)."""
    register_fonts()
    width, height = page_size(paper)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer,
        pagesize=(width, height),
        invariant=1,
        pageCompression=1,
        lang="es" if language == "es" else "en",
    )
    titles = _texts(language, HEADING)
    course_titles = (
        [certificate.course_title_en, certificate.course_title_es]
        if language == "both"
        else [certificate.course_title(language)]
    )
    pdf.setTitle(f"{' / '.join(titles)} {certificate.serial}")
    pdf.setAuthor("Puente")
    pdf.setCreator("Puente")
    pdf.setProducer("Puente")
    pdf.setSubject(f"{certificate.learner_name} · {' / '.join(course_titles)}")
    pdf.setKeywords(["Puente", certificate.serial])

    draw = _Drawing(pdf, width, height)
    margin = 36
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(3)
    pdf.rect(margin / 2, margin / 2, width - margin, height - margin)
    pdf.setLineWidth(0.75)
    pdf.rect(margin * 0.75, margin * 0.75, width - margin * 1.5, height - margin * 1.5)
    text_width = width - margin * 4

    y = height - margin * 1.6
    if certificate.logo_id:
        logo = snapshot_image(certificate.logo_id)
        draw.image(logo, width / 2, y - 46, 160, 46)
        y -= 58
    y -= 26
    for index, title in enumerate(titles):
        draw.centred(title, y, SERIF_BOLD if index == 0 else SERIF, 26 - 8 * index)
        y -= 30 - 10 * index
    y -= 8
    for index, line in enumerate(_texts(language, CERTIFIES)):
        draw.centred(line, y, SANS, 12, INK if index == 0 else MUTED)
        y -= 15
    y -= 24
    y = draw.fitted(certificate.learner_name, y, SERIF_BOLD, 30, text_width)
    y -= 8
    languages = ["en", "es"] if language == "both" else [language]
    for index, lang in enumerate(languages):
        wording = certificate.wording(lang) or _default_wording(lang)
        colour = INK if index == 0 else MUTED
        y = draw.wrapped(wording, y, SANS, 12 if index == 0 else 10, text_width, colour)
    y -= 10
    for index, title in enumerate(course_titles):
        y = draw.wrapped(title, y, SANS_BOLD, 18 if index == 0 else 13, text_width, INK)
    y -= 4
    # Not localised: the same digits in every variant and whatever language is active.
    hours = f"{certificate.credit_hours:.1f}".removesuffix(".0")
    for index, lang in enumerate(languages):
        with translation.override(lang):
            line = gettext("%(hours)s credit hours · completed on %(date)s") % {
                "hours": hours,
                "date": _date(certificate.completed_on, lang),
            }
            if certificate.expires_at:
                line += " · " + gettext("valid until %(date)s") % {
                    "date": _date(timezone.localdate(certificate.expires_at), lang)
                }
        draw.centred(
            line, y, SANS, 11 if index == 0 else 9, INK if index == 0 else MUTED
        )
        y -= 14

    # Signature block, bottom left.
    base = margin * 1.6
    sig_x = margin * 1.5 + 130
    if certificate.signature_id:
        signature = snapshot_image(certificate.signature_id)
        draw.image(signature, sig_x, base + 44, 200, 46)
    pdf.setStrokeColor(INK)
    pdf.setLineWidth(0.75)
    pdf.line(sig_x - 110, base + 40, sig_x + 110, base + 40)
    pdf.setFillColor(INK)
    pdf.setFont(SANS_BOLD, 11)
    pdf.drawCentredString(sig_x, base + 26, certificate.signatory_name)
    pdf.setFont(SANS, 9)
    sig_titles = (
        {certificate.signatory_title("en"), certificate.signatory_title("es")}
        if language == "both"
        else {certificate.signatory_title(language)}
    )
    line_y = base + 14
    for title in sorted(t for t in sig_titles if t):
        pdf.drawCentredString(sig_x, line_y, title)
        line_y -= 11

    # Verification, bottom right: QR code, URL and serial.
    url = verification_url
    qr_size = 84
    qr_x = width - margin * 1.5 - qr_size - 150
    draw.qr(url, qr_x + 150, base + 8, qr_size)
    pdf.setFillColor(INK)
    pdf.setFont(SANS, 8)
    for index, label in enumerate(_texts(language, VERIFY_AT)):
        pdf.drawRightString(qr_x + 142, base + 72 - 10 * index, label)
    pdf.setFont(SANS, 7)
    url_lines = simpleSplit(url, SANS, 7, 210)
    for index, line in enumerate(url_lines):
        pdf.drawRightString(qr_x + 142, base + 46 - 9 * index, line)
    pdf.setFont(SANS_BOLD, 9)
    serial_label = " / ".join(_texts(language, SERIAL))
    pdf.drawRightString(qr_x + 142, base + 10, f"{serial_label}: {certificate.serial}")
    if offline_payload:
        draw_offline_qr(draw, offline_payload, qr_x - 154, base + 8, qr_size, language)

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
