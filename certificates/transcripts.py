"""The learner's transcript: the learner's details, completed courses with dates,
credit hours and certificate serials, and the total hours.
``get_transcript_for_user`` reads it in two queries; ``render_transcript_pdf`` draws
it (``certificates.pdf.transcript``). Called by ``certificates.transcript_views``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone, translation

from certificates.models import Certificate, CertificateStatus, PaperSize
from certificates.pdf.transcript import draw_transcript
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
    agency: str = ""
    job_title: str = ""
    country: str = ""  # the country's name in the transcript's language
    state: str = ""

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
    with translation.override(language):
        country = str(user.get_country_display()) if user.country else ""
    transcript = Transcript(
        name=user.full_name,
        email=user.email,
        agency=user.agency,
        job_title=user.job_title,
        country=country,
        state=user.state,
    )
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
    """A portrait PDF in ``language`` (en or es): the letterhead, the learner's
    details, the date of issue and the courses, on as many pages as they need,
    each numbered "Page n of m"."""
    return draw_transcript(transcript, language=language, paper=paper)
