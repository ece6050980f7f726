"""Enrolling in and leaving courses, the content note, and the gate of study.

Called by lms views; ``get_enrollment`` is what template tags and other services
use to find a learner's current enrollment. ``require_study_access`` is the gate
``mark_lesson_complete`` and ``start_attempt`` pass before they write anything.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from courses.models import CoursePage
from lms.hooks import RENEWAL_DUE
from lms.learning.errors import (
    CONTENT_NOTE_PENDING,
    ENROLLMENT_CLOSED,
    NOT_ENROLLED,
    PREREQUISITES_MISSING,
    RENEWAL_NOT_DUE,
    EnrollmentError,
    later,
)
from lms.learning.learner_cache import forget_learner
from lms.models import Enrollment, User

__all__ = [
    "EnrollmentError",
    "acknowledge_content_note",
    "enroll_user",
    "get_enrollment",
    "get_enrollment_refusal",
    "get_enrollments_for_user",
    "get_missing_prerequisites",
    "is_renewal_due",
    "leave_course",
    "needs_content_note",
    "record_last_page",
    "require_study_access",
    "start_new_cycle",
]


def get_enrollment(
    user: User | AnonymousUser | None, course: CoursePage | int
) -> Enrollment | None:
    """The learner's current (latest-cycle, not left) enrollment in a course."""
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    course_id = course if isinstance(course, int) else course.pk
    return (
        Enrollment.objects.filter(user=user, course_id=course_id, left_at__isnull=True)
        .order_by("-cycle")
        .first()
    )


def get_enrollments_for_user(user: User) -> list[Enrollment]:
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


def get_missing_prerequisites(user: User, course: CoursePage) -> list[CoursePage]:
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


def _refuse_enrollment(user: User, course: CoursePage) -> EnrollmentError | None:
    if not course.enrollment_open:
        return EnrollmentError(
            _("Enrollment in this course is closed."), code=ENROLLMENT_CLOSED
        )
    missing = get_missing_prerequisites(user, course)
    if missing:
        return EnrollmentError(
            later(
                _("Before enrolling, please complete: %(courses)s."),
                courses=_TitleList(missing),
            ),
            code=PREREQUISITES_MISSING,
        )
    return None


class _TitleList:
    """Course titles joined, in the language active when the message is shown."""

    def __init__(self, courses: list[CoursePage]):
        self.courses = courses

    def __str__(self) -> str:
        return ", ".join(str(course.title) for course in self.courses)


def get_enrollment_refusal(user: User, course: CoursePage) -> Promise | str | None:
    """Why the learner cannot enroll (a lazy message), or None when they can."""
    refusal = _refuse_enrollment(user, course)
    return refusal.message if refusal else None


def enroll_user(user: User, course: CoursePage) -> Enrollment:
    """Enroll a learner (idempotent); re-enrolling after leaving resumes progress.

    Raises ``EnrollmentError`` when enrollment is closed or prerequisites are
    unmet. Two concurrent calls give one row: the database's unique constraint
    decides, and the loser reads the winner's row.
    """
    existing = get_enrollment(user, course)
    if existing is not None:
        return existing
    refusal = _refuse_enrollment(user, course)
    if refusal:
        raise refusal
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


def start_new_cycle(enrollment: Enrollment | None) -> Enrollment:
    """Take the course again to recertify; the earlier cycle stays as history.

    Idempotent: a second call returns the cycle the first one opened. Raises
    ``EnrollmentError`` (``not_enrolled``, ``renewal_not_due``).
    """
    if enrollment is None:
        raise EnrollmentError(
            _("You are not enrolled in this course."), code=NOT_ENROLLED
        )
    if not is_renewal_due(enrollment):
        raise EnrollmentError(
            _(
                "You can take this course again when your certificate is due "
                "for renewal."
            ),
            code=RENEWAL_NOT_DUE,
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
        forget_learner(enrollment.user_id)
    enrollment.refresh_from_db(fields=["content_note_acknowledged_at"])
    return enrollment


def needs_content_note(enrollment: Enrollment | None, course: CoursePage) -> bool:
    """Whether an enrolled learner must acknowledge the note before lessons."""
    return (
        enrollment is not None
        and bool(course.content_note)
        and enrollment.content_note_acknowledged_at is None
    )


def require_study_access(
    enrollment: Enrollment | None, page: Page, *, course: CoursePage | None = None
) -> Enrollment:
    """The enrollment, when it lets the learner study ``page`` now; else a refusal.

    Raises ``EnrollmentError``: ``not_enrolled`` without a current enrollment (none,
    left, or in another course than the page's), ``content_note_pending`` before
    the course's content note is acknowledged. Pass the page's ``course`` when it
    is at hand (it is checked against the enrollment); otherwise the enrollment's
    course is read.
    """
    if enrollment is None or enrollment.left_at is not None:
        raise EnrollmentError(code=NOT_ENROLLED)
    if course is None or course.pk != enrollment.course_id:
        course = enrollment.course
    # A page of the course lies under it in the tree: its path extends the course's.
    if not (page.path.startswith(course.path) and page.depth > course.depth):
        raise EnrollmentError(code=NOT_ENROLLED)
    if needs_content_note(enrollment, course):
        raise EnrollmentError(
            _("Please read the course's content note first."),
            code=CONTENT_NOTE_PENDING,
        )
    return enrollment


def record_last_page(enrollment: Enrollment, page_id: int) -> None:
    """Remember where the learner was, for "Continue where you left off"."""
    if enrollment.last_page_id != page_id:
        Enrollment.objects.filter(pk=enrollment.pk).update(last_page_id=page_id)
        forget_learner(enrollment.user_id)
        enrollment.last_page_id = page_id
