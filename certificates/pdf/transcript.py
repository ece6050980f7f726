"""The transcript as a portrait PDF: letterhead, date of issue, the learner's
details, the table of completed courses with hours and certificate serials, the
total, and "Page n of m" on every page. ``draw_transcript`` is called by
``certificates.transcripts.render_transcript_pdf``.
"""

from __future__ import annotations

import io
from typing import Protocol

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from certificates.models import PaperSize
from certificates.pdf.fonts import (
    ACCENT,
    GOLD,
    INK,
    MUTED,
    RULE,
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    register_fonts,
)
from certificates.pdf.images import stored_image
from certificates.pdf.letterhead import current_letterhead
from certificates.pdf.text import date_text, fit_size, hours_text

TRANSCRIPT = _("Transcript")
DATE_OF_ISSUE = _("Date of issue")
PAGE_OF = _("Page %(number)s of %(total)s")
VERIFY_NOTE = _(
    "Each certificate listed can be verified with the QR code printed on it."
)
DETAILS = (
    (_("Name"), "name"),
    (_("Email"), "email"),
    (_("Agency"), "agency"),
    (_("Job title"), "job_title"),
    (_("Country"), "country"),
    (_("State"), "state"),
)
MARGIN = 54
TINT = Color(0.93, 0.95, 0.96)
ROW_SIZE, ROW_LEADING = 9.5, 12


class TranscriptLike(Protocol):
    """What ``certificates.transcripts.Transcript`` offers (not imported: it
    imports this module)."""

    name: str
    email: str
    rows: list
    total_hours: object


