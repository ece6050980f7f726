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
    "render_certificate_pdf",
]
