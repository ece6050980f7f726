"""The certificates' panels on the learner dashboard (``lms.hooks.DASHBOARD_PANELS``):
the learner's current certificates with share link, download choices and renewal
dates, and any completions waiting for approval; and the link to the transcript once
a course is complete. Registered from ``certificates/wagtail_hooks.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from certificates import app_settings
from certificates.models import Certificate, CertificateLanguage, PaperSize
from certificates.services import (
    get_certificates_for_user,
    get_pending_requests_for_user,
    verification_url,
)
from lms.learning.dashboard import DashboardPanel
from lms.models import Enrollment


@dataclass
class CertificateRow:
    certificate: Certificate
    title: str
    share_url: str
    course_url: str
    renew: bool


def get_certificates_panel(request) -> DashboardPanel | None:
    user = request.user
    if not user.is_authenticated:
        return None
    certificates = get_certificates_for_user(user)
    pending = get_pending_requests_for_user(user)
    if not certificates and not pending:
        return None
    language = get_language()
    soon = timezone.now() + timedelta(days=app_settings.expiry_reminder_days())
    rows = []
    for certificate in certificates:
        course = certificate.course
        rows.append(
            CertificateRow(
                certificate=certificate,
                title=certificate.course_title(language),
                share_url=verification_url(certificate, language),
                course_url=course.get_url(request) or "",
                renew=certificate.status == "valid"
                and certificate.expires_at is not None
                and certificate.expires_at <= soon,
            )
        )
    return DashboardPanel(
        title=str(_("My certificates")),
        template_name="certificates/dashboard_panel.html",
        context={
            "certificates": rows,
            "pending": pending,
            "languages": CertificateLanguage.choices,
            "papers": PaperSize.choices,
        },
        order=50,
    )


def get_transcript_panel(request) -> DashboardPanel | None:
    """The dashboard's link to the transcript, once the learner has completed a
    course."""
    user = request.user
    if not user.is_authenticated:
        return None
    if not Enrollment.objects.filter(user=user, completed_at__isnull=False).exists():
        return None
    return DashboardPanel(
        title=str(_("Transcript")),
        template_name="certificates/transcript_panel.html",
        order=60,
    )
