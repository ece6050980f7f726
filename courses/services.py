"""The door other apps use into courses: outlines, positions and quiz keys.

Outlines and positions are read in ``courses.outline`` (the models use them too) and
offered here for lms. The answer key is read here and nowhere else: ``get_quiz_key``
(one query) and ``get_answer_key`` (questions already loaded with their choices) are
the only readers of ``Choice.is_correct``; lms grades and gives feedback on top of
them, and never passes a key to a template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from courses.models import Choice, Question, QuizPage
from courses.outline import (
    CourseOutline,
    OutlineItem,
    OutlineModule,
    get_course_outline,
    get_course_outlines,
    get_course_position,
)

__all__ = [
    "CourseOutline",
    "OutlineItem",
    "OutlineModule",
    "QuestionKey",
    "get_answer_key",
    "get_course_outline",
    "get_course_outlines",
    "get_course_position",
    "get_quiz_key",
]


@dataclass(frozen=True)
class QuestionKey:
    """What grading and feedback need to know about one question."""

    question_id: int
    kind: str
    points: int
    choice_ids: frozenset[int]
    correct_choice_ids: frozenset[int]


def _build_key(
    rows: Iterable[tuple[int, str, int, int, bool]],
) -> dict[int, QuestionKey]:
    """``rows`` of (question id, kind, points, choice id, is correct), in order."""
    questions: dict[int, dict] = {}
    for question_id, kind, points, choice_id, is_correct in rows:
        entry = questions.setdefault(
            question_id,
            {"kind": kind, "points": points, "choices": set(), "correct": set()},
        )
        entry["choices"].add(choice_id)
        if is_correct:
            entry["correct"].add(choice_id)
    return {
        question_id: QuestionKey(
            question_id=question_id,
            kind=entry["kind"],
            points=entry["points"],
            choice_ids=frozenset(entry["choices"]),
            correct_choice_ids=frozenset(entry["correct"]),
        )
        for question_id, entry in questions.items()
    }


def get_quiz_key(quiz: QuizPage | int) -> dict[int, QuestionKey]:
    """The answer key of a quiz, by question id, read in one query.

    Reads the published questions and choices (the rows Wagtail writes on
    publish). For lms's grading only: never pass it to a template.
    """
    quiz_id = quiz if isinstance(quiz, int) else quiz.pk
    rows = (
        Choice.objects.filter(question__quiz_id=quiz_id)
        .order_by("question__sort_order", "question_id", "sort_order")
        .values_list(
            "question_id", "question__kind", "question__points", "pk", "is_correct"
        )
    )
    return _build_key(rows)


def get_answer_key(questions: Iterable[Question]) -> dict[int, QuestionKey]:
    """The key of ``questions`` whose choices are loaded already (prefetched), with
    no query: what the result page's feedback and the question statistics need
    beside the texts they show. Never pass it to a template either."""
    return _build_key(
        (question.pk, question.kind, question.points, choice.pk, choice.is_correct)
        for question in questions
        for choice in question.choices.all()
    )
