"""Drawing certificates and transcripts as PDFs. ``render_certificate_pdf`` (in
``certificate``) is called by ``certificates.services.files``; the fonts and
colours (``fonts``) and the letterhead (``letterhead``) by ``certificates.transcripts``.
Invariant output: the same input always gives the same bytes, which the
"check a PDF" form relies on. Speed notes: docs/performance.md.
"""

from certificates.pdf.certificate import page_size, render_certificate_pdf
from certificates.pdf.fonts import (
    ACCENT,
    GOLD,
    INK,
    MUTED,
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    register_fonts,
)
from certificates.pdf.qr import qr_matrix


def reset_caches() -> None:
    """Forget everything kept per process (tests: the output must not change)."""
    from certificates.pdf import fonts, images, qr, text

    fonts.reset_caches()
    images.reset_caches()
    qr.reset_caches()
    text.reset_caches()


__all__ = [
    "ACCENT",
    "GOLD",
    "INK",
    "MUTED",
    "SANS",
    "SANS_BOLD",
    "SERIF",
    "SERIF_BOLD",
    "SERIF_ITALIC",
    "page_size",
    "qr_matrix",
    "register_fonts",
    "reset_caches",
    "render_certificate_pdf",
]
