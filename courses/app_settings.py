"""Tunables of the courses app, read in one place with their defaults."""

from django.conf import settings


def default_pass_mark() -> int:
    """Pass mark (%) a new quiz starts with: ``PUENTE_DEFAULT_PASS_MARK``, 80."""
    return int(getattr(settings, "PUENTE_DEFAULT_PASS_MARK", 80))


def page_cache_seconds() -> int:
    """How long an anonymous public page stays cached: ``PUENTE_PAGE_CACHE_SECONDS``.

    600 by default; 0 turns the page cache off (e.g. to measure without it).
    Publishing invalidates at once whatever this is.
    """
    return int(getattr(settings, "PUENTE_PAGE_CACHE_SECONDS", 600))


def unlimited_quiz_min_cooldown() -> int:
    """Minutes between attempts a quiz with unlimited attempts needs, unless it draws
    from a larger pool: ``PUENTE_UNLIMITED_QUIZ_MIN_COOLDOWN_MINUTES``, 10."""
    return int(getattr(settings, "PUENTE_UNLIMITED_QUIZ_MIN_COOLDOWN_MINUTES", 10))
