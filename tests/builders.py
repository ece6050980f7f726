"""The one builder of published, bilingual course trees for tests.

``make_course(home_or_catalogue, modules=3, lessons_per_module=2)`` returns a
``BuiltCourse`` whose pages are live (one revision each, as publishing leaves them),
with every readable field in English and Spanish unless ``languages=("en",)``.
Independent of the demo fixtures: only the importer's page-publishing helper is used.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from decimal import Decimal

from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    ModulePage,
    Question,
    QuizPage,
    Topic,
)
from lms.demo.fixture_import import add_published_page, set_translated
from lms.demo.practice_import import build_practice

_serial = itertools.count(1)

# Markers a test can look for in rendered HTML.
FEEDBACK_MARKER = "feedback-marker"
EXPLANATION_MARKER = "explanation-marker"


def _set(obj, name: str, en: str, es: str, languages=("en", "es")) -> None:
    set_translated(obj, name, {"en": en, "es": es}, languages)


def _stream(blocks: list[tuple[str, object]]) -> str:
    return json.dumps(
        [
            {"type": kind, "value": value, "id": f"b{index}"}
            for index, (kind, value) in enumerate(blocks)
        ]
    )


def _titled(page, en: str, es: str, slug: str, languages=("en", "es")):
    _set(page, "title", en, es, languages)
    _set(page, "slug", slug, f"{slug}-es", languages)
    return page


def make_catalogue(home: HomePage) -> CourseIndexPage:
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = _titled(CourseIndexPage(), "Courses", "Cursos", "courses")
        _set(catalogue, "intro", "All courses.", "Todos los cursos.")
        add_published_page(home, catalogue)
    return catalogue


def make_topic(slug: str, en: str, es: str) -> Topic:
    topic = Topic(slug=slug)
    _set(topic, "name", en, es)
    topic.save()
    return topic


@dataclass
class BuiltCourse:
    course: CoursePage
    modules: list[ModulePage] = field(default_factory=list)
    lessons: list[LessonPage] = field(default_factory=list)
    quizzes: list[QuizPage] = field(default_factory=list)


def lesson_body(n: int, language: str) -> str:
    if language == "es":
        return _stream(
            [
                ("heading", {"text": f"Sección {n}", "level": "2"}),
                ("paragraph", f"<p>Lea esto. Texto de la lección {n}.</p>"),
                (
                    "callout",
                    {"kind": "key_point", "title": "Clave", "text": "<p>Idea.</p>"},
                ),
            ]
        )
    return _stream(
        [
            ("heading", {"text": f"Section {n}", "level": "2"}),
            ("paragraph", f"<p>Read this. Text of lesson {n}.</p>"),
            ("callout", {"kind": "key_point", "title": "Key", "text": "<p>Idea.</p>"}),
        ]
    )


def make_lesson(module: ModulePage, languages=("en", "es")) -> LessonPage:
    n = next(_serial)
    lesson = _titled(
        LessonPage(duration_minutes=10),
        f"Lesson {n}",
        f"Lección {n}",
        f"lesson-{n}",
        languages,
    )
    _set(lesson, "summary", f"Summary {n}.", f"Resumen {n}.", languages)
    _set(lesson, "body", lesson_body(n, "en"), lesson_body(n, "es"), languages)
    return add_published_page(module, lesson)


def _make_choices(index: int, kind: str, languages) -> list[Choice]:
    """A, B, C (True, False for true/false); the first is right, and for a
    multiple-choice question the second too."""
    labels = ["True", "False"] if kind == "true_false" else ["A", "B", "C"]
    choices = []
    for c_index, label in enumerate(labels):
        correct = c_index == 0 or (kind == "multiple" and c_index == 1)
        choice = Choice(is_correct=correct, sort_order=c_index)
        _set(choice, "text", f"Choice {label}", f"Opción {label}", languages)
        _set(
            choice,
            "feedback",
            f"{FEEDBACK_MARKER} {index}{label}",
            f"{FEEDBACK_MARKER} es {index}{label}",
            languages,
        )
        choices.append(choice)
    return choices


def make_quiz(
    module: ModulePage,
    *,
    questions: int = 3,
    kinds=None,
    languages=("en", "es"),
    **settings,
) -> QuizPage:
    """A live quiz of ``questions`` questions whose kinds cycle through ``kinds``
    (``["single"]`` by default); ``settings`` are QuizPage fields."""
    n = next(_serial)
    quiz = _titled(
        QuizPage(**settings), f"Quiz {n}", f"Cuestionario {n}", f"quiz-{n}", languages
    )
    _set(quiz, "intro", "Check what you learned.", "Compruebe lo aprendido.", languages)
    kinds = kinds or ["single"]
    built = []
    for index in range(questions):
        kind = kinds[index % len(kinds)]
        question = Question(kind=kind, points=1, sort_order=index)
        _set(
            question,
            "text",
            f"Question {index + 1}?",
            f"¿Pregunta {index + 1}?",
            languages,
        )
        _set(
            question,
            "explanation",
            f"Because. {EXPLANATION_MARKER} {index}",
            f"Porque sí. {EXPLANATION_MARKER} es {index}",
            languages,
        )
        question.choices = _make_choices(index, kind, languages)
        built.append(question)
    quiz.questions = built
    return add_published_page(module, quiz)


def _catalogue_for(parent: HomePage | CourseIndexPage | None) -> CourseIndexPage:
    if isinstance(parent, CourseIndexPage):
        return parent
    return make_catalogue(parent or HomePage.objects.get())


def make_course(
    parent: HomePage | CourseIndexPage | None = None,
    *,
    modules: int = 3,
    lessons_per_module: int = 2,
    quiz: bool = True,
    questions: int = 3,
    quiz_settings: dict | None = None,
    languages=("en", "es"),
    topics=(),
    credit_hours: str | Decimal = "2.5",
    summary: str | None = None,
    content_note: bool = True,
    **course_fields,
) -> BuiltCourse:
    """A live course in the catalogue (``parent`` is the home page or the
    catalogue); ``course_fields`` are further CoursePage fields."""
    catalogue = _catalogue_for(parent)
    n = next(_serial)
    course = _titled(
        CoursePage(
            credit_hours=Decimal(credit_hours),
            languages=",".join(languages),
            topics=list(topics),
            **course_fields,
        ),
        f"Course {n}",
        f"Curso {n}",
        f"course-{n}",
        languages,
    )
    _set(
        course,
        "summary",
        summary or f"Summary of course {n}.",
        f"Resumen del curso {n}.",
        languages,
    )
    _set(course, "description", "<p>About.</p>", "<p>Acerca de.</p>", languages)
    _set(course, "audience", "Officers.", "Policías.", languages)
    if content_note:
        _set(
            course,
            "content_note",
            "<p>Hard topic. This course discusses harm.</p>",
            "<p>Tema difícil: este curso trata temas difíciles.</p>",
            languages,
        )
    _set(
        course,
        "objectives",
        _stream([("objective", "Explain it.")]),
        _stream([("objective", "Explicarlo.")]),
        languages,
    )
    add_published_page(catalogue, course)
    built = BuiltCourse(course=course)
    for m in range(modules):
        module = _titled(
            ModulePage(),
            f"Module {n}.{m}",
            f"Módulo {n}.{m}",
            f"module-{m}",
            languages,
        )
        _set(module, "intro", "Intro.", "Introducción.", languages)
        add_published_page(course, module)
        built.modules.append(module)
        for _lesson in range(lessons_per_module):
            built.lessons.append(make_lesson(module, languages))
        if quiz:
            built.quizzes.append(
                make_quiz(
                    module,
                    questions=questions,
                    languages=languages,
                    **(quiz_settings or {}),
                )
            )
    return built


# Interview practices ------------------------------------------------------------

COACHING_MARKER = "coaching-marker"


def _both_texts(en: str, es: str) -> dict:
    return {"en": en, "es": es}


def _option(kind, en, es, target, n, *, appropriate=False) -> dict:
    return {
        "text": _both_texts(en, es),
        "kind": kind,
        "appropriate": appropriate,
        "feedback": _both_texts(
            f"{COACHING_MARKER} {n} en", f"{COACHING_MARKER} {n} es"
        ),
        "next": target,
    }


def practice_spec(n: int, **completion) -> dict:
    """A small practice in the fixture format (notes/PRACTICE.md): two points of
    conversation and two endings. At ``n-start``: invitation, option-posing, harmful
    and rapport; at ``n-account``: cued invitation, an inappropriate directive,
    suggestive and closing. Feedback texts carry ``COACHING_MARKER``."""
    return {
        "type": "practice",
        "title": _both_texts(f"Practice {n}", f"Práctica {n}"),
        "slug": _both_texts(f"practice-{n}", f"practica-{n}"),
        "summary": _both_texts("A first contact.", "Un primer contacto."),
        "duration_minutes": 10,
        "case": {
            "setting": _both_texts("<p>A bus station.</p>", "<p>Una central.</p>"),
            "young_person": _both_texts("Ana, 14, tired.", "Ana, 14 años, cansada."),
            "age": 14,
            "language": _both_texts("Spanish", "Español"),
            "known": _both_texts("<p>She was reported missing.</p>", "<p>Reporte.</p>"),
            "safety": _both_texts("<p>A man waits outside.</p>", "<p>Un hombre.</p>"),
        },
        "completion": {
            "min_recommended_percent": 70,
            "allow_harmful": False,
            **completion,
        },
        "start": "n-start",
        "nodes": [
            {
                "key": "n-start",
                "says": _both_texts("I'm fine.", "Estoy bien."),
                "context": _both_texts("She looks at the door.", "Mira la puerta."),
                "options": [
                    _option(
                        "invitation",
                        "Tell me what happened today.",
                        "Cuéntame qué pasó hoy.",
                        "n-account",
                        "a1",
                    ),
                    _option(
                        "option_posing",
                        "Did he bring you here?",
                        "¿Él te trajo aquí?",
                        "n-account",
                        "a2",
                    ),
                    _option(
                        "harmful",
                        "Why did you run away?",
                        "¿Por qué te escapaste?",
                        "end-shutdown",
                        "a3",
                    ),
                    _option(
                        "rapport",
                        "You are not in trouble.",
                        "No estás en problemas.",
                        "n-account",
                        "a4",
                    ),
                ],
            },
            {
                "key": "n-account",
                "says": _both_texts("He took my phone.", "Me quitó el celular."),
                "options": [
                    _option(
                        "cued_invitation",
                        "Tell me more about the phone.",
                        "Cuéntame más del celular.",
                        "end-handover",
                        "b1",
                    ),
                    _option(
                        "directive",
                        "Where is the phone now?",
                        "¿Dónde está el celular?",
                        "end-handover",
                        "b2",
                    ),
                    _option(
                        "suggestive",
                        "He took it to control you, didn't he?",
                        "Te lo quitó para controlarte, ¿verdad?",
                        "end-shutdown",
                        "b3",
                    ),
                    _option(
                        "closing",
                        "Thank you for telling me.",
                        "Gracias por decírmelo.",
                        "end-handover",
                        "b4",
                    ),
                ],
            },
            {
                "key": "end-handover",
                "ending": True,
                "says": _both_texts("Okay.", "Está bien."),
                "debrief": _both_texts(
                    "<p>Hand over to the forensic interviewer.</p>",
                    "<p>Canalice a la entrevista forense.</p>",
                ),
            },
            {
                "key": "end-shutdown",
                "ending": True,
                "says": _both_texts("I don't know.", "No sé."),
                "debrief": _both_texts(
                    "<p>She shut down: stop and hand over.</p>",
                    "<p>Se cerró: deténgase y canalice.</p>",
                ),
            },
        ],
    }


def make_practice(module: ModulePage, *, languages=("en", "es"), spec=None, **kw):
    """A live interview practice under ``module`` (``practice_spec`` by default;
    ``kw`` go to its completion rule, ``required=False`` makes it optional)."""
    required = kw.pop("required", True)
    spec = spec or practice_spec(next(_serial), **kw)
    spec = {**spec, "required": required}
    return add_published_page(module, build_practice(spec, languages))
