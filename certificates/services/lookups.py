"""Read-only look-ups of certificates and requests: by code, a learner's own, and the
approval queue (pending requests with their completion evidence, and completions
without a certificate, both read through lms's evidence service). Called by the
public and learner views, the dashboard panel, the admin and the demo activity.
"""

from __future__ import annotations

from dataclasses import dataclass

from certificates.models import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
)
from lms.learning.services.evidence import (
    Evidence,
    get_completion_evidence,
    get_recent_completions,
)
from lms.models import Enrollment, User

QUEUE_WITHOUT_LIMIT = 50


def get_certificate_for_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code).first()


def get_certificates_for_user(user: User) -> list[Certificate]:
    return list(
        Certificate.objects.filter(user=user)
        .exclude(status=CertificateStatus.SUPERSEDED)
        .select_related("course")
        .order_by("-issued_at", "-pk")
    )


def get_pending_requests_for_user(user: User) -> list[CertificateRequest]:
    return list(
        CertificateRequest.objects.filter(
            user=user, status=RequestStatus.PENDING
        ).select_related("course")
    )


@dataclass(frozen=True)
class PendingRow:
    request: CertificateRequest
    evidence: Evidence | None


@dataclass(frozen=True)
class ApprovalQueue:
    pending: list[PendingRow]
    without: list[Enrollment]


def get_completions_without_certificate(
    limit: int = QUEUE_WITHOUT_LIMIT,
) -> list[Enrollment]:
    """The newest completed enrollments with neither a valid certificate nor a
    pending request (issued by hand from the approval queue)."""
    return get_recent_completions(
        excluding=[
            Certificate.objects.filter(
                status=CertificateStatus.VALID, enrollment__isnull=False
            ).values("enrollment_id"),
            CertificateRequest.objects.filter(status=RequestStatus.PENDING).values(
                "enrollment_id"
            ),
        ],
        limit=limit,
    )


def get_approval_queue() -> ApprovalQueue:
    """Every pending request (oldest first) with its evidence, and the completions
    without a certificate; at most four queries whatever the queue's length."""
    requests = list(
        CertificateRequest.objects.filter(status=RequestStatus.PENDING).select_related(
            "user", "course"
        )
    )
    evidence = get_completion_evidence(r.enrollment_id for r in requests)
    return ApprovalQueue(
        pending=[PendingRow(r, evidence.get(r.enrollment_id)) for r in requests],
        without=get_completions_without_certificate(),
    )
