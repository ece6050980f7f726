"""QR codes for the certificate: the symbol segno makes for a text (``qr_matrix``)
and the PDF path that draws it (``qr_path``). Called by ``certificates.pdf.foot``.
"""

# Why not just ``segno.make(text)``: its choice of data mask tries all eight masks
# in pure Python and was most of the QR code's cost (4 ms for the verification URL,
# 29 ms for the 550-character offline payload). ISO/IEC 18004 7.8.3 asks for the
# mask with the lowest penalty, so the choice is kept, only computed faster: one
# symbol is made with mask 0, unmasked, and each mask is scored with whole-row
# integer and string operations, exactly as segno scores it (segno's own choice is
# the same: test). segno then makes the symbol with that mask, and validates it.

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import segno
from segno.consts import ALIGNMENT_POS

ERROR_LEVEL = "m"
_FINDER_LIKE = "1011101"
_MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code's modules for ``text``, row 0 at the top: segno's symbol with
    the data mask ISO/IEC 18004 selects (error correction M, or better if it fits
    in the same version)."""
    return [[bit == "1" for bit in row] for row in qr_rows(text)]


def qr_rows(text: str) -> list[str]:
    """``qr_matrix`` as one string of 0 and 1 per row."""
    return list(_rows(text))


# A certificate's variants (English, Spanish, bilingual; Letter, A4) share its
# offline payload: its symbol is made once for all of them.
@functools.lru_cache(maxsize=64)
def _rows(text: str) -> tuple[str, ...]:
    first = segno.make(text, error=ERROR_LEVEL, micro=False, mask=0)
    size = len(first.matrix)
    rows = [int(bytes(row).translate(_BITS), 2) for row in first.matrix]
    mask = best_mask(rows, size)
    if mask:
        rows = _remasked(rows, size, first.error, mask)
    width = f"0{size}b"
    return tuple(format(row, width) for row in rows)


def best_mask(rows: list[int], size: int) -> int:
    """The mask with the lowest penalty for a symbol drawn with mask 0 (one
    integer per row, bit ``size-1-j`` for module j)."""
    layout = _layout(size)
    # As segno scores them: data unmasked, format and version areas still empty.
    base = [
        (row ^ (layout.patterns[0][i] & layout.region[i])) & ~layout.reserved[i]
        for i, row in enumerate(rows)
    ]
    packed = _packed_layout(size)
    lines = _pack(base + _transpose(base, size), size + 7)
    scores = [
        _penalty(lines ^ (pattern & packed.region), size) for pattern in packed.patterns
    ]
    return scores.index(min(scores))


_BITS = bytes.maketrans(b"\x00\x01", b"01")


def _remasked(rows: list[int], size: int, error: str, mask: int) -> list[int]:
    """The symbol drawn with mask 0, drawn with ``mask`` instead: its data modules
    re-masked and its format information (7.9.1) written again."""
    layout = _layout(size)
    change = [
        a ^ b for a, b in zip(layout.patterns[0], layout.patterns[mask], strict=True)
    ]
    rows = [row ^ (change[i] & layout.region[i]) for i, row in enumerate(rows)]
    data = ({"L": 1, "M": 0, "Q": 3, "H": 2}[error] << 3) | mask
    remainder = data << 10
    for bit in range(14, 9, -1):
        if remainder & (1 << bit):
            remainder ^= 0x537 << (bit - 10)
    bits = ((data << 10) | remainder) ^ 0x5412
    grid = [list(format(row, f"0{size}b")) for row in rows]
    for index, (i, j) in _format_positions(size):
        grid[i][j] = "1" if (bits >> index) & 1 else "0"
    grid[size - 8][8] = "1"  # the dark module
    return [int("".join(row), 2) for row in grid]


@functools.lru_cache(maxsize=8)
def _format_positions(size: int) -> list[tuple[int, tuple[int, int]]]:
    """(bit number, module) for both copies of the format information, as segno
    places them."""
    positions = []
    for i in range(8):
        row = i if i < 6 else i + 1
        column = i if i < 6 else i + 1
        positions.append((i, (row, 8)))
        positions.append((14 - i, (8, column)))
        positions.append((i, (8, size - 1 - i)))
        positions.append((14 - i, (size - 1 - i, 8)))
    return positions


def _pack(lines: list[int], slot: int) -> int:
    """Lines side by side in one integer, ``slot`` bits apart (the gap between
    them is light, so no run or pattern reaches from one line into the next)."""
    packed = 0
    for line in lines:
        packed = (packed << slot) | line
    return packed


def _penalty(lines: int, size: int) -> int:
    """ISO/IEC 18004 7.8.3.1's N1 + N2 + N3 + N4, counted as segno counts them, on
    the rows then the columns packed in one integer (``_pack``)."""
    slot = size + 7
    masks = _packed_layout(size)
    score = 0
    # N1: a run of 5 + k equal modules costs 3 + k.
    for bits in (lines, ~lines & masks.lines):
        five = bits & (bits >> 1) & (bits >> 2) & (bits >> 3) & (bits >> 4)
        score += five.bit_count() + 2 * (five & ~(five << 1)).bit_count()
    # N3: where a line has 1011101 (a palindrome: either bit order), read the line
    # as text and count as segno counts.
    finder = (
        lines
        & (lines >> 2)
        & (lines >> 3)
        & (lines >> 4)
        & (lines >> 6)
        & ~(lines >> 1)
        & ~(lines >> 5)
        & masks.starts
    )
    if finder:
        width, full = f"0{size}b", (1 << size) - 1
        for index in range(2 * size):
            shift = slot * (2 * size - 1 - index)
            if (finder >> shift) & masks.line_starts:
                score += _finder_like(format((lines >> shift) & full, width), size)
    # N2: each 2 x 2 block of one colour costs 3 (rows only).
    rows = lines >> (slot * size)
    above, below = rows >> slot, rows & masks.below
    dark = above & below & (above >> 1) & (below >> 1) & masks.pairs
    light = ~(above | below | (above >> 1) | (below >> 1)) & masks.pairs
    score += 3 * (dark.bit_count() + light.bit_count())
    # N4: distance of the dark share from 50 %, in steps of 5 %.
    percent = float(rows.bit_count()) / (size**2)
    return score + 10 * int(abs(percent * 100 - 50) / 5)


class _Packed(NamedTuple):
    """One symbol size's masks with rows then columns packed (``_pack``)."""

    patterns: list[int]  # each data mask's dark modules
    region: int  # the data modules
    lines: int  # every module of every row and column
    starts: int  # where a 7-module pattern can start, in every line
    line_starts: int  # the same, in one line
    below: int  # rows 1..size-1 (of the rows alone)
    pairs: int  # the left module of each horizontal pair, in rows 0..size-2


