"""Course completion: decided from progress, recorded once, announced after commit.

Called by ``lessons.mark_lesson_complete`` and ``attempts.submit_attempt`` whenever
a lesson is completed or a quiz passed. Reads progress through ``progress`` (never
the other way round); sends ``lms.learning.signals.course_completed`` from
``transaction.on_commit``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from lms.learning.learner_cache import forget_learner
from lms.learning.services.progress import get_course_progress
from lms.learning.signals import course_completed
from lms.models import Enrollment


def is_course_complete(enrollment: Enrollment) -> bool:
    """Every lesson complete and every required quiz passed."""
    return get_course_progress(enrollment).is_complete


def record_completion_if_done(enrollment: Enrollment) -> bool:
    """Record the completion the first time the course is complete; True if complete.

    ``completed_at`` is written with a conditional update, so concurrent callers
    record it (and send ``course_completed``) exactly once.
    """
    if enrollment.completed_at is not None:
        return True
    if not is_course_complete(enrollment):
        return False
    now = timezone.now()
    updated = Enrollment.objects.filter(
        pk=enrollment.pk, completed_at__isnull=True
    ).update(completed_at=now)
    if updated:
        forget_learner(enrollment.user_id)
        enrollment.completed_at = now
        transaction.on_commit(
            lambda: course_completed.send(sender=Enrollment, enrollment=enrollment)
        )
    else:
        enrollment.refresh_from_db(fields=["completed_at"])
    return True
