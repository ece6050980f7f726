"""Build a course's page tree from a fixture folder (fixtures/courses/SCHEMA.md).

Called by ``lms.demo.courses.load_demo_courses``. Media files under fixtures/assets/
become Wagtail images and documents, found again by content hash, so importing
twice never duplicates them.
"""

from __future__ import annotations

import json
import re
import uuid
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.utils.file import hash_filelike

from courses.forms import choice_rule_error
from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    Question,
    QuizPage,
    Topic,
)
from courses.signals import forget_public_pages

LANGUAGES = ("en", "es")


class FixtureError(ValueError):
    """A fixture file does not follow SCHEMA.md; the message names the file."""


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise FixtureError(f"{path}: {error}") from error


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


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


# Blocks -------------------------------------------------------------------------


def convert_block(spec: dict, language: str, media: MediaLibrary) -> dict:
    """One fixture block to the raw StreamField value of one language."""
    kind = spec["type"]
    t = lambda key: text(spec.get(key), language)  # noqa: E731
    if kind == "heading":
        return _block(kind, {"text": t("text"), "level": str(spec.get("level", 2))})
    if kind == "paragraph":
        return _block(kind, rich(t("text")))
    if kind == "image":
        image = media.image(spec["file"], text(spec.get("alt"), "en")[:80])
        return _block(
            kind, {"image": image.pk, "alt": t("alt"), "caption": t("caption")}
        )
    if kind == "video":
        return _block(kind, _video_value(spec, language, media))
    if kind == "document":
        document = media.document(spec["file"], text(spec.get("title"), "en"))
        return _block(
            kind,
            {
                "document": document.pk,
                "title": t("title"),
                "description": t("description"),
            },
        )
    if kind == "callout":
        return _block(
            kind,
            {"kind": spec["kind"], "title": t("title"), "text": rich(t("text"))},
        )
    if kind == "case_scenario":
        return _block(
            kind,
            {
                "title": t("title"),
                "situation": rich(t("situation")),
                "prompts": [text(p, language) for p in spec.get("prompts", [])],
                "commentary": rich(t("commentary")),
            },
        )
    if kind == "do_dont":
        return _block(
            kind,
            {
                "title": t("title"),
                "do": [text(item, language) for item in spec.get("do", [])],
                "dont": [text(item, language) for item in spec.get("dont", [])],
            },
        )
    if kind == "checklist":
        return _block(
            kind,
            {
                "title": t("title"),
                "items": [text(item, language) for item in spec.get("items", [])],
            },
        )
    if kind == "glossary_term":
        return _block(kind, {"term": t("term"), "definition": t("definition")})
    if kind == "knowledge_check":
        return _block(
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
    if "value_file" in spec:
        spec = read_json(media.root / spec["value_file"])
    title = text(spec.get("title"), "en")
    video = media.document(spec["file"], title)
    poster = media.image(spec["poster"], title) if spec.get("poster") else None
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
    }


def convert_body(blocks: list[dict], languages, media: MediaLibrary) -> dict:
    return {
        code: [convert_block(spec, code, media) for spec in blocks]
        for code in LANGUAGES
        if code in languages
    }


# Pages ----------------------------------------------------------------------------


def add_published_page(parent: Page, page: Page) -> Page:
    """Add a live page with one revision, as publishing would leave it."""
    page.live = True
    page.has_unpublished_changes = False
    parent.add_child(instance=page)
    publish_saved(page)
    return page


def publish_saved(page: Page) -> None:
    """Record the saved page as its published revision.

    ``save_revision().publish()`` would save the page, its questions and choices,
    its search entry and its references twice more; a demo import of ~50 pages
    then takes seconds longer, for log entries nobody needs.
    """
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    Page.objects.filter(pk=page.pk).update(
        live=True,
        live_revision=revision,
        latest_revision=revision,
        latest_revision_created_at=revision.created_at,
        draft_title=page.title,
        has_unpublished_changes=False,
        first_published_at=page.first_published_at or revision.created_at,
        last_published_at=revision.created_at,
    )
    # A queryset update sends no signal: cached routes still hold the unpublished row.
    forget_public_pages()


def _page_basics(page: Page, spec: dict, languages) -> None:
    set_translated(page, "title", spec["title"], languages)
    set_translated(page, "slug", spec["slug"], languages)