@functools.lru_cache(maxsize=8)
def _packed_layout(size: int) -> _Packed:
    slot, layout = size + 7, _layout(size)
    line_starts = (1 << (size - 6)) - 1
    return _Packed(
        patterns=[
            _pack(rows + columns, slot)
            for rows, columns in zip(layout.patterns, layout.patterns_t, strict=True)
        ],
        region=_pack(layout.region + layout.region_t, slot),
        lines=_pack([(1 << size) - 1] * (2 * size), slot),
        starts=_pack([line_starts] * (2 * size), slot),
        line_starts=line_starts,
        below=_pack([(1 << size) - 1] * (size - 1), slot),
        pairs=_pack([(1 << (size - 1)) - 1] * (size - 1), slot),
    )


def _finder_like(line: str, size: int) -> int:
    count = 0
    index = line.find(_FINDER_LIKE)
    while index != -1:
        after = index + 7
        if (
            index in (0, size - 7)
            or "1" not in line[max(index - 4, 0) : index]
            or "1" not in line[after : after + 4]
        ):
            count += 40
        else:
            after = index + 4
        index = line.find(_FINDER_LIKE, after)
    return count


def _transpose(rows: list[int], size: int) -> list[int]:
    width = f"0{size}b"
    lines = [format(row, width) for row in rows]
    return [int("".join(column), 2) for column in zip(*lines, strict=True)]


class _Layout(NamedTuple):
    """Per row (and, ``_t``, per column) of one symbol size, as integers with bit
    ``size-1-j`` for module j: each mask's dark modules, the data modules (which
    masks change) and the format/version modules (empty while masks are scored)."""

    patterns: list[list[int]]
    patterns_t: list[list[int]]
    region: list[int]
    region_t: list[int]
    reserved: list[int]


@functools.lru_cache(maxsize=8)
def _layout(size: int) -> _Layout:
    version = (size - 17) // 4
    function = [[False] * size for _ in range(size)]
    reserved = [[False] * size for _ in range(size)]

    def mark(grid, rows, columns):
        for i in rows:
            for j in columns:
                grid[i][j] = True

    corner, far = range(8), range(size - 8, size)
    for rows, columns in ((corner, corner), (corner, far), (far, corner)):
        mark(function, rows, columns)  # finder patterns and separators
    mark(function, [6], range(size))
    mark(function, range(size), [6])
    if version >= 2:
        positions = ALIGNMENT_POS[version - 2]
        first, last = positions[0], positions[-1]
        for x in positions:
            for y in positions:
                if (x, y) not in ((first, first), (first, last), (last, first)):
                    mark(function, range(x - 2, x + 3), range(y - 2, y + 3))
    format_rows = [*range(9), *range(size - 8, size)]
    mark(reserved, format_rows, [8])
    mark(reserved, [8], format_rows)
    if version >= 7:
        mark(reserved, range(6), range(size - 11, size - 8))
        mark(reserved, range(size - 11, size - 8), range(6))
    for i, j in ((6, 8), (8, 6)):
        reserved[i][j] = False  # timing modules, already drawn while scoring

    def as_ints(test) -> list[int]:
        return [
            sum(1 << (size - 1 - j) for j in range(size) if test(i, j))
            for i in range(size)
        ]

    def data(i, j):
        return not function[i][j] and not reserved[i][j]

    return _Layout(
        patterns=[as_ints(mask) for mask in _MASKS],
        patterns_t=[as_ints(lambda i, j, m=mask: m(j, i)) for mask in _MASKS],
        region=as_ints(data),
        region_t=as_ints(lambda i, j: data(j, i)),
        reserved=as_ints(lambda i, j: reserved[i][j]),
    )


def qr_path(rows: list[str]) -> str:
    """PDF path operators filling the dark modules (``qr_rows``), one
    ``x y w 1 re`` per run of dark modules in a row, in module units with y up
    (bottom row is 0)."""
    count = len(rows)
    runs = [
        f"{run.start()} {count - 1 - index} {run.end() - run.start()} 1 re"
        for index, row in enumerate(rows)
        for run in _DARK_RUN.finditer(row)
    ]
    return "\n".join(runs) + "\nf"


_DARK_RUN = re.compile("1+")


def reset_caches() -> None:
    _rows.cache_clear()
    _layout.cache_clear()
    _packed_layout.cache_clear()
    _format_positions.cache_clear()
