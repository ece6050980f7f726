"""A course's pages as plain data (the shape of fixtures/courses/, SCHEMA.md).

``courses.quality`` and ``courses.hours`` judge plain data; this is how the admin's
hours panel and quality report give them a course from the database. Reads each
page's latest draft, as the translation report does, and imports no model (the
panels that call it are used by the models).
"""

from __future__ import annotations

from wagtail.documents import get_document_model
from wagtail.models import Page

from courses.hours import LANGUAGES, video_duration_seconds


def latest(page: Page) -> Page:
    return (
        page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    )


def page_id(page: Page) -> str:
    return f"page:{page.pk}"


def translated(obj, name: str) -> dict:
    return {code: getattr(obj, f"{name}_{code}", None) or "" for code in LANGUAGES}


def objectives_data(page: Page, field: str) -> list[dict]:
    """A course's objectives from both languages' streams, matched by key (old,
    keyless objectives by position)."""
    entries: dict = {}
    for code in LANGUAGES:
        for index, block in enumerate(getattr(page, f"{field}_{code}", None) or []):
            keyed = block.block_type == "keyed_objective"
            key = (block.value.get("key") or None) if keyed else None
            entry = entries.setdefault(
                key or ("#", index), {"key": key, "text": {}, "course_objectives": []}
            )
            entry["text"][code] = block.value.get("text", "") if keyed else block.value
    return list(entries.values())


def split_keys(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def lesson_data(page: Page, durations: dict) -> dict:
    body = {}
    for code in LANGUAGES:
        stream = getattr(page, f"body_{code}", None)
        blocks = [dict(block) for block in (stream.raw_data if stream else [])]
        for block in blocks:
            value = block.get("value")
            if (
                block.get("type") == "video"
                and isinstance(value, dict)
                and not value.get("duration_seconds")
            ):
                seconds = durations.get(value.get("video"))
                block["value"] = {**value, "duration_seconds": seconds}
        body[code] = blocks
    return {
        "type": "lesson",
        "file": page_id(page),
        "label": page.get_admin_display_title(),
        "page": page,
        "duration_minutes": page.duration_minutes,
        "body": body,
    }


def quiz_data(page: Page) -> dict:
    questions = []
    for question in page.questions.all().prefetch_related("choices", "lessons"):
        questions.append(
            {
                "kind": question.kind,
                "text": translated(question, "text"),
                "explanation": translated(question, "explanation"),
                "objectives": split_keys(getattr(question, "objective_keys", "")),
                "lessons": [page_id(lesson) for lesson in question.lessons.all()],
                "choices": [
                    {
                        "text": translated(choice, "text"),
                        "correct": choice.is_correct,
                        "feedback": translated(choice, "feedback"),
                    }
                    for choice in question.choices.all()
                ],
            }
        )
    return {
        "type": "quiz",
        "file": page_id(page),
        "label": page.get_admin_display_title(),
        "page": page,
        "draw": page.draw_count,
        "max_attempts": page.max_attempts,
        "cooldown_minutes": page.cooldown_minutes,
        "required": page.required_for_completion,
        "final": (page.slug_en or page.slug or "").startswith("final"),
        "questions": questions,
    }


def practice_data(page: Page) -> dict:
    """An interview practice as ``courses.hours`` counts it (its duration)."""
    return {
        "type": "practice",
        "file": page_id(page),
        "label": page.get_admin_display_title(),
        "page": page,
        "duration_minutes": page.duration_minutes,
    }


def video_durations(pages: list[Page]) -> dict[int, float | None]:
    """``{document id: seconds}`` for the videos that do not state their duration,
    read from the files' headers (one query)."""
    wanted = {
        block["value"].get("video")
        for page in pages
        for code in LANGUAGES
        for block in (
            getattr(getattr(page, f"body_{code}", None), "raw_data", None) or []
        )
        if block.get("type") == "video"
        and isinstance(block.get("value"), dict)
        and not block["value"].get("duration_seconds")
    }
    wanted.discard(None)
    durations = {}
    for document in get_document_model().objects.filter(pk__in=wanted):
        try:
            with document.file.open("rb") as stream:
                durations[document.pk] = video_duration_seconds(
                    stream, document.file.name
                )
        except OSError:
            durations[document.pk] = None
    return durations


def course_content_data(course: Page) -> dict:
    """The course, its modules and their lessons, quizzes and practices, as plain
    data."""
    course = latest(course)
    pages = [latest(page) for page in course.get_descendants().specific()]
    pages.sort(key=lambda page: page.path)
    durations = video_durations(pages)
    modules = []
    for page in pages:
        if page.depth == course.depth + 1:
            modules.append(
                {
                    "title": {
                        code: getattr(page, f"title_{code}", "") for code in LANGUAGES
                    },
                    "label": page.get_admin_display_title(),
                    "objectives": [
                        {
                            "key": row.key,
                            "text": translated(row, "text"),
                            "course_objectives": split_keys(row.course_objectives),
                        }
                        for row in page.objectives.all()
                    ],
                    "items": [],
                }
            )
        elif modules and page.depth == course.depth + 2:
            if hasattr(page, "draw_count"):
                modules[-1]["items"].append(quiz_data(page))
            elif hasattr(page, "start_key"):  # an interview practice
                modules[-1]["items"].append(practice_data(page))
            elif hasattr(page, "body"):
                modules[-1]["items"].append(lesson_data(page, durations))
    _mark_final(modules)
    return {
        "key": course.import_key or course.slug,
        "label": course.get_admin_display_title(),
        "page": course,
        "languages": course.language_codes,
        "credit_hours": float(course.credit_hours)
        if course.credit_hours is not None
        else None,
        "objectives": objectives_data(course, "objectives"),
        "modules": modules,
    }


def _mark_final(modules: list[dict]) -> None:
    """A last module of quizzes only holds the course's final assessment."""
    if len(modules) < 2:
        return
    items = modules[-1]["items"]
    if items and all(item["type"] == "quiz" for item in items):
        for item in items:
            item["final"] = True
