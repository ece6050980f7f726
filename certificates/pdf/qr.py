"""QR codes for the certificate: the symbol for a text (``qr_matrix``, ``qr_rows``)
and the PDF operators that draw it (``qr_stencil``), for ``certificates.pdf.foot``.

The symbol is made by zxing-cpp (C++; error correction M, the mask ISO/IEC 18004
selects). segno, in pure Python, took 6–7 ms of CPU to encode the ≈520-character
offline payload even with a faster mask search written here, twice the whole
certificate's budget; zxing-cpp makes it in about 1 ms (docs/performance.md). The
tests decode every symbol drawn, from the PDF rendered by pdftoppm.
"""

from __future__ import annotations

import functools

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


def qr_stencil(rows: list[str]) -> str:
    """PDF operators painting the dark modules (``qr_rows``) in the fill colour
    over the unit square: an inline stencil mask (ISO 32000-1 8.9.6.2, 8.9.7) of
    one bit per module, first row at the top, never interpolated, so each module
    stays a sharp square at any scale.

    A path of one rectangle per run of dark modules drew the same shape, but
    writing the ≈ 2,000 rectangles of the offline payload's symbol took 1.7 ms and
    made the page's stream the longest part to compress; the mask is 0.04 ms.
    """
    count = len(rows)
    padding = "0" * (-count % 8)  # each row fills whole bytes
    width = (count + 7) // 8
    data = b"".join(int(row + padding, 2).to_bytes(width, "big") for row in rows)
    return (
        f"BI /W {count} /H {count} /IM true /BPC 1 /D [1 0] /F /AHx ID\n"
        f"{data.hex()}>\nEI"
    )


def reset_caches() -> None:
    _rows.cache_clear()
