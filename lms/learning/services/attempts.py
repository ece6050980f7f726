"""Quiz attempts: starting (draw and order), submitting (validate and grade).

Called by lms views. Grading reads the key with ``courses.services.get_quiz_key``
and nothing from the request but choice ids. See
docs/decisions/0001-quiz-attempts.md for limits, cooldown, deadlines and replays.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import Choice, QuestionKind, QuizPage, RevealPolicy
from courses.services import get_quiz_key
from lms.app_settings import late_submit_grace
from lms.learning.services.enrollment import record_last_page
from lms.models import AttemptStatus, Enrollment, QuizAttempt

ANSWER_PREFIX = "q-"
ALLOWED_EXTRA_FIELDS = {"csrfmiddlewaretoken"}


class AttemptError(Exception):
    """An attempt cannot start now; ``message`` says why, in the learner's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class AnswerValidationError(AttemptError):
    """Submitted answers do not belong to the attempt; nothing was saved."""


# Reading ------------------------------------------------------------------------


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
    available_at = _cooldown_end(quiz, graded)
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


def _cooldown_end(quiz: QuizPage, graded: list[QuizAttempt]) -> datetime | None:
    if not quiz.cooldown_minutes or not graded:
        return None
    last = max(a.submitted_at for a in graded if a.submitted_at)
    return last + timedelta(minutes=quiz.cooldown_minutes)


def get_attempt_for_user(user, attempt_id: int) -> QuizAttempt | None:
    """The learner's own attempt, or None (another learner's attempt is not found)."""
    return (
        QuizAttempt.objects.filter(pk=attempt_id, user=user)
        .select_related("quiz", "enrollment")
        .first()
    )


def get_attempt_id_for_user(user, attempt_id: int) -> int | None:
    """The id of the learner's own attempt, or None: all a submit needs to start
    (``submit_attempt`` reads the attempt again, locked)."""
    return (
        QuizAttempt.objects.filter(pk=attempt_id, user=user)
        .values_list("pk", flat=True)
        .first()
    )


def is_answer_key_revealed(attempt: QuizAttempt, status: QuizStatus) -> bool:
    """Whether the result page may show right/wrong per question and the key."""
    if not attempt.is_graded:
        return False
    policy = attempt.quiz.reveal_policy
    if policy == RevealPolicy.AFTER_PASS:
        return status.passed
    if policy == RevealPolicy.AFTER_LAST_ATTEMPT:
        return status.attempts_left == 0
    return False


# Starting -----------------------------------------------------------------------


def draw_questions(quiz: QuizPage, rng: random.Random) -> list[dict]:
    choices: dict[int, list[int]] = {}
    for question_id, choice_id in (
        Choice.objects.filter(question__quiz_id=quiz.pk)
        .order_by("question__sort_order", "question_id", "sort_order", "pk")
        .values_list("question_id", "pk")
    ):
        choices.setdefault(question_id, []).append(choice_id)
    question_ids = list(choices)
    if quiz.draw_count and quiz.draw_count < len(question_ids):
        drawn = set(rng.sample(question_ids, quiz.draw_count))
        question_ids = [q for q in question_ids if q in drawn]
    if quiz.shuffle_questions:
        rng.shuffle(question_ids)
    drawn_questions = []
    for question_id in question_ids:
        ordered = list(choices[question_id])
        if quiz.shuffle_choices:
            rng.shuffle(ordered)
        drawn_questions.append({"id": question_id, "choices": ordered})
    return drawn_questions


