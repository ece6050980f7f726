"""The seal drawn when the settings have no seal image: a gold rosette with the
programme's name around its ring and a star at its centre, all vector (no clip
art). Called by ``certificates.pdf.certificate``.
"""

from __future__ import annotations

import math

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from certificates.pdf.fonts import GOLD, SANS_BOLD, SERIF_BOLD, WHITE

TEETH = 36


def _star(cx: float, cy: float, outer: float, inner: float, points: int = 5):
    coordinates = []
    for index in range(points * 2):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / points
        coordinates.append(
            (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        )
    return coordinates


def _polygon(pdf: Canvas, points, *, fill: bool = True, stroke: bool = False) -> None:
    path = pdf.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    pdf.drawPath(path, fill=int(fill), stroke=int(stroke))


def ring_text(names: list[str], size: float, circumference: float) -> str:
    """What runs around the ring: the programme's name(s) in capitals, each
    followed by a separator, repeated as often as it fits, so the circle closes
    on a separator."""
    unit = "".join(f"{name.upper()} • " for name in names)
    width = pdfmetrics.stringWidth(unit, SANS_BOLD, size)
    return unit * max(1, int(circumference * 0.9 // width))


def draw_seal(pdf: Canvas, cx: float, cy: float, radius: float, names: list[str]):
    """The seal centred on (cx, cy), ``radius`` to the tips of its edge."""
    pdf.saveState()
    pdf.setFillColor(GOLD)
    pdf.setStrokeColor(GOLD)
    edge = []
    for index in range(TEETH * 2):
        r = radius if index % 2 == 0 else radius * 0.93
        angle = index * math.pi / TEETH
        edge.append((cx + r * math.sin(angle), cy + r * math.cos(angle)))
    _polygon(pdf, edge)
    pdf.setFillColor(WHITE)
    pdf.circle(cx, cy, radius * 0.86, stroke=0, fill=1)
    pdf.setLineWidth(max(0.6, radius * 0.018))
    pdf.circle(cx, cy, radius * 0.81, stroke=1, fill=0)
    pdf.setLineWidth(max(0.4, radius * 0.01))
    pdf.circle(cx, cy, radius * 0.55, stroke=1, fill=0)
    pdf.setFillColor(GOLD)

    # The name around the ring, clockwise from the top, spread to close the circle.
    baseline = radius * 0.62
    circumference = 2 * math.pi * baseline
    # Both names if they fit at a readable size, else the first one alone.
    for shown in (names, names[:1]):
        size = radius * 0.14
        text = ring_text(shown, size, circumference)
        while size > 5 and stringWidth(text, SANS_BOLD, size) > circumference * 0.92:
            size -= 0.25
        if stringWidth(text, SANS_BOLD, size) <= circumference * 0.92:
            break
    else:  # a very long name: its first words
        words = names[0].split()
        while (
            len(words) > 1 and stringWidth(text, SANS_BOLD, size) > circumference * 0.92
        ):
            words.pop()
            text = ring_text([" ".join(words)], size, circumference)
    widths = [pdfmetrics.stringWidth(char, SANS_BOLD, size) for char in text]
    spare = max(0.0, circumference - sum(widths)) / max(1, len(text))
    text_object = pdf.beginText()
    text_object.setFont(SANS_BOLD, size)
    travelled = 0.0
    for char, width in zip(text, widths, strict=True):
        centre = (travelled + width / 2) / baseline  # radians from the top
        travelled += width + spare
        if char == " ":
            continue
        cos, sin = math.cos(centre), math.sin(centre)
        # The glyph's own centre sits on the baseline circle, upright along it.
        x = cx + baseline * sin - (width / 2) * cos
        y = cy + baseline * cos + (width / 2) * sin
        text_object.setTextTransform(cos, -sin, sin, cos, round(x, 2), round(y, 2))
        text_object.textOut(char)
    pdf.drawText(text_object)

    # Centre: a star over two short rules, the first letter of the name below.
    _polygon(pdf, _star(cx, cy + radius * 0.16, radius * 0.2, radius * 0.08))
    pdf.setLineWidth(max(0.5, radius * 0.012))
    for offset in (-0.1, -0.14):
        y = cy + radius * offset
        pdf.line(cx - radius * 0.3, y, cx + radius * 0.3, y)
    initial = (names[0][:1] if names and names[0] else "").upper()
    if initial:
        pdf.setFont(SERIF_BOLD, radius * 0.24)
        pdf.drawCentredString(cx, cy - radius * 0.4, initial)
    pdf.restoreState()
