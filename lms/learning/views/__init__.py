"""Learner views: thin wrappers that call ``lms.learning.services``, then render or
redirect."""

from lms.learning.views.attempts import (
    attempt_detail,
    attempt_result,
    pause_attempt,
    start_quiz_attempt,
    submit_quiz,
)
from lms.learning.views.dashboard import dashboard
from lms.learning.views.learning import (
    acknowledge_note,
    enroll,
    leave,
    lesson_complete,
    renew,
    take_a_break,
    taking_a_break,
)

__all__ = [
    "acknowledge_note",
    "attempt_detail",
    "attempt_result",
    "dashboard",
    "enroll",
    "leave",
    "pause_attempt",
    "renew",
    "lesson_complete",
    "start_quiz_attempt",
    "submit_quiz",
    "take_a_break",
    "taking_a_break",
]