def start_attempt(
    enrollment: Enrollment,
    quiz: QuizPage,
    *,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> QuizAttempt:
    """The learner's in-progress attempt, or a new one with its questions drawn.

    Limits and cooldown are checked while the enrollment row is locked, so
    concurrent starts cannot exceed ``max_attempts``. An in-progress attempt whose
    time ran out is graded first on whatever it holds. Raises ``AttemptError``.
    """
    now = now or timezone.now()
    rng = rng or secrets.SystemRandom()
    with transaction.atomic():
        Enrollment.objects.select_for_update().filter(pk=enrollment.pk).first()
        attempts = get_attempts(enrollment, quiz)
        in_progress = next((a for a in attempts if not a.is_graded), None)
        if in_progress is not None:
            if not _is_expired(in_progress, now):
                return in_progress
            _grade(in_progress, in_progress.answers or {}, now)
        graded = [a for a in attempts if a.is_graded]
        if quiz.max_attempts and len(graded) >= quiz.max_attempts:
            raise AttemptError(
                ngettext(
                    "You have used your %(count)s attempt at this quiz.",
                    "You have used all %(count)s attempts at this quiz.",
                    quiz.max_attempts,
                )
                % {"count": quiz.max_attempts}
            )
        available_at = _cooldown_end(quiz, graded)
        if available_at is not None and available_at > now:
            minutes = max(1, int((available_at - now).total_seconds() + 59) // 60)
            raise AttemptError(
                ngettext(
                    "You can try again in %(minutes)s minute.",
                    "You can try again in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes}
            )
        questions = draw_questions(quiz, rng)
        if not questions:
            raise AttemptError(_("This quiz has no questions yet."))
        deadline = None
        if quiz.time_limit_minutes:
            deadline = now + timedelta(minutes=quiz.time_limit_minutes)
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(
                    enrollment=enrollment,
                    quiz=quiz,
                    user_id=enrollment.user_id,
                    number=max((a.number for a in attempts), default=0) + 1,
                    started_at=now,
                    deadline=deadline,
                    questions=questions,
                )
        except IntegrityError:
            # Only possible where the database cannot lock rows (SQLite races).
            attempt = QuizAttempt.objects.get(
                enrollment=enrollment, quiz=quiz, status=AttemptStatus.IN_PROGRESS
            )
        record_last_page(enrollment, quiz.pk)
    return attempt


def _is_expired(attempt: QuizAttempt, now: datetime) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + late_submit_grace()


# Submitting ---------------------------------------------------------------------


def _is_id(value: str) -> bool:
    # ASCII only: str.isdigit() also accepts "²", which int() refuses.
    return value.isascii() and value.isdigit() and len(value) <= 18


def parse_answers(data) -> dict[int, list[int]]:
    """Answers from a submitted form: ``q-<question id>`` → choice ids.

    Any other field (a ``score`` or ``passed`` someone added) or a value that is
    not an id raises ``AnswerValidationError``.
    """
    answers: dict[int, list[int]] = {}
    for name in data:
        if name in ALLOWED_EXTRA_FIELDS:
            continue
        question = name.removeprefix(ANSWER_PREFIX)
        values = data.getlist(name) if hasattr(data, "getlist") else [data[name]]
        if name == question or not _is_id(question):
            raise AnswerValidationError(_("The form contained unexpected fields."))
        if not all(isinstance(v, str) and _is_id(v) for v in values):
            raise AnswerValidationError(_("The form contained an invalid answer."))
        answers[int(question)] = sorted({int(v) for v in values})
    return answers


def _validate_answers(attempt: QuizAttempt, answers: dict[int, list[int]], key) -> None:
    stored = {entry["id"]: set(entry["choices"]) for entry in attempt.questions}
    for question_id, choice_ids in answers.items():
        if question_id not in stored:
            raise AnswerValidationError(
                _("An answer did not belong to this attempt's questions.")
            )
        if not set(choice_ids) <= stored[question_id]:
            raise AnswerValidationError(
                _("An answer did not belong to its question's choices.")
            )
        question = key.get(question_id)
        if (
            question is not None
            and question.kind != QuestionKind.MULTIPLE
            and len(choice_ids) > 1
        ):
            raise AnswerValidationError(
                _("A single-choice question received more than one answer.")
            )


def _grade(attempt: QuizAttempt, answers: dict, now: datetime, key=None) -> QuizAttempt:
    key = key if key is not None else get_quiz_key(attempt.quiz_id)
    earned = possible = 0
    for question_id in attempt.question_ids:
        question = key.get(question_id)
        if question is None:  # removed from the quiz since the attempt started
            continue
        possible += question.points
        chosen = set(answers.get(question_id, answers.get(str(question_id), [])))
        if chosen and chosen == set(question.correct_choice_ids):
            earned += question.points
    score = Decimal(0)
    if possible:
        score = (Decimal(earned) * 100 / Decimal(possible)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    attempt.answers = {str(q): list(c) for q, c in answers.items()}
    attempt.score = score
    attempt.passed = score >= attempt.quiz.pass_mark
    attempt.submitted_at = now
    attempt.late = attempt.deadline is not None and now > (
        attempt.deadline + late_submit_grace()
    )
    attempt.status = AttemptStatus.GRADED
    attempt.save(
        update_fields=[
            "answers",
            "score",
            "passed",
            "submitted_at",
            "late",
            "status",
        ]
    )
    return attempt


def submit_attempt(
    attempt: QuizAttempt | int,
    answers: dict[int, list[int]],
    *,
    now: datetime | None = None,
) -> QuizAttempt:
    """Grade an attempt once; a replayed submit returns the graded attempt unchanged.

    The attempt row is locked, so concurrent submits grade it exactly once.
    Answers outside the attempt's questions or choices raise
    ``AnswerValidationError`` and save nothing. A submit after the deadline plus
    the grace period is graded on its answers and recorded as late.
    """
    from lms.learning.services.completion import check_course_completion

    now = now or timezone.now()
    with transaction.atomic():
        # Only the attempt row is locked; its quiz, enrollment and course come in
        # the same query for grading and the completion check.
        locked = (
            QuizAttempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "enrollment__course")
            .get(pk=attempt if isinstance(attempt, int) else attempt.pk)
        )
        if locked.is_graded:
            return locked
        key = get_quiz_key(locked.quiz_id)
        _validate_answers(locked, answers, key)
        _grade(locked, answers, now, key)
        if locked.passed:
            check_course_completion(locked.enrollment)
    return locked
