"""The safety net under the issue task: completed enrollments that have neither a
certificate (of any status) nor a request, issued or queued here. Catches a
completion whose task was never queued (the process died between the completion's
commit and the enqueue) or failed every retry. Called by
``manage.py issue_pending_certificates``, run from a timer (docs/decisions/0010).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from certificates.models import Certificate, CertificateRequest
from certificates.services.issuing import handle_course_completed
from lms.models import Enrollment

logger = logging.getLogger("puente.certificates")

# Longer than the worker normally takes, so the sweeper rarely races the task it
# backs up (when it does, both are idempotent and one of them does the work).
DEFAULT_OLDER_THAN = timedelta(minutes=10)


@dataclass
class Sweep:
    found: int = 0
    failed: list[int] = field(default_factory=list)


def get_unprocessed_completions(
    *, older_than: timedelta = DEFAULT_OLDER_THAN, limit: int = 500
) -> list[Enrollment]:
    """Completions older than ``older_than`` with no certificate and no request,
    oldest first (a new cycle is a new enrollment, so it is judged on its own)."""
    cutoff = timezone.now() - older_than
    return list(
        Enrollment.objects.filter(
            completed_at__isnull=False,
            completed_at__lte=cutoff,
            user__deleted_at__isnull=True,
        )
        .exclude(
            pk__in=Certificate.objects.filter(enrollment__isnull=False).values(
                "enrollment_id"
            )
        )
        .exclude(pk__in=CertificateRequest.objects.values("enrollment_id"))
        .select_related("course")
        .order_by("completed_at", "pk")[:limit]
    )


def sweep_completions(
    *, older_than: timedelta = DEFAULT_OLDER_THAN, limit: int = 500
) -> Sweep:
    """Issue (automatic courses) or queue (approval) each unprocessed completion."""
    sweep = Sweep()
    for enrollment in get_unprocessed_completions(older_than=older_than, limit=limit):
        sweep.found += 1
        try:
            handle_course_completed(enrollment)
        except Exception:
            logger.exception("Sweep: certificate for enrollment %s", enrollment.pk)
            sweep.failed.append(enrollment.pk)
    return sweep
