"""Quiz attempts: starting (gate, limits, draw and order), submitting (validate, grade).

Called by the attempt views and by the demo data; both pass the same gates.
Grading is in ``grading`` on top of ``courses.services.get_quiz_key``; reading
attempts in ``quiz_status``; the result page's feedback in ``review``. See
docs/decisions/0001-quiz-attempts.md for limits, cooldown, deadlines and replays.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from courses.models import Choice, CoursePage, QuizPage
from courses.services import get_quiz_key
from lms.learning.errors import (
    ATTEMPTS_USED,
    COOLDOWN,
    INVALID_ANSWER,
    NO_ANSWERS,
    NO_QUESTIONS,
    UNEXPECTED_FIELD,
    AnswerValidationError,
    AttemptError,
    UnansweredQuestions,
    later,
)
from lms.learning.services.completion import record_completion_if_done
from lms.learning.services.enrollment import record_last_page, require_study_access
from lms.learning.services.grading import grade_attempt, is_past_grace, validate_answers
from lms.learning.services.quiz_status import cooldown_end, get_attempts
from lms.models import AttemptStatus, Enrollment, QuizAttempt, User

__all__ = [
    "ALLOWED_EXTRA_FIELDS",
    "ANSWER_PREFIX",
    "AnswerValidationError",
    "AttemptError",
    "draw_questions",
    "parse_answers",
    "start_attempt",
    "submit_attempt",
    "submit_learner_answers",
]

ANSWER_PREFIX = "q-"
# Sent by the confirmation page: submit even though some questions have no answer.
CONFIRM_FIELD = "confirm-unanswered"
ALLOWED_EXTRA_FIELDS = {"csrfmiddlewaretoken", CONFIRM_FIELD}


# Starting -----------------------------------------------------------------------


def draw_questions(quiz: QuizPage, rng: random.Random) -> list[dict]:
    """The questions of a new attempt, as ids: subset, question and choice order."""
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


def _refuse_by_limits(
    quiz: QuizPage, graded: list[QuizAttempt], now: datetime
) -> AttemptError | None:
    if quiz.max_attempts and len(graded) >= quiz.max_attempts:
        return AttemptError(
            later(
                ngettext_lazy(
                    "You have used your %(count)s attempt at this quiz.",
                    "You have used all %(count)s attempts at this quiz.",
                    "count",
                ),
                count=quiz.max_attempts,
            ),
            code=ATTEMPTS_USED,
        )
    available_at = cooldown_end(quiz, graded)
    if available_at is not None and available_at > now:
        minutes = max(1, int((available_at - now).total_seconds() + 59) // 60)
        return AttemptError(
            later(
                ngettext_lazy(
                    "You can try again in %(minutes)s minute.",
                    "You can try again in %(minutes)s minutes.",
                    "minutes",
                ),
                minutes=minutes,
            ),
            code=COOLDOWN,
        )
    return None


def start_attempt(
    enrollment: Enrollment | None,
    quiz: QuizPage,
    *,
    course: CoursePage | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> QuizAttempt:
    """The learner's in-progress attempt, or a new one with its questions drawn.

    The enrollment row is locked first and the gate checked on it as it is then
    (``require_study_access``: ``EnrollmentError`` ``not_enrolled`` or
    ``content_note_pending``); limits and cooldown are checked under the same
    lock, so concurrent starts cannot exceed ``max_attempts`` (``AttemptError``
    ``attempts_used``, ``cooldown``, ``no_questions``). An in-progress attempt whose
    time ran out is graded first on whatever it holds.
    """
    now = now or timezone.now()
    rng = rng or secrets.SystemRandom()
    with transaction.atomic():
        if enrollment is not None:
            locked = Enrollment.objects.select_for_update().filter(pk=enrollment.pk)
            current = locked.values("left_at", "content_note_acknowledged_at").first()
            if current is None:  # deleted meanwhile
                enrollment = None
            else:
                for name, value in current.items():
                    setattr(enrollment, name, value)
        enrollment = require_study_access(enrollment, quiz, course=course)
        attempts = get_attempts(enrollment, quiz)
        in_progress = next((a for a in attempts if not a.is_graded), None)
        if in_progress is not None:
            if not is_past_grace(in_progress, now):
                return in_progress
            grade_attempt(in_progress, in_progress.answers or {}, now)
        refusal = _refuse_by_limits(quiz, [a for a in attempts if a.is_graded], now)
        if refusal is not None:
            raise refusal
        questions = draw_questions(quiz, rng)
        if not questions:
            raise AttemptError(_("This quiz has no questions yet."), code=NO_QUESTIONS)
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


# Submitting ---------------------------------------------------------------------


# What ``submit_attempt`` reads with the locked attempt: all of its own row and its
# enrollment's, the quiz's pass mark, and what the outline of the course needs.
_LOCKED_FIELDS = (
    *(field.name for field in QuizAttempt._meta.concrete_fields),
    "quiz__pass_mark",
    *(f"enrollment__{field.name}" for field in Enrollment._meta.concrete_fields),
    "enrollment__course__path",
    "enrollment__course__depth",
)


def _is_id(value: str) -> bool:
    # ASCII only: str.isdigit() also accepts "²", which int() refuses.
    return value.isascii() and value.isdigit() and len(value) <= 18


def parse_answers(data: Mapping[str, Any]) -> dict[int, list[int]]:
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
            raise AnswerValidationError(
                _("The form contained unexpected fields."), code=UNEXPECTED_FIELD
            )
        if not all(isinstance(v, str) and _is_id(v) for v in values):
            raise AnswerValidationError(
                _("The form contained an invalid answer."), code=INVALID_ANSWER
            )
        answers[int(question)] = sorted({int(v) for v in values})
    return answers


def _learner_refusal(
    attempt: QuizAttempt, answers: dict[int, list[int]], confirmed: bool
) -> AttemptError | None:
    """Why a learner's submit is not graded yet: no answer at all, or unanswered
    questions not confirmed (``submit_attempt`` with ``from_learner``)."""
    given = {question for question, choices in answers.items() if choices}
    unanswered = [q["id"] for q in attempt.questions if q["id"] not in given]
    if len(unanswered) == len(attempt.questions):
        return AttemptError(
            _(
                "Choose an answer to at least one question before submitting. "
                "Nothing was sent, and this attempt was not used."
            ),
            code=NO_ANSWERS,
        )
    if unanswered and not confirmed:
        return UnansweredQuestions(unanswered, len(attempt.questions))
    return None


def submit_attempt(
    attempt: QuizAttempt | int,
    answers: dict[int, list[int]],
    *,
    now: datetime | None = None,
    from_learner: bool = False,
    confirmed: bool = False,
    user: User | None = None,
) -> QuizAttempt:
    """Grade an attempt once; a replayed submit returns the graded attempt unchanged.

    The attempt row is locked, so concurrent submits grade it exactly once.
    Answers outside the attempt's questions or choices raise
    ``AnswerValidationError`` and save nothing. A submit after the deadline plus
    the grace period is graded on its answers and recorded as late. A passing
    grade records the course's completion when it was the last thing to do.

    ``from_learner`` (the attempt page's submit), before the deadline has passed:
    without a single answer it raises ``AttemptError`` ``no_answers`` and grades
    nothing (the attempt is not used); with questions unanswered and not
    ``confirmed`` it keeps the answers on the open attempt and raises
    ``UnansweredQuestions``.

    With ``user``, only that user's attempt is read: another's (or none) raises
    ``QuizAttempt.DoesNotExist`` before anything is read or written.

    The attempt returned carries its own row and its enrollment's, but of its quiz
    only the pass mark and of its course only what the outline reads (path, depth):
    to show it, read it again (``quiz_status.get_attempt_for_user``), as the result
    page does, or each other page field costs a query.
    """
    now = now or timezone.now()
    refusal = None
    attempts = QuizAttempt.objects.all() if user is None else user.quiz_attempts.all()
    with transaction.atomic():
        # Only the attempt row is locked; its quiz's pass mark, its enrollment and
        # the course's place in the tree come in the same query, for grading and
        # the completion check (not the pages' content: nothing here shows them).
        locked = (
            attempts.select_for_update(of=("self",))
            .select_related("quiz", "enrollment__course")
            .only(*_LOCKED_FIELDS)
            .get(pk=attempt if isinstance(attempt, int) else attempt.pk)
        )
        if locked.is_graded:
            return locked
        key = get_quiz_key(locked.quiz_id)
        validate_answers(locked, answers, key)
        if from_learner and not is_past_grace(locked, now):
            refusal = _learner_refusal(locked, answers, confirmed)
        if refusal is None:
            grade_attempt(locked, answers, now, key)
            if locked.passed:
                record_completion_if_done(locked.enrollment)
        elif isinstance(refusal, UnansweredQuestions):
            # Kept as "Take a break" keeps them: ticked again on the way back.
            locked.answers = {str(q): list(c) for q, c in answers.items() if c}
            locked.save(update_fields=["answers"])
    if refusal is not None:
        raise refusal
    return locked


def submit_learner_answers(
    user: User,
    attempt_id: int,
    answers: dict[int, list[int]],
    *,
    confirmed: bool = False,
) -> QuizAttempt | None:
    """The attempt page's submit: ``submit_attempt`` of ``user``'s own attempt, with
    ``from_learner``; None, with nothing read or written, if it is not theirs."""
    try:
        return submit_attempt(
            attempt_id, answers, from_learner=True, confirmed=confirmed, user=user
        )
    except QuizAttempt.DoesNotExist:
        return None
