"""The learner's certificates panel on the dashboard (``puente_dashboard_panels``).

Lists the learner's current certificates with share link, download choices and
renewal dates, and any completions waiting for approval.
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
