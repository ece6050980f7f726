"""The learner's transcript: completed courses with dates, credit hours and
certificate serials, and the total hours. ``get_transcript_for_user`` reads it in two
queries; ``render_transcript_pdf`` draws it in the fonts of ``certificates.pdf``.
Called by ``certificates.transcript_views``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from certificates.models import Certificate, CertificateStatus, PaperSize
from certificates.pdf import INK, MUTED, SANS, SANS_BOLD, SERIF_BOLD, register_fonts
from lms.models import Enrollment


@dataclass
class TranscriptRow:
    title: str
    completed_on: date
    credit_hours: Decimal
    serial: str = ""


@dataclass
class Transcript:
    name: str
    email: str
    rows: list[TranscriptRow] = field(default_factory=list)

    @property
    def total_hours(self) -> Decimal:
        return sum((row.credit_hours for row in self.rows), Decimal(0))


def _course_title(course, language: str) -> str:
    return (
        getattr(course, f"title_{language}", None)
        or getattr(course, "title_en", None)
        or course.title
    )


def get_transcript_for_user(user, language: str) -> Transcript:
    """Completed courses, newest first; hours and titles as the certificate
    printed them when there is one (revoked and replaced certificates are left out).
    """
    enrollments = list(
        Enrollment.objects.filter(user=user, completed_at__isnull=False)
        .select_related("course")
        .order_by("-completed_at", "-pk")
    )
    certificates = {}
    for certificate in Certificate.objects.filter(
        user=user, enrollment__in=enrollments, status=CertificateStatus.VALID
    ).order_by("issued_at"):
        certificates[certificate.enrollment_id] = certificate
    transcript = Transcript(name=user.full_name, email=user.email)
    for enrollment in enrollments:
        certificate = certificates.get(enrollment.pk)
        if certificate is not None:
            row = TranscriptRow(
                title=certificate.course_title(language)
                or _course_title(enrollment.course, language),
                completed_on=certificate.completed_on,
                credit_hours=certificate.credit_hours,
                serial=certificate.serial,
            )
        else:
            row = TranscriptRow(
                title=_course_title(enrollment.course, language),
                completed_on=timezone.localdate(enrollment.completed_at),
                credit_hours=enrollment.course.credit_hours,
            )
        transcript.rows.append(row)
    return transcript


def format_hours(hours: Decimal) -> str:
    return f"{hours:.1f}".removesuffix(".0")


def render_transcript_pdf(
    transcript: Transcript, *, language: str, paper: str = PaperSize.LETTER
) -> bytes:
    """A portrait PDF in ``language`` (en or es), several pages if needed."""
    register_fonts()
    width, height = A4 if paper == PaperSize.A4 else LETTER
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer, pagesize=(width, height), invariant=1, pageCompression=1, lang=language
    )
    margin = 54
    with translation.override(language):
        title = gettext("Transcript")
        pdf.setTitle(f"{title} · {transcript.name}")
        pdf.setAuthor("Puente")
        pdf.setCreator("Puente")
        pdf.setProducer("Puente")
        headings = [
            gettext("Course"),
            gettext("Completed on"),
            gettext("Credit hours"),
            gettext("Certificate serial"),
        ]
        columns = [margin, width - margin - 300, width - margin - 190, width - margin]
        total_line = gettext("Total credit hours: %(hours)s") % {
            "hours": format_hours(transcript.total_hours)
        }
        empty_line = gettext("No completed courses yet.")
        page_label = gettext("Page %(number)s")

        def header(y: float) -> float:
            pdf.setFillColor(INK)
            pdf.setFont(SANS_BOLD, 9)
            pdf.drawString(columns[0], y, headings[0])
            pdf.drawString(columns[1], y, headings[1])
            pdf.drawRightString(columns[2] + 60, y, headings[2])
            pdf.drawRightString(columns[3], y, headings[3])
            pdf.setStrokeColor(MUTED)
            pdf.line(margin, y - 5, width - margin, y - 5)
            return y - 20

        def footer(number: int) -> None:
            pdf.setFont(SANS, 8)
            pdf.setFillColor(MUTED)
            pdf.drawRightString(
                width - margin, margin / 2, page_label % {"number": number}
            )

        page = 1
        y = height - margin
        pdf.setFillColor(INK)
        pdf.setFont(SERIF_BOLD, 22)
        pdf.drawString(margin, y, title)
        y -= 26
        pdf.setFont(SANS_BOLD, 13)
        pdf.drawString(margin, y, transcript.name)
        y -= 16
        pdf.setFont(SANS, 10)
        pdf.setFillColor(MUTED)
        pdf.drawString(margin, y, transcript.email)
        y -= 30
        if not transcript.rows:
            pdf.setFillColor(INK)
            pdf.setFont(SANS, 11)
            pdf.drawString(margin, y, empty_line)
            y -= 20
        else:
            y = header(y)
        title_width = columns[1] - columns[0] - 12
        for row in transcript.rows:
            lines = simpleSplit(row.title, SANS, 10, title_width) or [""]
            if y - 14 * len(lines) < margin + 30:
                footer(page)
                pdf.showPage()
                page += 1
                y = header(height - margin)
            pdf.setFillColor(INK)
            pdf.setFont(SANS, 10)
            pdf.drawString(
                columns[1], y, formats.date_format(row.completed_on, "DATE_FORMAT")
            )
            pdf.drawRightString(columns[2] + 60, y, format_hours(row.credit_hours))
            pdf.drawRightString(columns[3], y, row.serial or "—")
            for line in lines:
                pdf.drawString(columns[0], y, line)
                y -= 14
            y -= 6
        pdf.setFont(SANS_BOLD, 11)
        pdf.setFillColor(INK)
        pdf.drawString(margin, y - 6, total_line)
        footer(page)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