class TranscriptDrawing:
    def __init__(self, pdf, transcript, language, width, height):
        self.pdf, self.transcript, self.language = pdf, transcript, language
        self.width, self.height = width, height
        self.letterhead = current_letterhead()
        right = width - MARGIN
        # Columns: course (left-aligned, takes what is left), completed on (as wide
        # as its longest date), hours and serial (right-aligned at these x).
        dates = [date_text(row.completed_on, language) for row in transcript.rows]
        date_width = max([80.0] + [stringWidth(d, SANS, ROW_SIZE) for d in dates])
        self.serial_x = right
        self.hours_x = right - 92 - 14
        self.date_x = self.hours_x - 56 - 14 - date_width
        self.course_x = MARGIN
        self.title_width = self.date_x - self.course_x - 14
        self.widths = {"date": date_width, "hours": 56, "serial": 92}

    def row_lines(self, row) -> list[str]:
        return simpleSplit(row.title, SANS, ROW_SIZE, self.title_width) or [""]

    def paginate(self, first_top: float, other_top: float) -> list[list]:
        """Rows per page, keeping room at the foot of the last for the total."""
        pages, page, y = [], [], first_top
        bottom = MARGIN + 40
        for row in self.transcript.rows:
            height = ROW_LEADING * len(self.row_lines(row)) + 8
            if page and y - height < bottom:
                pages.append(page)
                page, y = [], other_top
            page.append(row)
            y -= height
        if page and y - 60 < bottom:
            pages.append(page)
            page = []
        pages.append(page)
        return pages

    def letterhead_block(self) -> float:
        pdf, top = self.pdf, self.height - 48
        y = top
        letterhead = self.letterhead
        logo = (
            stored_image(letterhead.logo_file, letterhead.logo_hash, "logo")
            if letterhead.logo_file
            else None
        )
        if logo is not None:
            w, h = logo.size
            scale = min(150 / w, 38 / h)
            with logo.lock:
                pdf.drawImage(logo.reader, MARGIN, y - h * scale, w * scale, h * scale)
            y -= h * scale + 8
        name = letterhead.name(self.language).upper()
        pdf.setFillColor(ACCENT)
        size = fit_size(name, SERIF_BOLD, 12, self.width - 2 * MARGIN - 170, 8)
        pdf.setFont(SERIF_BOLD, size)
        y -= size
        pdf.drawString(MARGIN, y, name, charSpace=1.2)
        line = letterhead.line(self.language)
        if line:
            y -= 11
            pdf.setFillColor(MUTED)
            pdf.setFont(SANS, fit_size(line, SANS, 8, self.width - 2 * MARGIN - 170, 6))
            pdf.drawString(MARGIN, y, line)
        right = self.width - MARGIN
        pdf.setFillColor(MUTED)
        pdf.setFont(SANS, 7)
        pdf.drawRightString(
            right, top - 8, gettext(DATE_OF_ISSUE).upper(), charSpace=0.6
        )
        pdf.setFillColor(INK)
        pdf.setFont(SERIF, 10.5)
        pdf.drawRightString(
            right, top - 22, date_text(timezone.localdate(), self.language)
        )
        y -= 10
        pdf.setStrokeColor(GOLD)
        pdf.setLineWidth(0.8)
        pdf.line(MARGIN, y, right, y)
        return y

    def details_block(self, y: float) -> float:
        pdf, transcript = self.pdf, self.transcript
        pdf.setFillColor(INK)
        pdf.setFont(SERIF, 22)
        y -= 34
        pdf.drawString(MARGIN, y, gettext(TRANSCRIPT))
        y -= 12
        found = [(label, getattr(transcript, attr, "")) for label, attr in DETAILS]
        found = [(label, value) for label, value in found if value]
        column = (self.width - 2 * MARGIN) / 2
        for index, (label, value) in enumerate(found):
            x = MARGIN + column * (index % 2)
            if index % 2 == 0:
                y -= 28
            pdf.setFillColor(MUTED)
            pdf.setFont(SANS, 7)
            pdf.drawString(x, y + 11, gettext(label).upper(), charSpace=0.6)
            pdf.setFillColor(INK)
            font = SERIF_BOLD if index == 0 else SERIF
            pdf.setFont(font, fit_size(value, font, 11, column - 14, 7))
            pdf.drawString(x, y, value)
        return y - 24

    def table_header(self, y: float) -> float:
        """The column headings (wrapped to their column) on a tinted band."""
        pdf, size = self.pdf, 8.5
        cells = [
            (gettext("Course"), self.course_x, self.title_width, False),
            (gettext("Completed on"), self.date_x, self.widths["date"], False),
            (gettext("Credit hours"), self.hours_x, self.widths["hours"], True),
            (gettext("Certificate serial"), self.serial_x, self.widths["serial"], True),
        ]
        split = [
            simpleSplit(text, SANS_BOLD, size, width) for text, _x, width, _r in cells
        ]
        rows = max(len(lines) for lines in split)
        band = 8 + 10 * rows
        pdf.setFillColor(TINT)
        pdf.rect(
            MARGIN - 4,
            y - band + 12,
            self.width - 2 * MARGIN + 8,
            band,
            stroke=0,
            fill=1,
        )
        pdf.setFillColor(INK)
        pdf.setFont(SANS_BOLD, size)
        for (_text, x, _width, right), lines in zip(cells, split, strict=True):
            for index, line in enumerate(lines):
                if right:
                    pdf.drawRightString(x, y - 10 * index, line)
                else:
                    pdf.drawString(x, y - 10 * index, line)
        return y - band - 8

    def rows(self, rows, y: float) -> float:
        pdf = self.pdf
        for row in rows:
            lines = self.row_lines(row)
            pdf.setFillColor(INK)
            pdf.setFont(SANS, ROW_SIZE)
            pdf.drawString(self.date_x, y, date_text(row.completed_on, self.language))
            pdf.drawRightString(self.hours_x, y, hours_text(row.credit_hours))
            pdf.drawRightString(self.serial_x, y, row.serial or "—")
            for line in lines:
                pdf.drawString(self.course_x, y, line)
                y -= ROW_LEADING
            pdf.setStrokeColor(RULE)
            pdf.setLineWidth(0.4)
            pdf.line(MARGIN, y + 4, self.width - MARGIN, y + 4)
            y -= 8
        return y

    def total(self, y: float) -> None:
        pdf = self.pdf
        pdf.setStrokeColor(INK)
        pdf.setLineWidth(0.8)
        pdf.line(MARGIN, y + 6, self.width - MARGIN, y + 6)
        y -= 8
        pdf.setFillColor(INK)
        pdf.setFont(SANS_BOLD, 10)
        pdf.drawString(self.course_x, y, gettext("Total credit hours"))
        pdf.drawRightString(self.hours_x, y, hours_text(self.transcript.total_hours))
        pdf.setFillColor(MUTED)
        pdf.setFont(SANS, 8)
        pdf.drawString(MARGIN, y - 22, gettext(VERIFY_NOTE))

    def footer(self, number: int, total: int) -> None:
        pdf = self.pdf
        pdf.setStrokeColor(RULE)
        pdf.setLineWidth(0.5)
        pdf.line(MARGIN, MARGIN - 12, self.width - MARGIN, MARGIN - 12)
        pdf.setFillColor(MUTED)
        pdf.setFont(SANS, 7.5)
        left = " · ".join(
            [
                self.letterhead.name(self.language),
                gettext(TRANSCRIPT),
                self.transcript.name,
            ]
        )
        pdf.drawString(MARGIN, MARGIN - 24, left)
        pdf.drawRightString(
            self.width - MARGIN,
            MARGIN - 24,
            gettext(PAGE_OF) % {"number": number, "total": total},
        )

    def draw(self) -> None:
        pdf = self.pdf
        under = self.details_block(self.letterhead_block())
        continued_top = self.height - 60
        pages = self.paginate(under - 40, continued_top - 40)
        for number, rows in enumerate(pages, start=1):
            if number == 1:
                y = under
            else:
                pdf.showPage()
                y = continued_top
            if not self.transcript.rows:
                pdf.setFillColor(INK)
                pdf.setFont(SANS, 11)
                pdf.drawString(MARGIN, y - 6, gettext("No completed courses yet."))
            else:
                y = self.rows(rows, self.table_header(y))
                if number == len(pages):
                    self.total(y)
            self.footer(number, len(pages))
        pdf.showPage()


def draw_transcript(transcript: TranscriptLike, *, language: str, paper: str) -> bytes:
    register_fonts()
    width, height = A4 if paper == PaperSize.A4 else LETTER
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer, pagesize=(width, height), invariant=1, pageCompression=1, lang=language
    )
    with translation.override(language):
        pdf.setTitle(f"{gettext(TRANSCRIPT)} · {transcript.name}")
        letterhead = current_letterhead()
        pdf.setAuthor(letterhead.name(language))
        pdf.setCreator("Puente")
        pdf.setProducer("Puente")
        pdf.setSubject(transcript.name)
        TranscriptDrawing(pdf, transcript, language, width, height).draw()
    pdf.save()
    return buffer.getvalue()
