"""The certificates' part of lms's enrollment report: a section counting certificates
issued, revoked and expiring soon (``REPORT_SECTIONS``), and the serial column of the
per-learner progress table (``LEARNER_REPORT_COLUMNS``). Registered from
``certificates/wagtail_hooks.py``; read-only.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates import app_settings
from certificates.models import Certificate, CertificateStatus
from lms.reports.sections import LearnerColumn, ReportSection


def _for_filters(filters: dict):
    certificates = Certificate.objects.all()
    if filters.get("course"):
        certificates = certificates.filter(course=filters["course"])
    if filters.get("country"):
        certificates = certificates.filter(user__country=filters["country"])
    if filters.get("agency"):
        certificates = certificates.filter(user__agency__icontains=filters["agency"])
    if filters.get("cohort"):
        certificates = certificates.filter(
            user__cohort_memberships__cohort=filters["cohort"]
        )
    return certificates


def get_report_section(filters: dict) -> ReportSection:
    """Certificates issued, revoked and expiring soon, for the enrollment report
    (issued and revoked within its date range, for its course, country and agency)."""
    certificates = _for_filters(filters)
    issued, revoked = (
        certificates,
        certificates.filter(status=CertificateStatus.REVOKED),
    )
    period = filters.get("enrolled_at")
    if period and period.start:
        issued = issued.filter(issued_at__gte=period.start)
        revoked = revoked.filter(revoked_at__gte=period.start)
    if period and period.stop:
        issued = issued.filter(issued_at__lte=period.stop)
        revoked = revoked.filter(revoked_at__lte=period.stop)
    now = timezone.now()
    days = app_settings.expiry_reminder_days()
    expiring = certificates.filter(
        status=CertificateStatus.VALID,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=days),
    )
    return ReportSection(
        title=str(_("Certificates")),
        rows=[
            # Counts of certificates: plural in Spanish ("Emitidas", not "Emitida").
            (str(pgettext_lazy("certificates counted", "Issued")), issued.count()),
            (str(pgettext_lazy("certificates counted", "Revoked")), revoked.count()),
            (
                _("Expiring in the next %(days)s days") % {"days": days},
                expiring.count(),
            ),
        ],
        order=10,
    )


def get_valid_serials(enrollments) -> dict[int, str]:
    """``{enrollment id: serial}`` of the valid certificates of these enrollments,
    in one query (one page of the per-learner table)."""
    return dict(
        Certificate.objects.filter(
            enrollment__in=enrollments, status=CertificateStatus.VALID
        ).values_list("enrollment_id", "serial")
    )


def get_learner_column() -> LearnerColumn:
    """The serial of each enrollment's valid certificate, for the per-learner table."""
    return LearnerColumn(
        key="certificate",
        heading=str(_("Certificate")),
        values=get_valid_serials,
        order=10,
    )
