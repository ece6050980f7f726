"""What a result page offers to study: the lessons that teach the questions a learner
missed (``Question.lessons``, else every lesson of the quiz's module, as
``Question.get_teaching_lessons`` reads them), grouped so each lesson list shows once.

Called by ``review.get_attempt_result``. While the key is hidden it names the missed
questions but never a choice, and a question with only two choices is not named at
all: saying it was missed would give away its answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import prefetch_related_objects

from courses.models import LessonPage, QuestionKind, QuizPage

if TYPE_CHECKING:
    from lms.learning.services.review import QuestionFeedback


@dataclass
class StudyGroup:
    """Lessons to review, and the missed questions they teach (texts only)."""

    lessons: list[LessonPage]
    questions: list[str] = field(default_factory=list)


def _gives_answer_away(row: QuestionFeedback) -> bool:
    return row.question.kind != QuestionKind.MULTIPLE and len(row.choices) <= 2


def get_study_groups(
    rows: list[QuestionFeedback], quiz: QuizPage, *, revealed: bool
) -> list[StudyGroup]:
    """One group per distinct set of lessons, in the order of the first question
    that needs it. No query when nothing was missed; else one for the lessons the
    questions name, and one for the module's when a question names none."""
    missed = [row for row in rows if not row.is_right]
    if not missed:
        return []
    prefetch_related_objects([row.question for row in missed], "lessons")
    module_lessons: list[LessonPage] | None = None
    groups: dict[tuple[int, ...], StudyGroup] = {}
    for row in missed:
        lessons = sorted(
            (lesson for lesson in row.question.lessons.all() if lesson.live),
            key=lambda lesson: lesson.path,
        )
        if not lessons:
            if module_lessons is None:
                module_lessons = list(
                    LessonPage.objects.live().sibling_of(quiz).order_by("path")
                )
            lessons = module_lessons
        if not lessons:
            continue
        group = groups.setdefault(
            tuple(lesson.pk for lesson in lessons), StudyGroup(lessons=lessons)
        )
        if revealed or not _gives_answer_away(row):
            group.questions.append(row.question.text)
    return list(groups.values())
