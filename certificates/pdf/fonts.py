"""The certificate and transcript fonts (DejaVu, shipped under ``certificates/fonts/``)
and colours, registered once per process. Used by every drawing module of
``certificates.pdf`` and by ``certificates.transcripts``.
"""

# Why a TTFont subclass: reportlab subsets and compresses every TrueType font again
# for each document (about 1-1.5 ms per face, most of a certificate's cost before
# this). Here every document's first subset of a face is the same: printable ASCII
# (reportlab's own layout) plus a fixed list of Latin letters and punctuation, in a
# fixed order, filled in before the first text is drawn. Its font file, widths and
# ToUnicode map are then made and compressed once per process; characters outside
# the list (e.g. Vietnamese or Cyrillic names) go to a second subset, made per
# document as before. The bytes written are exactly reportlab's own (test).

from __future__ import annotations

import functools
import threading
import zlib
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    makeToUnicodeCMap,
)

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONTS = {
    "PuenteSans": "DejaVuSans.ttf",
    "PuenteSans-Bold": "DejaVuSans-Bold.ttf",
    "PuenteSerif": "DejaVuSerif.ttf",
    "PuenteSerif-Bold": "DejaVuSerif-Bold.ttf",
    "PuenteSerif-Italic": "DejaVuSerif-Italic.ttf",
}
SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC = FONTS

INK = Color(0.11, 0.16, 0.22)
MUTED = Color(0.35, 0.40, 0.45)
ACCENT = Color(0.05, 0.30, 0.42)
GOLD = Color(0.62, 0.49, 0.22)
RULE = Color(0.78, 0.80, 0.82)
WHITE = Color(1, 1, 1)

# Subset 0 has 31 free codes below the ASCII block and 128 above it.
SUBSET0_FREE = 31 + 128
COMMON_CHARACTERS = (
    "".join(chr(code) for code in range(0xA1, 0x100))
    + "‘’‚“”„–—•…€™ĀāĂăĄąĆćČčĎďĐđĒēĖėĘęĚěĞğĪīĮįİıŁłŃńŇňŌōŐőŒœŘřŚśŞşŠšŢţŤťŪūŮůŰűŸŹźŻżŽž"
    + "".join(chr(code) for code in range(0x100, 0x180))
)


class PreparedFont(TTFont):
    """A TrueType font whose first subset is fixed and built once per process."""

    def __init__(self, name: str, filename: str):
        super().__init__(name, filename, asciiReadable=1)
        known = self.face.charToGlyph
        seen: list[str] = []
        for char in COMMON_CHARACTERS:
            if ord(char) in known and char not in seen:
                seen.append(char)
        self._puente_common = "".join(seen[:SUBSET0_FREE])
        self._puente_lock = threading.Lock()
        self._puente_cache: dict[tuple[int, ...], tuple[bytes, int, WidthsArray]] = {}

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (reportlab's name)
        if doc not in self.state:
            # The fixed characters take their codes before any real text.
            super().splitString(self._puente_common, doc, encoding)
        return super().splitString(text, doc, encoding)

    def _puente_subset(self, subset: list[int]) -> tuple[bytes, int, WidthsArray]:
        """(compressed font file, uncompressed length, widths) of a subset, made
        once per process for each distinct subset (at most 64 kept per face)."""
        key = tuple(subset)
        cached = self._puente_cache.get(key)
        if cached is None:
            with self._puente_lock:
                cached = self._puente_cache.get(key)
                if cached is None:
                    font_file = self.face.makeSubset(subset)
                    widths = WidthsArray(map(self.face.getCharWidth, subset))
                    cached = (zlib.compress(font_file), len(font_file), widths)
                    if len(self._puente_cache) < 64:
                        self._puente_cache[key] = cached
        return cached

    def addObjects(self, doc):  # noqa: N802 (reportlab's name)
        """reportlab's ``TTFont.addObjects``, with each subset's streams cached."""
        if doc not in self.state:
            self.splitString("", doc)
        state = self.state[doc]
        state.frozen = 1
        face = self.face
        for number, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(number, doc)[1:]
            base_name = (
                b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX))
            ).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {number}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            font_file, length, pdf_font.Widths = self._puente_subset(subset)
            pdf_font.ToUnicode = doc.Reference(
                _compressed_stream(_cmap(base_name, tuple(subset))),
                "toUnicodeCMap:" + base_name,
            )
            font_stream = _compressed_stream(font_file, Length1=length)
            font_ref = doc.Reference(
                font_stream, f"fontFile:{face.filename}({base_name})"
            )
            flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
            descriptor = pdfdoc.PDFDictionary(
                {
                    "Type": "/FontDescriptor",
                    "Ascent": face.ascent,
                    "CapHeight": face.capHeight,
                    "Descent": face.descent,
                    "Flags": flags,
                    "FontBBox": pdfdoc.PDFArray(face.bbox),
                    "FontName": pdfdoc.PDFName(base_name),
                    "ItalicAngle": face.italicAngle,
                    "StemV": face.stemV,
                    "FontFile2": font_ref,
                    "MissingWidth": face.defaultWidth,
                }
            )
            pdf_font.FontDescriptor = doc.Reference(
                descriptor, "fontDescriptor:" + base_name
            )
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


class WidthsArray(pdfdoc.PDFArray):
    """A font's widths, formatted once (numbers only, the same in any document)."""

    def __init__(self, sequence):
        super().__init__(sequence)
        self._puente_bytes: bytes | None = None

    def format(self, document, IND=b"\n "):  # noqa: N803 (reportlab's name)
        if self._puente_bytes is None:
            self._puente_bytes = super().format(document, IND)
        return self._puente_bytes


@functools.lru_cache(maxsize=256)
def _cmap(base_name: str, subset: tuple[int, ...]) -> bytes:
    return zlib.compress(makeToUnicodeCMap(base_name, list(subset)).encode("utf8"))


def _compressed_stream(content: bytes, **entries) -> pdfdoc.PDFStream:
    """A stream whose content is already Flate-compressed (reportlab leaves a
    stream with a Filter entry as it is)."""
    dictionary = pdfdoc.PDFDictionary(dict(entries))
    dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    return pdfdoc.PDFStream(dictionary=dictionary, content=content)


def reset_caches() -> None:
    from reportlab.pdfbase.pdfmetrics import getFont

    _cmap.cache_clear()
    if _fonts_registered:
        for name in FONTS:
            font = getFont(name)
            with font._puente_lock:
                font._puente_cache.clear()


_fonts_lock = threading.Lock()
_fonts_registered = False


def register_fonts() -> None:
    """Register the shipped fonts once per process.

    Also turns off reportlab's ASCII85 wrapping of compressed streams: it only
    served 7-bit transports and makes files a quarter larger.
    """
    global _fonts_registered
    if _fonts_registered:
        return
    with _fonts_lock:
        if not _fonts_registered:
            rl_config.useA85 = 0
            for name, filename in FONTS.items():
                pdfmetrics.registerFont(PreparedFont(name, str(FONT_DIR / filename)))
            _fonts_registered = True
