"""Completing a lesson: the gate, the lesson's progress row, the course's completion.

Called by the lesson view (and by anything else that completes lessons, the demo
data included), so every caller passes the same enrollment and content-note gate.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from courses.models import CoursePage, LessonPage
from lms.learning.services.completion import record_completion_if_done
from lms.learning.services.enrollment import record_last_page, require_study_access
from lms.models import Enrollment, LessonProgress


@dataclass(frozen=True)
class LessonCompleted:
    """What completing a lesson did: its progress row, and whether the course is
    complete now (by this lesson or before)."""

    progress: LessonProgress
    course_complete: bool


def mark_lesson_complete(
    enrollment: Enrollment | None,
    lesson: LessonPage,
    *,
    course: CoursePage | None = None,
) -> LessonCompleted:
    """Record a completed lesson (idempotent) and, if it was the last, the course.

    Raises ``EnrollmentError`` (``not_enrolled``, ``content_note_pending``) and
    writes nothing when the learner may not study the lesson now; ``course`` is
    the lesson's course when the caller has it (see ``require_study_access``).
    """
    enrollment = require_study_access(enrollment, lesson, course=course)
    with transaction.atomic():
        progress, _created = LessonProgress.objects.get_or_create(
            enrollment=enrollment, lesson=lesson
        )
        record_last_page(enrollment, lesson.pk)
        complete = record_completion_if_done(enrollment)
    return LessonCompleted(progress=progress, course_complete=complete)
