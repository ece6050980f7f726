"""Background work of the certificates app (django-tasks): issuing (or queueing) the
certificate of a completed course, and the certificate e-mails, both enqueued by
``certificates.receivers``. Tests and dev run tasks immediately; production runs
``manage.py db_worker`` (docs/decisions/0002, 0010). Arguments are ids, so a task can
be stored as JSON; every task is safe to run again (``lms.ops.once``).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from certificates.emails import build_certificate_email
from certificates.models import Certificate
from certificates.services import handle_course_completed
from lms.models import Enrollment
from lms.ops.once import run_once

logger = logging.getLogger("puente.certificates")

# A failed issue is tried again after these delays (seconds), then left to the
# sweeper (``manage.py issue_pending_certificates``), which finds every completion
# still without a certificate or request.
RETRY_DELAYS = (10, 60, 300)


@task()
def issue_certificate_for_completion(enrollment_id: int, attempt: int = 1) -> str:
    """Issue the certificate of a completed enrollment, or put it in the approval
    queue. Only database writes with unique keys (one valid certificate per
    enrollment, one request per enrollment), so a second run changes nothing."""
    enrollment = (
        Enrollment.objects.select_related("course").filter(pk=enrollment_id).first()
    )
    if enrollment is None or enrollment.completed_at is None:
        return "gone"
    try:
        certificate = handle_course_completed(enrollment)
    except Exception:
        backend = issue_certificate_for_completion.get_backend()
        if backend.supports_defer and attempt <= len(RETRY_DELAYS):
            delay = RETRY_DELAYS[attempt - 1]
            issue_certificate_for_completion.using(
                run_after=timezone.now() + timedelta(seconds=delay)
            ).enqueue(enrollment_id, attempt + 1)
            logger.warning(
                "Certificate for enrollment %s failed (attempt %s); retried in %s s",
                enrollment_id,
                attempt,
                delay,
            )
        raise  # this run is recorded as failed, with its traceback
    return "issued" if certificate is not None else "queued or already done"


@task(takes_context=True)
def send_certificate_email(context, certificate_id: int, event: str) -> bool:
    certificate = (
        Certificate.objects.select_related("user", "logo", "signature")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or not certificate.user.email:
        return False
    # Built (and its PDF rendered) before the marker's transaction: only the send
    # itself is inside it. True once the e-mail is sent, by this run or an earlier.
    run_once(context, build_certificate_email(certificate, event).send)
    return True
