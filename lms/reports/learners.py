"""The per-learner progress table of one course or one cohort: for each
enrollment, lessons done out of the course's lessons, progress, best score on the
final assessment, completion and what other apps add (the certificate serial).

``get_learner_rows(enrollments)`` decorates one page of enrollments (``user`` and
``course`` selected) in a fixed number of queries, whatever the page size; the
listing and its chunked export both call it. Called by ``lms.reports.views``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from courses.services import get_course_outlines
from lms.learning.services.progress import get_progress_for_enrollments
from lms.reports.scores import get_best_final_scores, get_final_quiz_ids
from lms.reports.sections import LearnerColumn


@dataclass
class LearnerRow:
    enrollment: object
    lessons_done: int = 0
    lessons_total: int = 0
    percent: int = 0
    final_score: object = None  # Decimal, or None without a graded final quiz
    extra: dict = field(default_factory=dict)  # LearnerColumn key → value

    @property
    def user(self):
        return self.enrollment.user

    @property
    def best_score(self) -> int | None:
        return round(self.final_score) if self.final_score is not None else None


def get_learner_rows(
    enrollments, columns: list[LearnerColumn] | None = None
) -> list[LearnerRow]:
    enrollments = list(enrollments)
    if not enrollments:
        return []
    courses = list({e.course_id: e.course for e in enrollments}.values())
    outlines = get_course_outlines(courses)
    progress = get_progress_for_enrollments(enrollments, outlines)
    finals = get_final_quiz_ids(courses, outlines)
    scores = get_best_final_scores(enrollments, finals)
    extra = {column.key: column.values(enrollments) for column in columns or []}
    rows = []
    for enrollment in enrollments:
        entry = progress[enrollment.pk]
        lesson_ids = {i.pk for i in entry.outline.items if i.kind == "lesson"}
        rows.append(
            LearnerRow(
                enrollment=enrollment,
                lessons_done=len(entry.completed_lesson_ids & lesson_ids),
                lessons_total=len(lesson_ids),
                percent=100 if enrollment.completed_at else entry.percent,
                final_score=scores.get(enrollment.pk),
                extra={key: values.get(enrollment.pk) for key, values in extra.items()},
            )
        )
    return rows
