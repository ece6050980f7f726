"""What a certificate prints of its course, taken at issue: the course as published
(kept in the content cache), and the signature and logo as snapshot rows made once
per file (their ids kept in the cache). Called by ``certificates.services.issuing``.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from django.core.cache import cache

from certificates.models import (
    LOGO_SNAPSHOT_CACHE_KEY,
    CertificateSettings,
    SnapshotImage,
)
from courses.cache import remember
from courses.models import CoursePage

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

logger = logging.getLogger("puente.certificates")

SNAPSHOT_CACHE_PREFIX = "puente:certificates:snapshot:"
SNAPSHOT_CACHE_SECONDS = 24 * 3600


def _snapshot_image_id(image: AbstractImage | None) -> int | None:
    """The id of the image's snapshot row, made once per file: the file is read and
    hashed only the first time this file (name, size and hash) is snapshotted;
    after that the cache gives the row's id (rows are kept by content, never
    changed)."""
    if image is None:
        return None
    key = (
        f"{SNAPSHOT_CACHE_PREFIX}{image.pk}:{image.file.name}:"
        f"{image.file_size}:{image.file_hash}"
    )
    snapshot_id = cache.get(key)
    if snapshot_id is not None:
        return snapshot_id
    try:
        with image.file.open("rb") as handle:
            content = handle.read()
    except (OSError, ValueError):
        logger.warning("Image %s could not be read for a certificate", image.pk)
        return None
    digest = hashlib.sha256(content).hexdigest()
    snapshot, _created = SnapshotImage.objects.get_or_create(
        sha256=digest, defaults={"content": content}
    )
    cache.set(key, snapshot.pk, SNAPSHOT_CACHE_SECONDS)
    return snapshot.pk


def _logo_snapshot_id() -> int | None:
    """The settings' logo as a snapshot; the cache keeps its id until the settings
    or an image are saved (``LOGO_SNAPSHOT_CACHE_KEY``, certificates.receivers)."""
    cached = cache.get(LOGO_SNAPSHOT_CACHE_KEY)
    if cached is None:
        settings_ = CertificateSettings.objects.select_related("logo").first()
        cached = {"id": _snapshot_image_id(settings_.logo if settings_ else None)}
        cache.set(LOGO_SNAPSHOT_CACHE_KEY, cached, SNAPSHOT_CACHE_SECONDS)
    return cached["id"]


def printed_course(course_id: int) -> CoursePage:
    """The course with its signatory and signature, as published: kept in the
    content cache until the next page or snippet change (courses.cache), since
    the join of a course page's translated columns costs more than the issue's
    other queries together."""
    return remember(
        f"certificate-course:{course_id}",
        lambda: CoursePage.objects.select_related("signatory__signature").get(
            pk=course_id
        ),
    )


def course_snapshot(course: CoursePage) -> dict:
    signatory = course.signatory
    return {
        "course_title_en": course.title_en or course.title,
        "course_title_es": course.title_es or course.title_en or course.title,
        "wording_en": course.certificate_wording_en or "",
        "wording_es": course.certificate_wording_es or "",
        "credit_hours": course.credit_hours,
        "signatory_name": signatory.name if signatory else "",
        "signatory_title_en": (signatory.title_en or "") if signatory else "",
        "signatory_title_es": (signatory.title_es or "") if signatory else "",
        "signature_id": _snapshot_image_id(signatory.signature) if signatory else None,
        "logo_id": _logo_snapshot_id(),
    }
