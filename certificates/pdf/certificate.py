"""The certificate page: ``render_certificate_pdf(certificate, *, verification_url,
language, paper, offline_payload) -> bytes``, called by
``certificates.services.files``. Only draws: it reads the certificate's snapshot and
the letterhead, and prints the verification URL (and offline payload) it is given.
"""

# Layout (landscape Letter or A4): a double frame; the letterhead (logo, programme
# name, its second line); the heading; the learner's name as the focus; the
# course's wording with the course title in bold (or, when the wording does not
# name it, the title on its own); one row of details (hours, completion date,
# validity, serial); and a foot with the signatory, the seal and the verification
# QR code(s) with the URL under them. The middle is spread over the height left
# between letterhead and foot, so a short certificate has no empty band and a
# long wording shrinks a little instead of running into the foot.

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from certificates.models import Certificate, PaperSize
from certificates.pdf.fonts import (
    ACCENT,
    GOLD,
    INK,
    MUTED,
    RULE,
    SANS,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    register_fonts,
)
from certificates.pdf.foot import draw_foot
from certificates.pdf.header import draw_frame, draw_letterhead
from certificates.pdf.images import snapshot_image
from certificates.pdf.letterhead import Letterhead, current_letterhead
from certificates.pdf.text import (
    date_text,
    draw_runs_centred,
    draw_tracked_centred,
    fit_size,
    fitted_lines,
    hours_text,
    runs_width,
    texts,
    tracked_width,
    wrap_runs,
)

HEADING = pgettext_lazy("certificate heading", "Certificate of Completion")
CERTIFIES = _("This certifies that")
DEFAULT_WORDING = _("has successfully completed the course")
CREDIT_HOURS = _("Credit hours")
COMPLETED_ON = _("Completed on")
VALID_UNTIL = _("Valid until")
SERIAL = _("Serial")

SIDE = 64  # text margin from the page edge
TOP = 50
FOOT_TOP = 150  # the foot (signature, seal, QR codes) lies below this


def page_size(paper: str) -> tuple[float, float]:
    return landscape(A4 if paper == PaperSize.A4 else LETTER)


@dataclass
class Block:
    """A piece of the middle: its height and how to draw it from its top."""

    height: float
    draw: object  # callable(top: float) -> None
    gap_before: float = 1.0  # share of the spare height above it
    extra: dict = field(default_factory=dict)


def _languages(language: str) -> list[str]:
    return ["en", "es"] if language == "both" else [language]


