"""Bench courses: fixture folders written from the demo fixtures, imported through
``lms.demo.fixture_import`` (the path ``load_demo_data`` takes). Called by
``lms.demo.bench.seed``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.utils import translation

from courses.models import CoursePage
from lms.demo.courses import (
    COURSE_FIXTURES,
    MEDIA_FIXTURES,
    ensure_catalogue,
    ensure_demo_signatory,
    ensure_home_page,
    ensure_topics,
)
from lms.demo.fixture_import import MediaLibrary, import_course

KEY_PREFIX = "bench-"
MODULES = 4
LESSONS_PER_MODULE = 4
QUIZ_QUESTIONS = 20


def _fixture(relative: str) -> dict:
    return json.loads((COURSE_FIXTURES / relative).read_text(encoding="utf-8"))


def _lesson_files() -> list[Path]:
    files = sorted(COURSE_FIXTURES.glob("*/*.json"))
    return [
        p for p in files if json.loads(p.read_text("utf-8")).get("type") == "lesson"
    ]


def _bilingual(en: str, es: str) -> dict:
    return {"en": en, "es": es}


def write_course_folder(folder: Path, number: int, lessons: list[Path]) -> None:
    """A fixture folder (fixtures/courses/SCHEMA.md) for bench course ``number``:
    the demo lessons in rotation, the demo final assessment's first 20 questions and
    one optional interview practice (the motel welfare check) in module 1.
    """
    base = _fixture("victim-centered/course.json")
    quiz = _fixture("victim-centered/final-assessment.json")
    quiz.update(
        slug=_bilingual(f"final-quiz-{number}", f"cuestionario-final-{number}"),
        draw=None,
        max_attempts=None,
        cooldown_minutes=0,
        questions=quiz["questions"][:QUIZ_QUESTIONS],
    )
    (folder / "quiz.json").write_text(json.dumps(quiz), encoding="utf-8")
    # One interview practice in the first module, not required, so completions
    # stay as the records make them (the bench's practice rows play it).
    practice = _fixture("victim-centered/practice-motel-welfare-check.json")
    practice.pop("objectives", None)
    practice["required"] = False
    (folder / "practice.json").write_text(json.dumps(practice), encoding="utf-8")
    modules = []
    for m in range(MODULES):
        items = []
        for i in range(LESSONS_PER_MODULE):
            source = lessons[(number * 7 + m * LESSONS_PER_MODULE + i) % len(lessons)]
            lesson = json.loads(source.read_text("utf-8"))
            lesson["slug"] = _bilingual(
                f"lesson-{m + 1}-{i + 1}", f"leccion-{m + 1}-{i + 1}"
            )
            name = f"m{m + 1}-l{i + 1}.json"
            (folder / name).write_text(json.dumps(lesson), encoding="utf-8")
            items.append(name)
        if m == 0:
            items.append("practice.json")
        if m == MODULES - 1:
            items.append("quiz.json")
        modules.append(
            {
                "title": _bilingual(f"Module {m + 1}", f"Módulo {m + 1}"),
                "slug": _bilingual(f"module-{m + 1}", f"modulo-{m + 1}"),
                "intro": base["modules"][m]["intro"],
                "items": items,
            }
        )
    spec = {
        **base,
        "key": f"{KEY_PREFIX}{number:02d}",
        "title": _bilingual(
            f"{base['title']['en']} ({number})", f"{base['title']['es']} ({number})"
        ),
        "slug": _bilingual(f"bench-course-{number}", f"curso-bench-{number}"),
        "prerequisites": [],
        # Odd courses certify on completion, even ones wait for an administrator.
        "certificate": {
            **base["certificate"],
            "issue_mode": "automatic" if number % 2 else "approval",
        },
        "modules": modules,
    }
    (folder / "course.json").write_text(json.dumps(spec), encoding="utf-8")


def build_courses(count: int) -> list[CoursePage]:
    with translation.override("en"):
        catalogue = ensure_catalogue(ensure_home_page())
        topics = ensure_topics()
        signatory = ensure_demo_signatory()
        media = MediaLibrary(MEDIA_FIXTURES)
        lessons = _lesson_files()
        courses = []
        for number in range(1, count + 1):
            with tempfile.TemporaryDirectory() as tmp:
                write_course_folder(Path(tmp), number, lessons)
                courses.append(
                    import_course(
                        catalogue,
                        Path(tmp),
                        media=media,
                        topics=topics,
                        signatory=signatory,
                    )
                )
    return courses
