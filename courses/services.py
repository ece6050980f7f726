"""The door other apps use into courses: outlines, positions and quiz keys.

Outlines and positions are read in ``courses.outline`` (the models use them too) and
offered here for lms. The answer key is read here and nowhere else: ``get_quiz_key``
(one query, then kept in the cache, which only servers read) and ``get_answer_key``
(questions already loaded with their choices) are the only readers of
``Choice.is_correct``; lms grades and gives feedback on top of them, and never
passes a key to a template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from courses.cache import remember
from courses.models import (
    Choice,
    InterviewPracticePage,
    PracticeNode,
    PracticeOption,
    Question,
    QuizPage,
)
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
    "PracticeGraph",
    "OutlineItem",
    "OutlineModule",
    "QuestionKey",
    "get_answer_key",
    "get_course_outline",
    "get_course_outlines",
    "get_course_position",
    "get_practice_graph",
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
    """The answer key of a quiz, by question id: one cache read, or one query.

    Reads the published questions and choices (the rows Wagtail writes on
    publish), kept under the content generation (``courses.cache.remember``) that
    any page, question or choice change moves on, so a republished key is graded
    at once. For lms's grading only: never pass it to a template.
    """
    quiz_id = quiz if isinstance(quiz, int) else quiz.pk
    return remember(f"quiz-key:{quiz_id}", lambda: _read_quiz_key(quiz_id))


def _read_quiz_key(quiz_id: int) -> dict[int, QuestionKey]:
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


@dataclass(frozen=True)
class PracticeGraph:
    """A published practice's conversation: its nodes (with their options loaded,
    in authoring order) by key. Texts translate themselves when read; kinds,
    feedback and targets are for lms's services only, never for a template."""

    practice_id: int
    start_key: str
    nodes: dict[str, PracticeNode]

    def node(self, key: str) -> PracticeNode | None:
        return self.nodes.get(key)

    def options(self, key: str) -> list[PracticeOption]:
        node = self.nodes.get(key)
        return list(node.options.all()) if node is not None else []

    def option(self, key: str, option_id: int) -> PracticeOption | None:
        return next((o for o in self.options(key) if o.pk == option_id), None)


def get_practice_graph(practice: InterviewPracticePage | int) -> PracticeGraph:
    """The published graph of a practice: two queries (three given an id)."""
    if isinstance(practice, int):
        practice_id = practice
        start_key = (
            InterviewPracticePage.objects.filter(pk=practice)
            .values_list("start_key", flat=True)
            .first()
        ) or ""
    else:
        practice_id, start_key = practice.pk, practice.start_key
    nodes = (
        PracticeNode.objects.filter(page_id=practice_id)
        .order_by("sort_order", "pk")
        .prefetch_related(
            Prefetch(
                "options", queryset=PracticeOption.objects.order_by("sort_order", "pk")
            )
        )
    )
    return PracticeGraph(
        practice_id=practice_id,
        start_key=start_key,
        nodes={node.key: node for node in nodes},
    )
