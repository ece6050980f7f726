"""Reading progress: what a learner has done in a course and what comes next.

Reads only (writing is ``lessons``, ``attempts`` and ``completion``, which read
through here). ``get_course_progress`` (one enrollment) and
``get_progress_for_enrollments`` (the dashboard) read two queries beside the
outlines (three when a course has interview practices), whatever the course's size
or the number of enrollments. Progress is stored per lesson, quiz and practice id,
so it is the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from courses.services import CourseOutline, OutlineItem, get_course_outlines
from lms.models import Enrollment, LessonProgress, PracticeRound, QuizAttempt


@dataclass
class CourseProgress:
    """What a learner has done in a course and what comes next."""

    outline: CourseOutline
    completed_lesson_ids: set[int] = field(default_factory=set)
    passed_quiz_ids: set[int] = field(default_factory=set)
    required_quiz_ids: set[int] = field(default_factory=set)
    # Practices with a finished round that met the author's rule.
    met_practice_ids: set[int] = field(default_factory=set)
    required_practice_ids: set[int] = field(default_factory=set)

    def is_required(self, item: OutlineItem) -> bool:
        if item.kind == "practice":
            return item.pk in self.required_practice_ids
        return item.kind == "lesson" or item.pk in self.required_quiz_ids

    def is_done(self, item: OutlineItem) -> bool:
        if item.kind == "lesson":
            return item.pk in self.completed_lesson_ids
        if item.kind == "practice":
            return item.pk in self.met_practice_ids
        return item.pk in self.passed_quiz_ids

    @property
    def done_ids(self) -> set[int]:
        """Lessons completed, quizzes passed and practices whose rule a round met:
        the outline's "Done" badges."""
        return self.completed_lesson_ids | self.passed_quiz_ids | self.met_practice_ids

    @property
    def required_items(self) -> list[OutlineItem]:
        return [item for item in self.outline.items if self.is_required(item)]

    @property
    def total(self) -> int:
        return len(self.required_items)

    @property
    def done(self) -> int:
        return sum(self.is_done(item) for item in self.required_items)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.done == self.total

    def continue_item(self, last_page_id: int | None) -> OutlineItem | None:
        """Where "Continue where you left off" leads: the last page, unless done."""
        last = next((i for i in self.outline.items if i.pk == last_page_id), None)
        if last is not None and not self.is_done(last):
            return last
        return self.next_item

    @property
    def next_item(self) -> OutlineItem | None:
        """The first lesson, practice or quiz, in course order, not done yet."""
        return next((i for i in self.outline.items if not self.is_done(i)), None)


def progress_from_ids(
    outline: CourseOutline,
    lessons: set[int] | None = None,
    quizzes: set[int] | None = None,
    practices: set[int] | None = None,
) -> CourseProgress:
    """Progress from the ids done (no query); the outline says which quizzes and
    practices count towards completion."""
    return CourseProgress(
        outline=outline,
        completed_lesson_ids=set(lessons or ()),
        passed_quiz_ids=set(quizzes or ()),
        met_practice_ids=set(practices or ()),
        required_quiz_ids={
            i.pk for i in outline.items if i.kind == "quiz" and i.required
        },
        required_practice_ids={
            i.pk for i in outline.items if i.kind == "practice" and i.required
        },
    )


def get_progress_for_enrollments(
    enrollments: list[Enrollment],
    outlines: dict[int, CourseOutline] | None = None,
) -> dict[int, CourseProgress]:
    """``{enrollment id: CourseProgress}``: two queries, and outlines if not given."""
    if not enrollments:
        return {}
    if outlines is None:
        outlines = get_course_outlines([e.course for e in enrollments])
    progress = {
        e.pk: progress_from_ids(outlines.get(e.course_id, CourseOutline([])))
        for e in enrollments
    }
    items = [item for outline in outlines.values() for item in outline.items]
    for enrollment_id, lesson_id in LessonProgress.objects.filter(
        enrollment__in=enrollments
    ).values_list("enrollment_id", "lesson_id"):
        progress[enrollment_id].completed_lesson_ids.add(lesson_id)
    for enrollment_id, quiz_id in (
        QuizAttempt.objects.filter(enrollment__in=enrollments, passed=True)
        .values_list("enrollment_id", "quiz_id")
        .distinct()
    ):
        progress[enrollment_id].passed_quiz_ids.add(quiz_id)
    if any(item.kind == "practice" for item in items):
        for enrollment_id, practice_id in (
            PracticeRound.objects.filter(enrollment__in=enrollments, met_rule=True)
            .values_list("enrollment_id", "practice_id")
            .distinct()
        ):
            progress[enrollment_id].met_practice_ids.add(practice_id)
    return progress


def get_course_progress(
    enrollment: Enrollment, outline: CourseOutline | None = None
) -> CourseProgress:
    """Progress of one enrollment; pass the page's outline to save its query."""
    outlines = None
    if outline is not None:
        outlines = {enrollment.course_id: outline}
    return get_progress_for_enrollments([enrollment], outlines)[enrollment.pk]


def has_completed_lesson(enrollment: Enrollment | None, lesson_id: int) -> bool:
    return (
        enrollment is not None
        and LessonProgress.objects.filter(
            enrollment=enrollment, lesson_id=lesson_id
        ).exists()
    )
