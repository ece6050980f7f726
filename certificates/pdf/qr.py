"""QR codes for the certificate: the symbol for a text (``qr_matrix``, ``qr_rows``)
and the PDF path that draws it (``qr_path``). Called by ``certificates.pdf.foot``.

The symbol is made by zxing-cpp (C++; error correction M, the mask ISO/IEC 18004
selects). segno, in pure Python, took 6–7 ms of CPU to encode the ≈520-character
offline payload even with a faster mask search written here, twice the whole
certificate's budget; zxing-cpp makes it in about 1 ms (docs/performance.md). The
tests decode every symbol drawn, from the PDF rendered by pdftoppm.
"""

from __future__ import annotations

import functools
import re

import zxingcpp

ERROR_LEVEL = "M"
# zxing-cpp's image has one byte per module, 0 dark and 255 light.
_AS_BITS = bytes.maketrans(b"\x00\xff", b"10")


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code's modules for ``text``, row 0 at the top, True for dark."""
    return [[bit == "1" for bit in row] for row in qr_rows(text)]


def qr_rows(text: str) -> list[str]:
    """``qr_matrix`` as one string of 0 and 1 per row."""
    return list(_rows(text))


# A certificate's variants (English, Spanish, bilingual; Letter, A4) share its
# offline payload: its symbol is made once for all of them.
@functools.lru_cache(maxsize=64)
def _rows(text: str) -> tuple[str, ...]:
    symbol = zxingcpp.create_barcode(
        text, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_LEVEL
    )
    image = memoryview(symbol.to_image(scale=1, add_quiet_zones=False))
    height, width = image.shape
    bits = image.tobytes().translate(_AS_BITS).decode("ascii")
    return tuple(
        bits[start : start + width] for start in range(0, height * width, width)
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