class CertificatePage:
    def __init__(self, pdf, certificate, letterhead, language, width, height):
        self.pdf, self.certificate, self.letterhead = pdf, certificate, letterhead
        self.language, self.width, self.height = language, width, height
        self.cx = width / 2
        self.text_width = width - 2 * SIDE

    # The middle ------------------------------------------------------------------

    def heading(self) -> Block:
        titles = texts(self.language, HEADING)
        main = fit_size(titles[0], SERIF, 30, self.text_width - 40, 18)

        def draw(top):
            self.pdf.setFillColor(INK)
            draw_tracked_centred(
                self.pdf, titles[0], self.cx, top - main, SERIF, main, 1
            )
            if len(titles) > 1:
                self.pdf.setFillColor(MUTED)
                self.pdf.setFont(SERIF_ITALIC, 15)
                self.pdf.drawCentredString(self.cx, top - main - 21, titles[1])

        return Block(main + (21 if len(titles) > 1 else 0) + 4, draw, 0.8)

    def certifies(self) -> Block:
        lines = texts(self.language, CERTIFIES)
        joined = "  ·  ".join(lines)

        def draw(top):
            self.pdf.setFillColor(MUTED)
            self.pdf.setFont(SERIF_ITALIC, 11.5)
            self.pdf.drawCentredString(self.cx, top - 11.5, joined)

        return Block(14, draw, 1.0)

    def name(self) -> Block:
        name = self.certificate.learner_name
        size, lines = fitted_lines(name, SERIF_BOLD, 34, self.text_width - 60, 20)
        line_height = size * 1.15
        widest = max(stringWidth(line, SERIF_BOLD, size) for line in lines)
        rule = min(self.text_width - 40, max(300, widest + 60))

        def draw(top):
            pdf = self.pdf
            pdf.setFillColor(INK)
            pdf.setFont(SERIF_BOLD, size)
            y = top - size * 0.95
            for line in lines:
                pdf.drawCentredString(self.cx, y, line)
                y -= line_height
            pdf.setStrokeColor(GOLD)
            pdf.setLineWidth(0.6)
            rule_y = y + line_height - size * 0.38
            pdf.line(self.cx - rule / 2, rule_y, self.cx + rule / 2, rule_y)

        return Block(line_height * len(lines) + 4, draw, 0.7)

    def statement(self, scale: float) -> Block:
        """The wording in each language, the course title in bold inside it; the
        title on its own under it when the wording does not name it."""
        certificate = self.certificate
        width = min(self.text_width - 20, 660)
        pieces = []  # (lines, size, colour, line height)
        titles = []
        for index, lang in enumerate(_languages(self.language)):
            wording = (certificate.wording(lang) or "").strip() or texts(
                lang, DEFAULT_WORDING
            )[0]
            title = certificate.course_title(lang)
            font = SERIF if index == 0 else SERIF_ITALIC
            size = (11.5 if index == 0 else 10.5) * scale
            at = wording.find(title) if title else -1
            if at >= 0:
                runs = [
                    (wording[:at], font),
                    (title, SERIF_BOLD),
                    (wording[at + len(title) :], font),
                ]
            else:
                runs = [(wording, font)]
                if title and title not in titles:
                    titles.append(title)
            colour = INK if index == 0 else MUTED
            pieces.append((wrap_runs(runs, size, width), size, colour, size * 1.38))
        if len(pieces) == 2 and all(len(lines) == 1 for lines, *_rest in pieces):
            # Two one-line wordings (the default one) read as one line if they fit.
            english, spanish = pieces[0][0][0], pieces[1][0][0]
            size = pieces[0][1]
            joined = [*english, ("  ·  ", SERIF), *spanish]
            if runs_width(joined, size) <= width:
                pieces = [([joined], size, INK, size * 1.38)]
        title_lines = []
        for index, title in enumerate(titles):
            font = SERIF_BOLD if index == 0 else SERIF_ITALIC
            base = (19 if index == 0 else 13) * scale
            size, lines = fitted_lines(title, font, base, width, base * 0.75)
            colour = ACCENT if index == 0 else MUTED
            title_lines.append((lines, font, size, colour))

        def draw(top):
            pdf, y = self.pdf, top
            for lines, size, colour, leading in pieces:
                pdf.setFillColor(colour)
                y -= size
                for line in lines:
                    draw_runs_centred(pdf, line, self.cx, y, size)
                    y -= leading
                y += leading - 9
            for lines, font, size, colour in title_lines:
                y -= 4
                pdf.setFillColor(colour)
                pdf.setFont(font, size)
                for line in lines:
                    y -= size
                    pdf.drawCentredString(self.cx, y, line)
                    y -= size * 0.25

        height = sum(
            size + leading * (len(lines) - 1) + 9 for lines, size, _c, leading in pieces
        )
        height += sum(
            4 + size * 1.25 * len(lines) for lines, _f, size, _c in title_lines
        )
        return Block(height, draw, 1.0)

    def details(self) -> Block:
        certificate, language = self.certificate, self.language
        columns = [
            (CREDIT_HOURS, [hours_text(certificate.credit_hours)]),
            (
                COMPLETED_ON,
                [
                    date_text(certificate.completed_on, lang)
                    for lang in _languages(language)
                ],
            ),
        ]
        if certificate.expires_at:
            until = timezone.localdate(certificate.expires_at)
            columns.append(
                (VALID_UNTIL, [date_text(until, lang) for lang in _languages(language)])
            )
        columns.append((SERIAL, [certificate.serial]))
        prepared = [
            (
                [text.upper() for text in texts(language, label)],
                list(dict.fromkeys(values)),
            )
            for label, values in columns
        ]
        column_width = min(190, (self.text_width - 40) / len(prepared))
        label_rows = max(len(labels) for labels, _values in prepared)
        rows = max(len(values) for _labels, values in prepared)
        value_top = 9 + 8 * (label_rows - 1) + 14

        def draw(top):
            pdf = self.pdf
            left = self.cx - column_width * len(prepared) / 2
            for index, (labels, values) in enumerate(prepared):
                centre = left + column_width * (index + 0.5)
                pdf.setFillColor(MUTED)
                for number, label in enumerate(labels):
                    size = 6.5
                    while (
                        size > 5
                        and tracked_width(label, SANS, size, 0.8) > column_width - 12
                    ):
                        size -= 0.5
                    draw_tracked_centred(
                        pdf, label, centre, top - 7 - 8 * number, SANS, size, 0.8
                    )
                y = top - value_top
                for number, value in enumerate(values):
                    font, value_size = (
                        (SERIF, 12) if number == 0 else (SERIF_ITALIC, 9.5)
                    )
                    value_size = fit_size(value, font, value_size, column_width - 10, 8)
                    pdf.setFillColor(INK if number == 0 else MUTED)
                    pdf.setFont(font, value_size)
                    pdf.drawCentredString(centre, y, value)
                    y -= 12
                if index:
                    pdf.setStrokeColor(RULE)
                    pdf.setLineWidth(0.5)
                    x = left + column_width * index
                    pdf.line(x, top, x, top - value_top - 4 - 12 * (rows - 1))

        return Block(value_top + 4 + 12 * (rows - 1), draw, 1.0)

    def middle(self, top: float, bottom: float) -> None:
        fixed = [self.heading(), self.certifies(), self.name(), self.details()]
        fixed_height = sum(block.height for block in fixed)
        for scale in (1.0, 0.94, 0.88, 0.82, 0.76):
            statement = self.statement(scale)
            used = fixed_height + statement.height
            if used + 40 <= top - bottom:
                break
        blocks = [*fixed[:3], statement, fixed[3]]
        spare = max(0.0, top - bottom - used)
        weights = sum(block.gap_before for block in blocks) + 0.8
        unit = min(spare / weights, 34)
        # What the gaps cannot take is split above and below the middle.
        y = top - (spare - unit * weights) / 2
        for block in blocks:
            y -= unit * block.gap_before
            block.draw(y)
            y -= block.height


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
    ``offline_payload`` in a second QR code beside it."""
    register_fonts()
    width, height = page_size(paper)
    letterhead: Letterhead = current_letterhead()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer,
        pagesize=(width, height),
        invariant=1,
        pageCompression=1,
        lang="es" if language == "es" else "en",
    )
    titles = texts(language, HEADING)
    course_titles = list(
        dict.fromkeys(certificate.course_title(lang) for lang in _languages(language))
    )
    pdf.setTitle(f"{' / '.join(titles)} {certificate.serial}")
    pdf.setAuthor(letterhead.names(language)[0])
    pdf.setCreator("Puente")
    pdf.setProducer("Puente")
    pdf.setSubject(f"{certificate.learner_name} · {' / '.join(course_titles)}")
    pdf.setKeywords(["Puente", certificate.serial])

    page = CertificatePage(pdf, certificate, letterhead, language, width, height)
    draw_frame(pdf, width, height)
    under_letterhead = draw_letterhead(
        pdf,
        letterhead,
        language,
        width,
        height - TOP,
        snapshot_image(certificate.logo_id, "logo"),
    )
    draw_foot(
        pdf,
        certificate,
        letterhead,
        language=language,
        width=width,
        verification_url=verification_url,
        offline_payload=offline_payload,
    )
    page.middle(under_letterhead - 6, FOOT_TOP + 6)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
