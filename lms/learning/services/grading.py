"""Grading an attempt against the answer key: validating answers, scoring, lateness.

Called by ``attempts`` (a submit, and an expired attempt graded before the next
starts). The key comes from ``courses.services.get_quiz_key``; nothing from the
request but choice ids reaches this module.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from courses.models import QuestionKind
from courses.services import QuestionKey, get_quiz_key
from lms.app_settings import late_submit_grace
from lms.learning.errors import (
    FOREIGN_CHOICE,
    FOREIGN_QUESTION,
    SEVERAL_ANSWERS,
    AnswerValidationError,
)
from lms.models import AttemptStatus, QuizAttempt


def is_past_grace(attempt: QuizAttempt, now: datetime) -> bool:
    """Past the deadline and its grace period: graded as it is, recorded as late."""
    return attempt.deadline is not None and now > attempt.deadline + late_submit_grace()


def validate_answers(
    attempt: QuizAttempt, answers: dict[int, list[int]], key: dict[int, QuestionKey]
) -> None:
    """Raise ``AnswerValidationError`` unless every answer fits the attempt."""
    stored = {entry["id"]: set(entry["choices"]) for entry in attempt.questions}
    for question_id, choice_ids in answers.items():
        if question_id not in stored:
            raise AnswerValidationError(
                _("An answer did not belong to this attempt's questions."),
                code=FOREIGN_QUESTION,
            )
        if not set(choice_ids) <= stored[question_id]:
            raise AnswerValidationError(
                _("An answer did not belong to its question's choices."),
                code=FOREIGN_CHOICE,
            )
        question = key.get(question_id)
        if (
            question is not None
            and question.kind != QuestionKind.MULTIPLE
            and len(choice_ids) > 1
        ):
            raise AnswerValidationError(
                _("A single-choice question received more than one answer."),
                code=SEVERAL_ANSWERS,
            )


def grade_attempt(
    attempt: QuizAttempt,
    answers: dict,
    now: datetime,
    key: dict[int, QuestionKey] | None = None,
) -> QuizAttempt:
    """Score ``answers`` and save the attempt graded (the caller holds its lock)."""
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
    attempt.late = is_past_grace(attempt, now)
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
