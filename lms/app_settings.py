"""Tunables of the lms app, read in one place with their defaults."""

from datetime import timedelta

from django.conf import settings


def late_submit_grace() -> timedelta:
    """How long after a quiz's deadline a submit still counts as on time.

    ``PUENTE_LATE_SUBMIT_GRACE_SECONDS``, 30: covers a slow connection at the
    last second. See docs/decisions/0001-quiz-attempts.md.
    """
    return timedelta(
        seconds=int(getattr(settings, "PUENTE_LATE_SUBMIT_GRACE_SECONDS", 30))
    )
