"""Question statistics: for each quiz question, how many graded attempts drew it,
the share answered correctly, the most chosen wrong answer, and a flag when almost
everyone gets it right (≥ 90 %) or wrong (≤ 30 %).

Read from graded ``QuizAttempt`` rows against the current answer key
(``courses.services.get_answer_key``), in three queries whatever the number of
attempts. Called by ``lms.reports.views.questions``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from courses.models import Choice
from courses.services import get_answer_key
from lms.models import AttemptStatus, QuizAttempt

EASY_AT = 90  # % correct at or above: almost everyone gets it right
HARD_AT = 30  # % correct at or below: almost everyone gets it wrong
FLAG_EASY = _("Too easy?")
FLAG_HARD = _("Too hard?")


@dataclass
class QuestionStats:
    question: object
    attempts: int = 0
    correct: int = 0
    wrong_choices: Counter = field(default_factory=Counter)
    most_chosen_wrong: object = None  # a Choice
    most_chosen_wrong_count: int = 0

    @property
    def percent_correct(self) -> int | None:
        if not self.attempts:
            return None
        return round(100 * self.correct / self.attempts)

    @property
    def flag(self) -> str:
        percent = self.percent_correct
        if percent is None:
            return ""
        if percent >= EASY_AT:
            return str(FLAG_EASY)
        if percent <= HARD_AT:
            return str(FLAG_HARD)
        return ""

    @property
    def is_flagged(self) -> bool:
        return bool(self.flag)


def _position(choice) -> int:
    return (choice.sort_order or 0) if choice is not None else 1_000_000


def get_question_statistics(questions) -> list[QuestionStats]:
    """Statistics for ``questions`` (with ``quiz`` selected), in their order."""
    questions = list(questions)
    if not questions:
        return []
    stats = {q.pk: QuestionStats(question=q) for q in questions}
    prefetch_related_objects(
        questions,
        Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk")),
    )
    choices = {choice.pk: choice for q in questions for choice in q.choices.all()}
    key = get_answer_key(questions)  # correctness from courses, not the choices
    correct = {
        q.pk: set(key[q.pk].correct_choice_ids) if q.pk in key else set()
        for q in questions
    }
    attempts = (
        QuizAttempt.objects.filter(
            status=AttemptStatus.GRADED,
            quiz_id__in={q.quiz_id for q in questions},
        )
        .values_list("questions", "answers")
        .iterator(chunk_size=2000)
    )
    for drawn, answers in attempts:
        answers = answers or {}
        for entry in drawn or []:
            entry_stats = stats.get(entry.get("id"))
            if entry_stats is None:
                continue
            question_id = entry["id"]
            entry_stats.attempts += 1
            chosen = set(answers.get(str(question_id), []))
            if chosen and chosen == correct[question_id]:
                entry_stats.correct += 1
            else:
                entry_stats.wrong_choices.update(
                    c for c in chosen if c not in correct[question_id]
                )
    for entry in stats.values():
        if entry.wrong_choices:
            # Ties go to the choice shown first.
            best = max(
                entry.wrong_choices.items(),
                key=lambda item: (item[1], -_position(choices.get(item[0]))),
            )
            entry.most_chosen_wrong = choices.get(best[0])
            entry.most_chosen_wrong_count = best[1]
    return [stats[q.pk] for q in questions]
