"""Tunables of the courses app, read in one place with their defaults."""

from django.conf import settings


def default_pass_mark() -> int:
    """Pass mark (%) a new quiz starts with: ``PUENTE_DEFAULT_PASS_MARK``, 80."""
    return int(getattr(settings, "PUENTE_DEFAULT_PASS_MARK", 80))
