"""The top of a certificate: its double frame, and the letterhead (logo,
programme name, its second line, a gold rule). Called by
``certificates.pdf.certificate``."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from certificates.pdf.fonts import ACCENT, GOLD, MUTED, SANS, SERIF_BOLD, SERIF_ITALIC
from certificates.pdf.images import PreparedImage
from certificates.pdf.letterhead import Letterhead
from certificates.pdf.text import draw_tracked_centred, fit_size

FRAME = 18  # outer rule's inset


def draw_frame(pdf: Canvas, w: float, h: float) -> None:
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(2.4)
    pdf.rect(FRAME, FRAME, w - 2 * FRAME, h - 2 * FRAME)
    inset = FRAME + 6
    pdf.setStrokeColor(GOLD)
    pdf.setLineWidth(0.7)
    pdf.rect(inset, inset, w - 2 * inset, h - 2 * inset)
    pdf.setFillColor(GOLD)
    for x in (inset, w - inset):
        for y in (inset, h - inset):
            path = pdf.beginPath()
            path.moveTo(x, y + 5)
            path.lineTo(x + 5, y)
            path.lineTo(x, y - 5)
            path.lineTo(x - 5, y)
            path.close()
            pdf.drawPath(path, stroke=0, fill=1)


def draw_letterhead(
    pdf: Canvas,
    letterhead: Letterhead,
    language: str,
    width: float,
    top: float,
    logo: PreparedImage | None,
) -> float:
    """Draw the letterhead down from ``top``, centred; returns the y under it."""
    cx, y, line_width = width / 2, top, width - 250
    if logo is not None:
        w, h = logo.size
        scale = min(170 / w, 38 / h)
        with logo.lock:
            pdf.drawImage(
                logo.reader, cx - w * scale / 2, y - h * scale, w * scale, h * scale
            )
        y -= h * scale + 8
    names = letterhead.names(language)
    pdf.setFillColor(ACCENT)
    first = names[0].upper()
    size = fit_size(first, SERIF_BOLD, 14, line_width, 9)
    y -= size
    draw_tracked_centred(pdf, first, cx, y, SERIF_BOLD, size, 1.6)
    for other in names[1:]:
        y -= 13
        pdf.setFillColor(MUTED)
        pdf.setFont(SERIF_ITALIC, fit_size(other, SERIF_ITALIC, 10, line_width, 7))
        pdf.drawCentredString(cx, y, other)
    lines = letterhead.lines(language)
    if lines:
        joined = "  ·  ".join(lines)
        if stringWidth(joined, SANS, 8) <= line_width:
            lines = [joined]
        pdf.setFillColor(MUTED)
        for line in lines:
            y -= 11
            pdf.setFont(SANS, fit_size(line, SANS, 8, line_width, 6.5))
            pdf.drawCentredString(cx, y, line)
    y -= 9
    pdf.setStrokeColor(GOLD)
    pdf.setLineWidth(0.6)
    pdf.line(cx - 90, y, cx + 90, y)
    return y
