"""Enrolling in and leaving courses, and acknowledging a course's content note.

Called by lms views; ``get_enrollment`` is what template tags and other services
use to find a learner's current enrollment.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.models import CoursePage
from lms.hooks import RENEWAL_DUE
from lms.models import Enrollment


class EnrollmentError(Exception):
    """Enrollment was refused; ``message`` says why, in the learner's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def get_enrollment(user, course: CoursePage | int) -> Enrollment | None:
    """The learner's current (latest-cycle, not left) enrollment in a course."""
    if not getattr(user, "is_authenticated", False):
        return None
    course_id = course if isinstance(course, int) else course.pk
    return (
        Enrollment.objects.filter(user=user, course_id=course_id, left_at__isnull=True)
        .order_by("-cycle")
        .first()
    )


def get_enrollments_for_user(user) -> list[Enrollment]:
    """Current enrollments (latest cycle per course), newest first: one query."""
    rows = list(
        Enrollment.objects.filter(user=user, left_at__isnull=True)
        .select_related("course", "last_page")
        .order_by("-enrolled_at", "-pk")
    )
    latest: dict[int, Enrollment] = {}
    for enrollment in rows:
        kept = latest.get(enrollment.course_id)
        if kept is None or enrollment.cycle > kept.cycle:
            latest[enrollment.course_id] = enrollment
    return [e for e in rows if latest[e.course_id] is e]


def get_missing_prerequisites(user, course: CoursePage) -> list[CoursePage]:
    """Prerequisite courses the learner has not completed."""
    required = list(course.prerequisites.all())
    if not required:
        return []
    completed = set(
        Enrollment.objects.filter(
            user=user,
            course__in=required,
            completed_at__isnull=False,
        ).values_list("course_id", flat=True)
    )
    return [
        prerequisite for prerequisite in required if prerequisite.pk not in completed
    ]


def get_enrollment_refusal(user, course: CoursePage) -> str | None:
    """Why the learner cannot enroll, or None when they can."""
    if not course.enrollment_open:
        return _("Enrollment in this course is closed.")
    missing = get_missing_prerequisites(user, course)
    if missing:
        return _("Before enrolling, please complete: %(courses)s.") % {
            "courses": ", ".join(str(c.title) for c in missing)
        }
    return None


def enroll_user(user, course: CoursePage) -> Enrollment:
    """Enroll a learner (idempotent); re-enrolling after leaving resumes progress.

    Raises ``EnrollmentError`` when enrollment is closed or prerequisites are
    unmet. Two concurrent calls give one row: the database's unique constraint
    decides, and the loser reads the winner's row.
    """
    existing = get_enrollment(user, course)
    if existing is not None:
        return existing
    refusal = get_enrollment_refusal(user, course)
    if refusal:
        raise EnrollmentError(refusal)
    try:
        enrollment, _created = Enrollment.objects.get_or_create(
            user=user, course=course, cycle=1
        )
    except IntegrityError:
        enrollment = Enrollment.objects.get(user=user, course=course, cycle=1)
    if enrollment.left_at is not None:
        enrollment.left_at = None
        enrollment.save(update_fields=["left_at"])
    return enrollment


def is_renewal_due(enrollment: Enrollment | None) -> bool:
    """Whether a completed enrollment may open a new certification cycle.

    lms does not know when a certificate expires: apps that do register a function
    ``fn(enrollment) -> bool`` with the ``lms.hooks.RENEWAL_DUE`` hook (certificates
    does, for certificates expired or about to expire).
    """
    if enrollment is None or enrollment.completed_at is None:
        return False
    return any(fn(enrollment) for fn in hooks.get_hooks(RENEWAL_DUE))


def start_new_cycle(enrollment: Enrollment) -> Enrollment:
    """Take the course again to recertify; the earlier cycle stays as history.

    Idempotent: a second call returns the cycle the first one opened.
    """
    if not is_renewal_due(enrollment):
        raise EnrollmentError(
            _(
                "You can take this course again when your certificate is due "
                "for renewal."
            )
        )
    lookup = {
        "user_id": enrollment.user_id,
        "course_id": enrollment.course_id,
        "cycle": enrollment.cycle + 1,
    }
    try:
        with transaction.atomic():
            new_cycle, _created = Enrollment.objects.get_or_create(
                **lookup,
                defaults={
                    "content_note_acknowledged_at": (
                        enrollment.content_note_acknowledged_at
                    )
                },
            )
    except IntegrityError:
        new_cycle = Enrollment.objects.get(**lookup)
    return new_cycle


def leave_course(enrollment: Enrollment) -> Enrollment:
    """Stop following a course; its progress is kept for a later return."""
    if enrollment.left_at is None:
        enrollment.left_at = timezone.now()
        enrollment.save(update_fields=["left_at"])
    return enrollment


def acknowledge_content_note(enrollment: Enrollment) -> Enrollment:
    """Record, once, that the learner read the course's content note."""
    with transaction.atomic():
        Enrollment.objects.filter(
            pk=enrollment.pk, content_note_acknowledged_at__isnull=True
        ).update(content_note_acknowledged_at=timezone.now())
    enrollment.refresh_from_db(fields=["content_note_acknowledged_at"])
    return enrollment


def needs_content_note(enrollment: Enrollment | None, course: CoursePage) -> bool:
    """Whether an enrolled learner must acknowledge the note before lessons."""
    return (
        enrollment is not None
        and bool(course.content_note)
        and enrollment.content_note_acknowledged_at is None
    )


def record_last_page(enrollment: Enrollment, page_id: int) -> None:
    """Remember where the learner was, for "Continue where you left off"."""
    if enrollment.last_page_id != page_id:
        Enrollment.objects.filter(pk=enrollment.pk).update(last_page_id=page_id)
        enrollment.last_page_id = page_id
