"""What a content check reports: a broken rule or a thing to look at, and where.

Shared by ``courses.quality`` (quizzes, hours), ``courses.objectives`` and the fixture
checker of lms.demo; ``where`` is a file or page label and a JSON-like path.
"""

from __future__ import annotations

from dataclasses import dataclass

from courses.hours import LANGUAGES, is_translated, plain_text


@dataclass(frozen=True)
class Finding:
    """One broken rule (``problem``) or a thing to look at (``warning``)."""

    level: str  # "problem" | "warning"
    code: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def problem(code: str, where: str, message) -> Finding:
    return Finding("problem", code, where, str(message))


def warning(code: str, where: str, message) -> Finding:
    return Finding("warning", code, where, str(message))


def one_language_fields(value, path: str = "", languages=LANGUAGES):
    """``(path, missing language)`` of every T under ``value`` that has text in one
    language and none in another (or lacks a language altogether)."""
    if is_translated(value):
        filled = {
            code
            for code in languages
            if isinstance(value.get(code), str)
            and plain_text(value[code])
            or isinstance(value.get(code), list)
            and value[code]
        }
        for code in languages:
            if code not in filled:
                yield path, code
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from one_language_fields(
                item, f"{path}.{key}" if path else key, languages
            )
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from one_language_fields(item, f"{path}[{number}]", languages)
