"""The foot of a certificate: the signatory (signature image when there is one,
else a line) with name and title, the seal (the settings' image or the drawn one)
and the verification QR code with its URL, with the offline QR code beside it when
there is one. Called by ``certificates.pdf.certificate``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from certificates.models import Certificate
from certificates.pdf.fonts import INK, MUTED, SANS, SANS_BOLD
from certificates.pdf.images import snapshot_image, stored_image
from certificates.pdf.letterhead import Letterhead
from certificates.pdf.qr import qr_rows, qr_stencil
from certificates.pdf.seal import draw_seal
from certificates.pdf.text import fit_size, texts

VERIFY_AT = _("Verify at")
VERIFY_OFFLINE = _("Verify offline")

BASE = 42  # baseline of the URL, the lowest line on the page
SIDE = 64
VERIFY_QR = 66
OFFLINE_QR = 80
URL_SIZE = 9
URL_SMALLEST = 8  # never smaller: it must stay readable when printed


def draw_qr(pdf: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code as a stencil mask in black, lower-left corner at (x, y)."""
    pdf.saveState()
    pdf.translate(x, y)
    pdf.scale(size, size)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.addLiteral(qr_stencil(qr_rows(text)))
    pdf.restoreState()


def _captions(pdf: Canvas, lines: list[str], cx: float, top: float) -> None:
    for index, line in enumerate(lines):
        pdf.setFillColor(INK if index == 0 else MUTED)
        pdf.setFont(SANS, 7)
        pdf.drawCentredString(cx, top - 8 * index, line)


def url_lines(url: str, width: float) -> tuple[float, list[str]]:
    """The URL at 9 pt, shrunk to 8 pt to fit ``width``, cut into lines at 8 pt
    only if it is longer still."""
    size = fit_size(url, SANS, URL_SIZE, width, URL_SMALLEST)
    lines, current = [], ""
    for char in url:
        if current and stringWidth(current + char, SANS, size) > width:
            lines.append(current)
            current = ""
        current += char
    return size, [*lines, current]


def draw_verification(
    pdf: Canvas, url: str, offline: str | None, language: str, right: float
) -> None:
    qr_y = BASE + 30
    qr_x = right - VERIFY_QR
    draw_qr(pdf, url, qr_x, qr_y, VERIFY_QR)
    _captions(pdf, texts(language, VERIFY_AT), qr_x + VERIFY_QR / 2, qr_y - 9)
    if offline:
        x = qr_x - 18 - OFFLINE_QR
        draw_qr(pdf, offline, x, qr_y, OFFLINE_QR)
        _captions(pdf, texts(language, VERIFY_OFFLINE), x + OFFLINE_QR / 2, qr_y - 9)
    size, lines = url_lines(url, 300)
    pdf.setFillColor(INK)
    pdf.setFont(SANS, size)
    for index, line in enumerate(lines):
        pdf.drawRightString(right, BASE - (size + 1) * index, line)


def draw_signatory(pdf: Canvas, certificate: Certificate, language: str) -> None:
    centre = SIDE + 115
    line_y = BASE + 34
    signature = snapshot_image(certificate.signature_id, "signature")
    if signature is not None:
        w, h = signature.size
        scale = min(180 / w, 44 / h)
        with signature.lock:
            pdf.drawImage(
                signature.reader,
                centre - w * scale / 2,
                line_y + 3,
                w * scale,
                h * scale,
            )
    if not certificate.signatory_name and signature is None:
        return
    pdf.setStrokeColor(INK)
    pdf.setLineWidth(0.6)
    pdf.line(centre - 115, line_y, centre + 115, line_y)
    pdf.setFillColor(INK)
    name = certificate.signatory_name
    pdf.setFont(SANS_BOLD, fit_size(name, SANS_BOLD, 9.5, 230, 7))
    pdf.drawCentredString(centre, line_y - 12, name)
    languages = ["en", "es"] if language == "both" else [language]
    titles = [
        t
        for t in dict.fromkeys(certificate.signatory_title(lang) for lang in languages)
        if t
    ]
    for index, title in enumerate(titles):
        pdf.setFillColor(INK if index == 0 else MUTED)
        pdf.setFont(SANS, fit_size(title, SANS, 8, 240, 6))
        pdf.drawCentredString(centre, line_y - 23 - 10 * index, title)


def draw_foot(
    pdf: Canvas,
    certificate: Certificate,
    letterhead: Letterhead,
    *,
    language: str,
    width: float,
    verification_url: str,
    offline_payload: str | None,
) -> None:
    draw_signatory(pdf, certificate, language)
    seal_x, seal_y, radius = width / 2 - (20 if offline_payload else 0), BASE + 52, 44
    seal = (
        stored_image(letterhead.seal_file, letterhead.seal_hash, "seal")
        if letterhead.seal_file
        else None
    )
    if seal is not None:
        w, h = seal.size
        scale = min(2 * radius / w, 2 * radius / h)
        with seal.lock:
            pdf.drawImage(
                seal.reader,
                seal_x - w * scale / 2,
                seal_y - h * scale / 2,
                w * scale,
                h * scale,
            )
    else:
        draw_seal(pdf, seal_x, seal_y, radius, letterhead.names(language))
    draw_verification(pdf, verification_url, offline_payload, language, width - SIDE)
