"""What the practice services refuse, as ``lms.errors.PuenteError`` subclasses.

Raised by ``lms.practice.services``; the views show ``error.message`` (a lazy
translation) and send the learner back to the round or the practice page. Gates of
study (enrollment, content note) raise ``lms.learning.errors.EnrollmentError``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lms.errors import PuenteError

NOT_READY = "practice_not_ready"
ROUND_FINISHED = "round_finished"
STALE_MOVE = "stale_move"
UNKNOWN_OPTION = "unknown_option"
EMPTY_QUESTION = "empty_question"
QUESTION_TOO_LONG = "question_too_long"

MAX_TYPED_LENGTH = 500


class PracticeError(PuenteError):
    """A round cannot start, or a move cannot be made, now."""

    code = NOT_READY
    message = _("This practice cannot be started yet.")


class MoveInputError(PracticeError):
    """What was sent is not a move of this round; nothing was saved."""

    code = UNKNOWN_OPTION
    message = _("Choose one of the options shown, or type your own question.")
