"""Read-only look-ups of certificates and requests: by code, a learner's own, the
approval queue (pending requests with their completion evidence, and completions
without a certificate, both read through lms's evidence service) and what the admin
home shows (pending requests, certificates expiring soon). Called by the public and
learner views, the dashboard panel, the admin and the demo activity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from certificates import app_settings
from certificates.models import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
)
from courses.services import CourseOutline, get_course_outlines
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
class QuizScore:
    title: str
    best_score: Decimal


@dataclass(frozen=True)
class PendingRow:
    """A pending request with what its completion rests on: the evidence, the best
    score of each quiz in course order, and how many lessons the course has."""

    request: CertificateRequest
    evidence: Evidence | None
    quiz_scores: list[QuizScore] = field(default_factory=list)
    lessons_total: int = 0


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


def _pending_row(
    request: CertificateRequest,
    evidence: Evidence | None,
    outlines: dict[int, CourseOutline],
) -> PendingRow:
    outline = outlines.get(request.course_id)
    items = outline.items if outline is not None else []
    best = evidence.best_scores if evidence is not None else {}
    return PendingRow(
        request=request,
        evidence=evidence,
        quiz_scores=[
            QuizScore(str(item.page.title), best[item.pk])
            for item in items
            if item.kind == "quiz" and item.pk in best
        ],
        lessons_total=sum(1 for item in items if item.kind == "lesson"),
    )


def get_approval_queue() -> ApprovalQueue:
    """Every pending request (oldest first) with its evidence and its course's
    outline (quiz titles in course order, lessons), and the completions without a
    certificate; at most five queries whatever the queue's length."""
    requests = list(
        CertificateRequest.objects.filter(status=RequestStatus.PENDING)
        .select_related("user", "course")
        .order_by("requested_at", "pk")
    )
    evidence = get_completion_evidence(r.enrollment_id for r in requests)
    outlines = get_course_outlines(
        list({r.course_id: r.course for r in requests}.values())
    )
    return ApprovalQueue(
        pending=[
            _pending_row(r, evidence.get(r.enrollment_id), outlines) for r in requests
        ],
        without=get_completions_without_certificate(),
    )


@dataclass(frozen=True)
class Glimpse:
    """How many there are, and the first few of them (for the admin home)."""

    count: int
    first: list


def get_pending_requests_glimpse(limit: int = 3) -> Glimpse:
    """Pending requests, oldest first (two queries)."""
    pending = CertificateRequest.objects.filter(status=RequestStatus.PENDING)
    return Glimpse(
        count=pending.count(),
        first=list(
            pending.select_related("user", "course").order_by("requested_at", "pk")[
                :limit
            ]
        ),
    )


def expiring_soon_until() -> datetime:
    """The end of "soon": the expiry reminders' window from now."""
    return timezone.now() + timedelta(days=app_settings.expiry_reminder_days())


def get_expiring_certificates_glimpse(limit: int = 5) -> Glimpse:
    """Valid certificates that expire within the reminders' window, soonest first
    (two queries)."""
    expiring = Certificate.objects.filter(
        status=CertificateStatus.VALID,
        expires_at__gt=timezone.now(),
        expires_at__lte=expiring_soon_until(),
    )
    return Glimpse(
        count=expiring.count(),
        first=list(
            expiring.select_related("user").order_by("expires_at", "pk")[:limit]
        ),
    )
