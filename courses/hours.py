"""Study time estimated from a course's content: the "honest hours" of a course.

Works on plain course data (``courses.quality`` describes its shape), so the fixture
checker (``manage.py check_demo_content``), the demo-content tests and the admin (hours
panel, quality report) compute the same figures. Formula: docs/decisions/0006.
"""

from __future__ import annotations

import html
import math
import re
import struct
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

LANGUAGES = ("en", "es")
# Study reading, words per minute (docs/decisions/0006-honest-hours.md): below the
# 138 wpm Carver measured for reading to memorize, far below the 238 wpm of silent
# reading for comprehension (Brysbaert 2019). Spanish needs ~11 % more words for the
# same message, so its rate is higher and both languages take about the same time.
READING_WPM = {"en": 130, "es": 140}
QUESTION_MINUTES = 1.5  # per question shown in one attempt (USMLE pace: 40 in 60 min)
TOLERANCE = 0.25  # declared hours may differ from the estimate by this share
HOURS_STEP = 0.5  # credit hours are declared in half hours
DURATION_STEP = 5  # lesson duration_minutes are declared in steps of 5

# Keys of fixture blocks / stream values that hold no text a learner reads.
NON_TEXT_KEYS = frozenset(
    {"type", "id", "kind", "level", "file", "poster", "captions", "value_file"}
    | {"image", "video", "document", "language", "correct", "duration_seconds"}
)
_TAG = re.compile(r"<[^>]+>")
_WORDLIKE = re.compile(r"\w")


def is_translated(value) -> bool:
    """A ``{"en": ..., "es": ...}`` object (written T in SCHEMA.md)."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(LANGUAGES)


def in_language(value, language: str):
    """The ``language`` side of a T; anything else as it is."""
    return value.get(language) if is_translated(value) else value


def plain_text(value: str | None) -> str:
    """HTML (fixture or Wagtail rich text) to plain text."""
    return html.unescape(_TAG.sub(" ", value or "")).strip()


def count_words(value: str | None) -> int:
    return sum(1 for token in plain_text(value).split() if _WORDLIKE.search(token))


def strings_in(value, language: str):
    """Every string a learner reads in ``value`` (a block, a list, a T ...)."""
    value = in_language(value, language)
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NON_TEXT_KEYS:
                yield from strings_in(item, language)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item, language)


def body_blocks(lesson: dict, language: str) -> list[dict]:
    """A lesson's blocks in ``language``: fixture blocks (one list, T values) or
    stream data (``{"en": [...], "es": [...]}``, one list per language)."""
    return in_language(lesson.get("body"), language) or []


def block_type_and_value(block: dict) -> tuple[str, object]:
    """``(type, value)`` of a fixture block (fields inline) or a stream block."""
    if "value" in block and "id" in block:
        return block["type"], block["value"]
    return block["type"], block


def lesson_words(lesson: dict, language: str) -> int:
    """Words of a lesson body; a video's transcript is not counted (its time is)."""
    return sum(
        count_words(text)
        for block in body_blocks(lesson, language)
        if block_type_and_value(block)[0] != "video"
        for text in strings_in(block_type_and_value(block)[1], language)
    )


def lesson_video_seconds(lesson: dict, language: str) -> float:
    seconds = 0.0
    for block in body_blocks(lesson, language):
        kind, value = block_type_and_value(block)
        if kind == "video" and isinstance(value, dict):
            seconds += float(value.get("duration_seconds") or 0)
    return seconds


def questions_shown(quiz: dict) -> int:
    """Questions in one attempt: the draw, or the whole pool without one."""
    pool = len(quiz.get("questions") or [])
    draw = quiz.get("draw")
    return min(draw, pool) if draw else pool


def round_to(value: float, step: float) -> float:
    """Round half up to a multiple of ``step`` (2.25 h → 2.5 h)."""
    return math.floor(value / step + 0.5) * step


def lesson_minutes(lesson: dict, language: str) -> float:
    words = lesson_words(lesson, language)
    return words / READING_WPM[language] + lesson_video_seconds(lesson, language) / 60


def expected_duration_minutes(lesson: dict, languages) -> int:
    """What a lesson's ``duration_minutes`` should say: its longest language."""
    minutes = max((lesson_minutes(lesson, code) for code in languages), default=0)
    return max(DURATION_STEP, int(round_to(minutes, DURATION_STEP)))


# Course estimate --------------------------------------------------------------------


@dataclass
class LanguageEstimate:
    """Minutes one learner spends on the course in one language."""

    language: str
    words: int = 0
    reading_minutes: float = 0.0
    video_minutes: float = 0.0
    questions: int = 0
    quiz_minutes: float = 0.0
    practice_minutes: float = 0.0

    @property
    def total_minutes(self) -> float:
        return (
            self.reading_minutes
            + self.video_minutes
            + self.quiz_minutes
            + self.practice_minutes
        )

    @property
    def hours(self) -> float:
        return self.total_minutes / 60


@dataclass
class HoursEstimate:
    declared: float | None
    by_language: dict[str, LanguageEstimate] = field(default_factory=dict)

    @property
    def hours(self) -> float:
        """The larger of the languages the course offers."""
        return max((e.hours for e in self.by_language.values()), default=0.0)

    @property
    def rounded_hours(self) -> float:
        return round_to(self.hours, HOURS_STEP)

    @property
    def difference(self) -> float | None:
        """(declared − estimated) ÷ estimated: +0.5 means 50 % more than estimated."""
        if self.declared is None or not self.hours:
            return None
        return (self.declared - self.hours) / self.hours

    @property
    def within_tolerance(self) -> bool:
        difference = self.difference
        return difference is None or abs(difference) <= TOLERANCE + 1e-9


