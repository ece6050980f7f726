"""What the learning services refuse, as ``lms.errors.PuenteError`` subclasses.

Raised by ``lms.learning.services``; the views show ``error.message`` (a lazy
translation, read in the language of whoever is shown it) and send the learner
where the refusal can be resolved. ``code`` names the reason for callers and tests.
"""

from __future__ import annotations

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from lms.errors import PuenteError

# EnrollmentError codes: the learner's standing in the course.
ENROLLMENT_CLOSED = "enrollment_closed"
PREREQUISITES_MISSING = "prerequisites_missing"
NOT_ENROLLED = "not_enrolled"
CONTENT_NOTE_PENDING = "content_note_pending"
RENEWAL_NOT_DUE = "renewal_not_due"

# AttemptError codes: the quiz's limits.
ATTEMPTS_USED = "attempts_used"
COOLDOWN = "cooldown"
NO_QUESTIONS = "no_questions"
# A learner's submit the attempt does not take (yet); the attempt stays open.
NO_ANSWERS = "no_answers"
UNANSWERED = "unanswered"

# AnswerValidationError codes: a submitted form that does not fit its attempt.
UNEXPECTED_FIELD = "unexpected_field"
INVALID_ANSWER = "invalid_answer"
FOREIGN_QUESTION = "foreign_question"
FOREIGN_CHOICE = "foreign_choice"
SEVERAL_ANSWERS = "several_answers"


def later(message: Promise, **params) -> Promise:
    """``message % params``, translated when shown rather than when raised.

    ``message`` is a ``gettext_lazy`` or ``ngettext_lazy`` string (the latter with
    its number's placeholder name); ``%`` on a lazy string would translate at once.
    """
    return lazy(lambda: message % params, str)()


class EnrollmentError(PuenteError):
    """The learner's enrollment does not allow this (yet)."""

    code = NOT_ENROLLED
    message = _("Please enroll in the course first.")


class AttemptError(PuenteError):
    """A quiz attempt cannot start now."""

    code = "attempt_refused"
    message = _("This quiz cannot be started now.")


class UnansweredQuestions(AttemptError):
    """Some questions have no answer and the learner has not confirmed submitting
    anyway; their answers so far are kept on the open attempt."""

    code = UNANSWERED
    message = _("Some questions have no answer yet.")

    def __init__(self, unanswered: list[int], total: int):
        self.unanswered = unanswered  # question ids, in the attempt's order
        self.total = total
        super().__init__()


class AnswerValidationError(AttemptError):
    """Submitted answers do not belong to the attempt; nothing was saved."""

    code = UNEXPECTED_FIELD
    message = _("The form contained unexpected fields.")
