"""Fixture blocks and media: one fixture block to the stream value of one language.

Used by ``lms.demo.fixture_import`` (fixtures/courses/SCHEMA.md lists the block
types). Media files under fixtures/assets/ become Wagtail images and documents,
found again by content hash, so importing twice never duplicates them.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.images import ImageFile
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from lms.demo.fixture_reader import FixtureError, resolve_video

LANGUAGES = ("en", "es")


# Media ----------------------------------------------------------------------------


class MediaLibrary:
    """Imports files under fixtures/assets/ once, keyed by their SHA-1."""

    def __init__(self, root: Path):
        self.root = root
        self._images: dict[str, object] = {}
        self._documents: dict[str, object] = {}

    def _path(self, relative: str) -> Path:
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents or not path.is_file():
            raise FixtureError(f"media file not found: fixtures/assets/{relative}")
        return path

    def _get_or_create(self, model, cache: dict, relative: str, title: str):
        if relative in cache:
            return cache[relative]
        path = self._path(relative)
        with path.open("rb") as handle:
            digest = hash_filelike(handle)
            obj = model.objects.filter(file_hash=digest).first()
            if obj is None:
                handle.seek(0)
                wrapper = ImageFile if model is get_image_model() else File
                obj = model(
                    title=title[:255],
                    file=wrapper(handle, name=path.name),
                    file_hash=digest,
                )
                obj.file_size = path.stat().st_size
                obj.save()
        cache[relative] = obj
        return obj

    def image(self, relative: str, title: str | None = None):
        return self._get_or_create(
            get_image_model(), self._images, relative, title or _title(relative)
        )

    def document(self, relative: str, title: str | None = None):
        return self._get_or_create(
            get_document_model(), self._documents, relative, title or _title(relative)
        )


def _title(relative: str) -> str:
    stem = Path(relative).name.split(".")[0]
    return stem.replace("-", " ").replace("_", " ").capitalize()


# Text helpers ---------------------------------------------------------------------


_TAGS = [("strong", "b"), ("em", "i")]


def rich(html: str) -> str:
    """Fixture HTML to Wagtail's rich-text storage format (<b>, <i>)."""
    for source, target in _TAGS:
        html = re.sub(rf"<(/?){source}>", rf"<\1{target}>", html)
    return html


def text(values, language: str) -> str:
    if isinstance(values, dict):
        return (values.get(language) or "").strip()
    return str(values or "")


def set_translated(obj, field: str, values, languages, transform=None) -> None:
    """Set ``field_en`` / ``field_es`` (and the base column, in English)."""
    for code in LANGUAGES:
        value = text(values, code) if code in languages else ""
        if value and transform:
            value = transform(value)
        setattr(obj, f"{field}_{code}", value or None)
    with translation.override("en"):
        setattr(obj, field, getattr(obj, f"{field}_en") or "")


def set_stream(page, field: str, streams: dict[str, list]) -> None:
    for code in LANGUAGES:
        stream = streams.get(code) or []
        setattr(
            page,
            f"{field}_{code}",
            json.dumps(stream, cls=DjangoJSONEncoder) if stream else None,
        )
    with translation.override("en"):
        setattr(page, field, getattr(page, f"{field}_en"))


def block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


# Blocks -------------------------------------------------------------------------


def convertblock(spec: dict, language: str, media: MediaLibrary) -> dict:
    """One fixture block to the raw StreamField value of one language."""
    kind = spec["type"]
    t = lambda key: text(spec.get(key), language)  # noqa: E731
    if kind == "heading":
        return block(kind, {"text": t("text"), "level": str(spec.get("level", 2))})
    if kind == "paragraph":
        return block(kind, rich(t("text")))
    if kind == "image":
        image = media.image(spec["file"], text(spec.get("alt"), "en")[:80])
        return block(
            kind, {"image": image.pk, "alt": t("alt"), "caption": t("caption")}
        )
    if kind == "video":
        return block(kind, _video_value(spec, language, media))
    if kind == "document":
        document = media.document(spec["file"], text(spec.get("title"), "en"))
        return block(
            kind,
            {
                "document": document.pk,
                "title": t("title"),
                "description": t("description"),
            },
        )
    if kind == "callout":
        return block(
            kind,
            {"kind": spec["kind"], "title": t("title"), "text": rich(t("text"))},
        )
    if kind == "case_scenario":
        return block(
            kind,
            {
                "title": t("title"),
                "situation": rich(t("situation")),
                "prompts": [text(p, language) for p in spec.get("prompts", [])],
                "commentary": rich(t("commentary")),
            },
        )
    if kind == "do_dont":
        return block(
            kind,
            {
                "title": t("title"),
                "do": [text(item, language) for item in spec.get("do", [])],
                "dont": [text(item, language) for item in spec.get("dont", [])],
            },
        )
    if kind == "checklist":
        return block(
            kind,
            {
                "title": t("title"),
                "items": [text(item, language) for item in spec.get("items", [])],
            },
        )
    if kind == "glossary_term":
        return block(kind, {"term": t("term"), "definition": t("definition")})
    if kind == "sources":
        return block(
            kind,
            {
                "title": t("title"),
                "items": [rich(text(item, language)) for item in spec.get("items", [])],
            },
        )
    if kind == "knowledge_check":
        return block(
            kind,
            {
                "question": t("question"),
                "choices": [
                    {
                        "text": text(choice["text"], language),
                        "correct": bool(choice.get("correct")),
                        "feedback": text(choice.get("feedback"), language),
                    }
                    for choice in spec.get("choices", [])
                ],
            },
        )
    raise FixtureError(f"unknown block type {kind!r}")


def _video_value(spec: dict, language: str, media: MediaLibrary) -> dict:
    spec = resolve_video(spec, media.root)
    title = text(spec.get("title"), "en")
    video = media.document(spec["file"], title)
    # A poster per language ({"en": ..., "es": ...}): each body shows its own.
    poster_file = text(spec.get("poster"), language)
    poster = media.image(poster_file, title) if poster_file else None
    captions = [
        {
            "language": code,
            "file": media.document(path, f"{title} ({code})").pk,
        }
        for code, path in spec.get("captions", {}).items()
    ]
    return {
        "video": video.pk,
        "title": text(spec.get("title"), language),
        "poster": poster.pk if poster else None,
        "captions": captions,
        "transcript": rich(text(spec.get("transcript"), language)),
        "duration_seconds": round(spec["duration_seconds"])
        if spec.get("duration_seconds")
        else None,
    }


def convert_body(blocks: list[dict], languages, media: MediaLibrary) -> dict:
    return {
        code: [convertblock(spec, code, media) for spec in blocks]
        for code in LANGUAGES
        if code in languages
    }