def item_practice_minutes(item: dict) -> float:
    """Extension point for interview practices (a later issue): an item of type
    ``practice`` counts its ``duration_minutes``; a page type that can say how long
    it takes puts ``study_minutes`` in its item (``courses.content_data``)."""
    if "study_minutes" in item:
        return float(item["study_minutes"] or 0)
    if item.get("type") == "practice":
        return float(item.get("duration_minutes") or 0)
    return 0.0


def estimate_course_hours(course: dict) -> HoursEstimate:
    languages = [code for code in LANGUAGES if code in (course.get("languages") or [])]
    declared = course.get("credit_hours")
    estimate = HoursEstimate(
        declared=float(declared) if declared is not None else None,
        by_language={code: LanguageEstimate(code) for code in languages or ["en"]},
    )
    for module in course.get("modules", []):
        for item in module.get("items", []):
            for code, part in estimate.by_language.items():
                _add_item(part, item, code)
    return estimate


def _add_item(part: LanguageEstimate, item: dict, language: str) -> None:
    if item.get("type") == "lesson":
        words = lesson_words(item, language)
        part.words += words
        part.reading_minutes += words / READING_WPM[language]
        part.video_minutes += lesson_video_seconds(item, language) / 60
    elif item.get("type") == "quiz":
        shown = questions_shown(item)
        part.questions += shown
        part.quiz_minutes += shown * QUESTION_MINUTES
    part.practice_minutes += item_practice_minutes(item)


def as_decimal_hours(value: float) -> Decimal:
    return Decimal(str(round_to(value, HOURS_STEP)))


# Video durations --------------------------------------------------------------------

_EBML, _SEGMENT, _INFO = 0x1A45DFA3, 0x18538067, 0x1549A966
_TIMECODE_SCALE, _DURATION = 0x2AD7B1, 0x4489
_CLUSTER = 0x1F43B675


def _vint(stream: BinaryIO, *, keep_marker: bool) -> tuple[int | None, int]:
    """An EBML variable-length integer: (value or None if unknown, bytes read)."""
    first = stream.read(1)
    if not first:
        raise ValueError("end of file")
    byte = first[0]
    length = next((n for n in range(1, 9) if byte & (0x80 >> (n - 1))), 0)
    if not length:
        raise ValueError("invalid EBML integer")
    value = byte if keep_marker else byte & (0xFF >> length)
    rest = stream.read(length - 1)
    for extra in rest:
        value = (value << 8) | extra
    all_ones = (1 << (7 * length)) - 1
    if not keep_marker and value == all_ones:
        return None, length
    return value, length


def webm_duration_seconds(stream: BinaryIO) -> float | None:
    """Duration of a WebM/Matroska file from its Segment Info, or None."""
    element, _n = _vint(stream, keep_marker=True)
    if element != _EBML:
        return None
    size, _n = _vint(stream, keep_marker=False)
    stream.seek(size or 0, 1)
    element, _n = _vint(stream, keep_marker=True)
    if element != _SEGMENT:
        return None
    _vint(stream, keep_marker=False)
    scale, duration = 1_000_000, None
    while True:
        element, _n = _vint(stream, keep_marker=True)
        size, _n = _vint(stream, keep_marker=False)
        if element == _CLUSTER or size is None:
            return None  # media data came first: no duration in the header
        if element != _INFO:
            stream.seek(size, 1)
            continue
        end = stream.tell() + size
        while stream.tell() < end:
            child, _n = _vint(stream, keep_marker=True)
            child_size, _n = _vint(stream, keep_marker=False)
            data = stream.read(child_size or 0)
            if child == _TIMECODE_SCALE:
                scale = int.from_bytes(data, "big")
            elif child == _DURATION:
                duration = struct.unpack(">f" if len(data) == 4 else ">d", data)[0]
        return duration * scale / 1e9 if duration is not None else None


def mp4_duration_seconds(stream: BinaryIO) -> float | None:
    """Duration of an MP4 file from its movie header (``moov/mvhd``), or None."""
    end = None
    while True:
        header = stream.read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        if size == 1:
            size = struct.unpack(">Q", stream.read(8))[0] - 8
        if kind == b"moov":
            end = stream.tell() + size - 8
            continue  # descend into the movie box
        if kind == b"mvhd":
            version = stream.read(4)[0]
            if version == 1:
                timescale, duration = struct.unpack(">16xIQ", stream.read(28))
            else:
                timescale, duration = struct.unpack(">8xII", stream.read(16))
            return duration / timescale if timescale else None
        if end is not None and stream.tell() >= end:
            return None
        stream.seek(max(size - 8, 0), 1)


def video_duration_seconds(stream: BinaryIO, name: str = "") -> float | None:
    """Duration of a WebM or MP4 video, read from its headers; None if unknown."""
    try:
        if name.lower().endswith((".mp4", ".m4v", ".mov")):
            return mp4_duration_seconds(stream)
        return webm_duration_seconds(stream)
    except (ValueError, struct.error, IndexError, OSError):
        return None


def video_file_duration(path: Path) -> float | None:
    with path.open("rb") as stream:
        return video_duration_seconds(stream, path.name)