def import_course(
    catalogue: CourseIndexPage,
    folder: Path,
    *,
    media: MediaLibrary,
    topics: dict[str, Topic],
    signatory=None,
) -> CoursePage:
    """Create and publish one course, its modules, lessons and quizzes."""
    spec = read_json(folder / "course.json")
    languages = spec.get("languages") or ["en"]
    certificate = spec.get("certificate", {})
    course = CoursePage(
        import_key=spec["key"],
        credit_hours=Decimal(str(spec["credit_hours"])),
        languages=",".join(code for code in LANGUAGES if code in languages),
        enrollment_open=True,
        certificate_issue_mode=certificate.get("issue_mode", "automatic"),
        certificate_validity_months=certificate.get("validity_months"),
        signatory=signatory,
    )
    _page_basics(course, spec, languages)
    for field in ("summary", "audience"):
        set_translated(course, field, spec.get(field), languages)
    for field in ("description", "content_note"):
        set_translated(course, field, spec.get(field), languages, transform=rich)
    set_translated(course, "certificate_wording", certificate.get("wording"), languages)
    set_stream(
        course,
        "objectives",
        {
            code: [
                _block("objective", text(item, code))
                for item in spec.get("objectives", [])
            ]
            for code in LANGUAGES
            if code in languages
        },
    )
    card = f"images/course-{spec['key']}.png"
    if (media.root / card).is_file():
        course.card_image = media.image(card, text(spec["title"], "en"))
    course.topics = [topics[slug] for slug in spec.get("topics", [])]
    course.live = True
    try:
        catalogue.add_child(instance=course)
    except ValidationError as error:
        raise FixtureError(f"{folder / 'course.json'}: {error}") from error
    publish_saved(course)

    for module_spec in spec["modules"]:
        module = ModulePage()
        _page_basics(module, module_spec, languages)
        set_translated(module, "intro", module_spec.get("intro"), languages)
        add_published_page(course, module)
        for filename in module_spec["items"]:
            item = read_json(folder / filename)
            try:
                page = _build_item(item, languages, media)
                add_published_page(module, page)
            except (KeyError, ValidationError, FixtureError) as error:
                raise FixtureError(f"{folder / filename}: {error!r}") from error
    return course


def _build_item(spec: dict, languages, media: MediaLibrary) -> Page:
    if spec["type"] == "lesson":
        lesson = LessonPage(duration_minutes=spec.get("duration_minutes") or 15)
        _page_basics(lesson, spec, languages)
        set_translated(lesson, "summary", spec.get("summary"), languages)
        set_stream(lesson, "body", convert_body(spec["body"], languages, media))
        return lesson
    if spec["type"] == "quiz":
        return _build_quiz(spec, languages)
    raise FixtureError(f"unknown item type {spec['type']!r}")


def _build_quiz(spec: dict, languages) -> QuizPage:
    quiz = QuizPage(
        pass_mark=spec.get("pass_mark", 80),
        max_attempts=spec.get("max_attempts"),
        cooldown_minutes=spec.get("cooldown_minutes") or 0,
        time_limit_minutes=spec.get("time_limit_minutes"),
        shuffle_questions=spec.get("shuffle_questions", True),
        shuffle_choices=spec.get("shuffle_choices", True),
        draw_count=spec.get("draw"),
        reveal_policy=spec.get("reveal", "after_pass"),
        required_for_completion=spec.get("required", True),
    )
    _page_basics(quiz, spec, languages)
    set_translated(quiz, "intro", spec.get("intro"), languages)
    questions = []
    for number, question_spec in enumerate(spec["questions"], start=1):
        question = Question(
            kind=question_spec["kind"], points=question_spec.get("points", 1)
        )
        set_translated(question, "text", question_spec["text"], languages)
        set_translated(
            question, "explanation", question_spec.get("explanation"), languages
        )
        choices = []
        for choice_spec in question_spec["choices"]:
            choice = Choice(is_correct=bool(choice_spec.get("correct")))
            set_translated(choice, "text", choice_spec["text"], languages)
            set_translated(choice, "feedback", choice_spec.get("feedback"), languages)
            choices.append(choice)
        error = choice_rule_error(
            question.kind, len(choices), sum(c.is_correct for c in choices)
        )
        if error:
            raise FixtureError(f"question {number}: {error}")
        question.choices = choices
        questions.append(question)
    if quiz.draw_count and quiz.draw_count > len(questions):
        raise FixtureError(f"draw {quiz.draw_count} > {len(questions)} questions")
    quiz.questions = questions
    return quiz
