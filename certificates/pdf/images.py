"""Images printed on certificates (signature, logo, seal), prepared once per process
as the JPEG reportlab embeds as it is. Called by ``certificates.pdf.certificate``.
"""

# Why JPEG: reportlab compresses an image's raw pixels again for every document
# (432 KB for the demo signature: ~2-3 ms per PDF), but copies a JPEG's bytes
# unchanged. Each image is flattened on white (it is printed on white paper),
# scaled down to 300 dpi at the largest size it is printed and encoded once per
# process; the same input always gives the same JPEG bytes.

from __future__ import annotations

import functools
import io
import threading

from PIL import Image
from reportlab.lib.utils import ImageReader

from certificates.models import SnapshotImage

# Largest printed size (points), per kind of image.
MAX_POINTS = {"signature": (180, 48), "logo": (200, 56), "seal": (110, 110)}
DPI = 300


class PreparedImage:
    """A JPEG ready to draw: its reader (decoded once) and its pixel size. The lock
    serialises drawing, since reportlab rewinds the reader's file to copy it."""

    def __init__(self, jpeg: bytes):
        self.jpeg = jpeg
        self.reader = ImageReader(io.BytesIO(jpeg))
        self.reader.getRGBData()
        self.size = self.reader.getSize()
        self.lock = threading.Lock()


def prepare(content: bytes, kind: str) -> PreparedImage:
    with Image.open(io.BytesIO(content)) as source:
        source.load()
        image = source.convert("RGBA")
    white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    image = Image.alpha_composite(white, image).convert("RGB")
    max_w, max_h = (points * DPI // 72 for points in MAX_POINTS[kind])
    scale = min(1.0, max_w / image.width, max_h / image.height)
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, subsampling=0, optimize=False)
    return PreparedImage(buffer.getvalue())


@functools.lru_cache(maxsize=32)
def _snapshot(sha256: str, kind: str) -> PreparedImage:
    """Keyed by content hash: snapshot images never change."""
    content = SnapshotImage.objects.values_list("content", flat=True).get(sha256=sha256)
    return prepare(bytes(content), kind)


def snapshot_image(image_id: int | None, kind: str) -> PreparedImage | None:
    """A certificate's snapshot image (one small query for its hash)."""
    if image_id is None:
        return None
    digest = SnapshotImage.objects.values_list("sha256", flat=True).get(pk=image_id)
    return _snapshot(digest, kind)


@functools.lru_cache(maxsize=8)
def _stored(name: str, file_hash: str, kind: str) -> PreparedImage | None:
    from django.core.files.storage import default_storage

    try:
        with default_storage.open(name, "rb") as handle:
            return prepare(handle.read(), kind)
    except (OSError, ValueError):
        return None


def stored_image(name: str, file_hash: str, kind: str) -> PreparedImage | None:
    """A Wagtail image's file (the settings' seal), read once per process for each
    file name and hash; ``None`` if it cannot be read."""
    return _stored(name, file_hash, kind)


def reset_caches() -> None:
    _snapshot.cache_clear()
    _stored.cache_clear()
