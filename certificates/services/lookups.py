"""Read-only look-ups of certificates and requests: by code, a learner's own, and the
approval queue's two lists. Called by the public and learner views, the dashboard
panel, the admin views and the demo activity; never writes.
"""

from __future__ import annotations

from certificates.models import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
)
from lms.models import Enrollment

QUEUE_WITHOUT_LIMIT = 50


def get_certificate_for_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code).first()


def get_certificates_for_user(user) -> list[Certificate]:
    return list(
        Certificate.objects.filter(user=user)
        .exclude(status=CertificateStatus.SUPERSEDED)
        .select_related("course")
        .order_by("-issued_at", "-pk")
    )


def get_pending_requests_for_user(user) -> list[CertificateRequest]:
    return list(
        CertificateRequest.objects.filter(
            user=user, status=RequestStatus.PENDING
        ).select_related("course")
    )


def get_pending_requests():
    """Every request waiting for a program administrator, oldest first."""
    return CertificateRequest.objects.filter(
        status=RequestStatus.PENDING
    ).select_related("user", "course")


def get_completions_without_certificate(limit: int = QUEUE_WITHOUT_LIMIT):
    """The newest completed enrollments with neither a valid certificate nor a
    pending request (issued by hand from the approval queue)."""
    return (
        Enrollment.objects.filter(completed_at__isnull=False)
        .exclude(certificates__status=CertificateStatus.VALID)
        .exclude(certificate_request__status=RequestStatus.PENDING)
        .select_related("user", "course")
        .order_by("-completed_at")[:limit]
    )
