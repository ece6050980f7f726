"""Deciding, never writing: whether an enrollment may get a certificate, whether its
course needs approval, whether a renewal is due, and a learner's default language and
paper. Called by ``certificates.services.issuing``, the emails, the learner views and
lms (through the ``RENEWAL_DUE`` hook).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from certificates import app_settings
from certificates.models import Certificate, CertificateStatus, PaperSize
from courses.models import CertificateIssueMode, CoursePage
from lms.models import Enrollment, User


def get_valid_certificate(enrollment: Enrollment) -> Certificate | None:
    return Certificate.objects.filter(
        enrollment=enrollment, status=CertificateStatus.VALID
    ).first()


def can_issue_certificate(enrollment: Enrollment) -> bool:
    """The enrollment is complete and has no valid certificate yet."""
    return enrollment.completed_at is not None and not (
        Certificate.objects.filter(
            enrollment=enrollment, status=CertificateStatus.VALID
        ).exists()
    )


def is_renewal_due(enrollment: Enrollment) -> bool:
    """Whether this enrollment's certificate expired or expires within the reminder
    window, so the course may be taken again (lms asks through ``puente_renewal_due``).
    """
    soon = timezone.now() + timedelta(days=app_settings.expiry_reminder_days())
    return Certificate.objects.filter(
        enrollment=enrollment,
        status=CertificateStatus.VALID,
        expires_at__isnull=False,
        expires_at__lte=soon,
    ).exists()


def needs_approval(course: CoursePage) -> bool:
    return course.certificate_issue_mode == CertificateIssueMode.APPROVAL


def default_paper_for(user: User) -> str:
    if user.country and user.country not in app_settings.letter_countries():
        return PaperSize.A4
    return PaperSize.LETTER


def default_language_for(user: User) -> str:
    return user.preferred_language if user.preferred_language in ("en", "es") else "en"
