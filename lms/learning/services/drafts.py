"""Answers kept on an open attempt when the learner takes a break mid-quiz.

Called by the attempt page's "Take a break" (``views.attempts.pause_attempt``). The
answers are checked as a submit checks them, stored on the attempt unscored, and
ticked again when the attempt page opens; an attempt whose time runs out is graded
on them (``attempts.start_attempt``).
"""

from __future__ import annotations

from django.db import transaction

from courses.services import get_quiz_key
from lms.learning.services.enrollment import record_last_page
from lms.learning.services.grading import validate_answers
from lms.models import QuizAttempt


def save_answers(attempt_id: int, answers: dict[int, list[int]]) -> QuizAttempt:
    """Store ``answers`` on the open attempt (a graded one is left as it is).

    ``AnswerValidationError`` for answers outside the attempt's questions or
    choices, and nothing is saved.
    """
    with transaction.atomic():
        locked = (
            QuizAttempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "enrollment")
            .get(pk=attempt_id)
        )
        if locked.is_graded:
            return locked
        validate_answers(locked, answers, get_quiz_key(locked.quiz_id))
        locked.answers = {str(q): list(c) for q, c in answers.items() if c}
        locked.save(update_fields=["answers"])
        record_last_page(locked.enrollment, locked.quiz_id)
    return locked
