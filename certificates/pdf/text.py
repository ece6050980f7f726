"""Text helpers shared by the certificate and transcript drawings: lines in a
variant's language(s), shrink-to-fit, wrapping with bold runs, letter-spaced
capitals. Everything is drawn with ``drawString`` (never parsed as markup)."""

from __future__ import annotations

import functools

from django.utils import formats, translation
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

Run = tuple[str, str]  # (text, font)


# The drawings' own strings (module constants) are translated once per process and
# language: switching the active language costs more than drawing the line. Keyed
# by the lazy string's identity, not its value (which is read in the active
# language); the cached entry keeps the object alive.
_translated: dict[tuple[str, int], tuple[object, str]] = {}


def in_language(language: str, text) -> str:
    if isinstance(text, str):
        return text
    key = (language, id(text))
    cached = _translated.get(key)
    if cached is None or cached[0] is not text:
        with translation.override(language):
            cached = (text, str(text))
        if len(_translated) < 512:
            _translated[key] = cached
    return cached[1]


def texts(language: str, text) -> list[str]:
    """A lazy string in the variant's language, or in English then Spanish (once
    if both read the same)."""
    if language == "both":
        return list(dict.fromkeys([in_language("en", text), in_language("es", text)]))
    return [in_language(language, text)]


@functools.lru_cache(maxsize=2048)
def date_text(value, language: str) -> str:
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


def hours_text(hours) -> str:
    # Not localised: the same digits in every variant and whatever language is active.
    return f"{hours:.1f}".removesuffix(".0")


def tracked_width(text: str, font: str, size: float, spacing: float) -> float:
    return stringWidth(text, font, size) + spacing * max(0, len(text) - 1)


def fit_size(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size from ``size`` down to ``smallest`` (half points) at which
    ``text`` fits on one line of ``width``; ``smallest`` if none does."""
    natural = stringWidth(text, font, size)
    if natural <= width:
        return size
    fitted = size * width / natural
    return max(smallest, int(fitted * 2) / 2)


def fitted_lines(
    text: str, font: str, size: float, width: float, smallest: float
) -> tuple[float, list[str]]:
    """Shrink to fit one line down to ``smallest``; wrap only below that."""
    size = fit_size(text, font, size, width, smallest)
    return size, simpleSplit(text, font, size, width) or [""]


def wrap_runs(runs: list[Run], size: float, width: float) -> list[list[Run]]:
    """Lines of (text, font) runs, broken only at spaces to fit ``width`` (a word
    that changes font, like “Title”, stays whole). Kept per process: a course's
    wording is the same on every certificate of the course."""
    return [list(line) for line in _wrapped(tuple(runs), size, width)]


@functools.lru_cache(maxsize=256)
def _wrapped(
    runs: tuple[Run, ...], size: float, width: float
) -> tuple[tuple[Run, ...], ...]:
    words: list[list[Run]] = []  # each word: its pieces, in their fonts
    space_before: list[bool] = []
    pending_space = False
    for text, font in runs:
        for index, piece in enumerate(text.split(" ")):
            if index:
                pending_space = True
            if not piece:
                continue
            if words and not pending_space:
                words[-1].append((piece, font))
            else:
                words.append([(piece, font)])
                space_before.append(pending_space and len(words) > 1)
            pending_space = False
    lines: list[list[Run]] = []
    line: list[Run] = []
    used = 0.0
    for word, space in zip(words, space_before, strict=True):
        gap = stringWidth(" ", word[0][1], size) if space and line else 0.0
        needed = sum(stringWidth(text, font, size) for text, font in word)
        if line and used + gap + needed > width:
            lines.append(line)
            line, used, gap = [], 0.0, 0.0
        for position, (text, font) in enumerate(word):
            if position == 0 and gap:
                text = " " + text
            if line and line[-1][1] == font:
                line[-1] = (line[-1][0] + text, font)
            else:
                line.append((text, font))
        used += gap + needed
    if line:
        lines.append(line)
    return tuple(tuple(line) for line in lines)


def runs_width(line: list[Run], size: float) -> float:
    return sum(stringWidth(text, font, size) for text, font in line)


def draw_runs_centred(pdf: Canvas, line: list[Run], cx: float, y: float, size: float):
    x = cx - runs_width(line, size) / 2
    for text, font in line:
        pdf.setFont(font, size)
        pdf.drawString(x, y, text)
        x += stringWidth(text, font, size)


def draw_tracked_centred(
    pdf: Canvas, text: str, cx: float, y: float, font: str, size: float, spacing: float
):
    pdf.setFont(font, size)
    pdf.drawCentredString(cx, y, text, charSpace=spacing)


def reset_caches() -> None:
    _translated.clear()
    date_text.cache_clear()
    _wrapped.cache_clear()
