"""Reading attempts: a learner's standing on a quiz and finding their own attempts.

Reads only. Called by the quiz page's template tags, the attempt views, and by
``attempts`` (limits and cooldown) and ``review`` (the reveal policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from courses.models import QuizPage
from lms.models import Enrollment, QuizAttempt, User


def get_attempts(enrollment: Enrollment, quiz: QuizPage | int) -> list[QuizAttempt]:
    quiz_id = quiz if isinstance(quiz, int) else quiz.pk
    return list(
        QuizAttempt.objects.filter(enrollment=enrollment, quiz_id=quiz_id).order_by(
            "number"
        )
    )


@dataclass
class QuizStatus:
    """A learner's standing on one quiz: what the quiz page shows."""

    attempts: list[QuizAttempt]
    in_progress: QuizAttempt | None
    graded: list[QuizAttempt]
    attempts_left: int | None  # None: unlimited
    available_at: datetime | None  # cooldown end, when in the future
    passed: bool
    best_score: Decimal | None

    @property
    def can_start(self) -> bool:
        return (
            self.in_progress is None
            and self.attempts_left != 0
            and (self.available_at is None)
        )


def get_quiz_status(
    enrollment: Enrollment, quiz: QuizPage, *, now: datetime | None = None
) -> QuizStatus:
    now = now or timezone.now()
    attempts = get_attempts(enrollment, quiz)
    graded = [a for a in attempts if a.is_graded]
    in_progress = next((a for a in attempts if not a.is_graded), None)
    left = None
    if quiz.max_attempts:
        left = max(quiz.max_attempts - len(graded), 0)
    available_at = cooldown_end(quiz, graded)
    if available_at is not None and available_at <= now:
        available_at = None
    scores = [a.score for a in graded if a.score is not None]
    return QuizStatus(
        attempts=attempts,
        in_progress=in_progress,
        graded=graded,
        attempts_left=left,
        available_at=available_at,
        passed=any(a.passed for a in graded),
        best_score=max(scores) if scores else None,
    )


def cooldown_end(quiz: QuizPage, graded: list[QuizAttempt]) -> datetime | None:
    """When the next attempt may start: the last submission plus the cooldown."""
    if not quiz.cooldown_minutes or not graded:
        return None
    last = max(a.submitted_at for a in graded if a.submitted_at)
    return last + timedelta(minutes=quiz.cooldown_minutes)


def get_attempt_for_user(user: User, attempt_id: int) -> QuizAttempt | None:
    """The learner's own attempt, or None (another learner's attempt is not found)."""
    return (
        QuizAttempt.objects.filter(pk=attempt_id, user=user)
        .select_related("quiz", "enrollment")
        .first()
    )


def get_attempt_id_for_user(user: User, attempt_id: int) -> int | None:
    """The id of the learner's own attempt, or None: all a submit needs to start
    (``submit_attempt`` reads the attempt again, locked)."""
    return (
        QuizAttempt.objects.filter(pk=attempt_id, user=user)
        .values_list("pk", flat=True)
        .first()
    )
