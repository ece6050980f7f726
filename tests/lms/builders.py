"""Small builders of bilingual course trees for lms tests.

``make_course(modules=3, lessons_per_module=2, quiz=True)`` returns a ``BuiltCourse``
with its pages in course order. Every readable field has English and Spanish, so
pages serve under /en/ and /es/.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    Question,
    QuizPage,
)

_counter = itertools.count(1)


def _both(obj, name: str, en: str, es: str) -> None:
    setattr(obj, name, en)
    setattr(obj, f"{name}_en", en)
    setattr(obj, f"{name}_es", es)


def _titled(page, en: str, es: str, slug: str):
    _both(page, "title", en, es)
    _both(page, "slug", slug, f"{slug}-es")
    return page


def get_catalogue(home):
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = _titled(CourseIndexPage(), "Courses", "Cursos", "courses")
        home.add_child(instance=catalogue)
    return catalogue


@dataclass
class BuiltCourse:
    course: CoursePage
    modules: list[ModulePage] = field(default_factory=list)
    lessons: list[LessonPage] = field(default_factory=list)
    quizzes: list[QuizPage] = field(default_factory=list)


def make_quiz(module, *, questions: int = 3, kinds=None, **settings) -> QuizPage:
    n = next(_counter)
    quiz = _titled(QuizPage(**settings), f"Quiz {n}", f"Cuestionario {n}", f"quiz-{n}")
    _both(quiz, "intro", "Check what you learned.", "Compruebe lo aprendido.")
    module.add_child(instance=quiz)
    kinds = kinds or ["single"]
    for index in range(questions):
        kind = kinds[index % len(kinds)]
        question = Question(quiz=quiz, kind=kind, sort_order=index, points=1)
        _both(question, "text", f"Question {index + 1}?", f"¿Pregunta {index + 1}?")
        _both(question, "explanation", "Because.", "Porque sí.")
        question.save()
        labels = ["True", "False"] if kind == "true_false" else ["A", "B", "C"]
        for c_index, label in enumerate(labels):
            correct = c_index == 0 or (kind == "multiple" and c_index == 1)
            choice = Choice(question=question, sort_order=c_index, is_correct=correct)
            _both(choice, "text", f"Choice {label}", f"Opción {label}")
            _both(choice, "feedback", "", "")
            choice.save()
    return quiz


def make_course(
    home,
    *,
    modules: int = 2,
    lessons_per_module: int = 2,
    quiz: bool = True,
    content_note: bool = True,
    quiz_settings: dict | None = None,
    questions: int = 3,
    **course_fields,
) -> BuiltCourse:
    n = next(_counter)
    course = _titled(
        CoursePage(
            credit_hours=course_fields.pop("credit_hours", Decimal("2.5")),
            languages="en,es",
            **course_fields,
        ),
        f"Course {n}",
        f"Curso {n}",
        f"course-{n}",
    )
    _both(course, "summary", "A course.", "Un curso.")
    _both(course, "description", "<p>About it.</p>", "<p>Acerca de.</p>")
    note = "<p>This course discusses harm.</p>" if content_note else ""
    note_es = "<p>Este curso trata temas difíciles.</p>" if content_note else ""
    _both(course, "content_note", note, note_es)
    get_catalogue(home).add_child(instance=course)
    built = BuiltCourse(course=course)
    for m in range(modules):
        module = _titled(
            ModulePage(), f"Module {n}.{m}", f"Módulo {n}.{m}", f"module-{n}-{m}"
        )
        course.add_child(instance=module)
        built.modules.append(module)
        for index in range(lessons_per_module):
            lesson = _titled(
                LessonPage(duration_minutes=10),
                f"Lesson {n}.{m}.{index}",
                f"Lección {n}.{m}.{index}",
                f"lesson-{n}-{m}-{index}",
            )
            _both(lesson, "summary", "A lesson.", "Una lección.")
            body = [("paragraph", "<p>Read this.</p>")]
            body_es = [("paragraph", "<p>Lea esto.</p>")]
            lesson.body = body
            lesson.body_en = body
            lesson.body_es = body_es
            module.add_child(instance=lesson)
            built.lessons.append(lesson)
        if quiz:
            built.quizzes.append(
                make_quiz(module, questions=questions, **(quiz_settings or {}))
            )
    return built
