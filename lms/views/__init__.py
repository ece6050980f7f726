"""Learner views: thin wrappers that call ``lms.services`` and render or redirect."""

from .attempts import attempt_detail, attempt_result, start_quiz_attempt, submit_quiz
from .dashboard import dashboard
from .learning import (
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
    "renew",
    "lesson_complete",
    "start_quiz_attempt",
    "submit_quiz",
    "take_a_break",
    "taking_a_break",
]
