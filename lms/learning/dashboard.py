"""The learner dashboard: the learner's own records, and hooks for other apps' parts.

``lms`` never imports ``certificates``; instead an app registers a function with
``@hooks.register(lms.hooks.DASHBOARD_PANELS)`` (called with the request, returns a
``DashboardPanel`` or ``None``) or ``lms.hooks.COMPLETION_LINKS`` (what a completed
course offers: ``CompletionLink`` rows, also shown on the course page).
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from wagtail import hooks

from lms.hooks import COMPLETION_LINKS, DASHBOARD_PANELS
from lms.learning.services.progress import get_progress_for_enrollments
from lms.models import AttemptStatus, Enrollment, QuizAttempt


@dataclass
class DashboardPanel:
    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


def get_dashboard_panels(request) -> list[DashboardPanel]:
    panels = [fn(request) for fn in hooks.get_hooks(DASHBOARD_PANELS)]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)


@dataclass
class CompletionLink:
    """One thing a completed course offers: a link (``url``), or a note without one
    (e.g. a certificate awaiting approval). One ``primary`` link per course."""

    label: str
    url: str = ""
    primary: bool = False
    download: bool = False


def get_completion_links(request, enrollments) -> dict[int, list[CompletionLink]]:
    """``{enrollment id: links}`` for the completed ones among ``enrollments``, from
    every app registered under ``COMPLETION_LINKS`` (no query when none is done)."""
    done = [e for e in enrollments if e.completed_at]
    links: dict[int, list[CompletionLink]] = {e.pk: [] for e in done}
    if not done:
        return links
    for fn in hooks.get_hooks(COMPLETION_LINKS):
        for enrollment_id, rows in (fn(request, done) or {}).items():
            links.setdefault(enrollment_id, []).extend(rows)
    return links


# The learner's own records ------------------------------------------------------


@dataclass
class QuizSummary:
    """A learner's standing on one quiz: the best score, not every attempt."""

    quiz: object
    best: QuizAttempt
    attempts: int
    last_at: datetime | None
    passed: bool


@dataclass
class CourseRow:
    enrollment: object
    progress: object
    continue_page: object | None
    quizzes: list[QuizSummary] = field(default_factory=list)
    links: list[CompletionLink] = field(default_factory=list)

    @property
    def primary_link(self) -> CompletionLink | None:
        return next((link for link in self.links if link.primary and link.url), None)

    @property
    def other_links(self) -> list[CompletionLink]:
        primary = self.primary_link
        return [link for link in self.links if link is not primary]


@dataclass
class LearnerDashboard:
    courses: list[CourseRow]
    completed: list[CourseRow]
    total_credit_hours: Decimal

    @property
    def is_empty(self) -> bool:
        return not (self.courses or self.completed)

    @property
    def quiz_results(self) -> list[QuizSummary]:
        return [q for row in self.courses + self.completed for q in row.quizzes]


def _summaries(attempts: list[QuizAttempt], order: list[int]) -> list[QuizSummary]:
    """One summary per quiz, in course order: best score first, then the earliest."""
    by_quiz: dict[int, list[QuizAttempt]] = {}
    for attempt in attempts:
        by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
    position = {pk: index for index, pk in enumerate(order)}
    rows = []
    for graded in by_quiz.values():
        best = max(graded, key=lambda a: (a.score or 0, -a.number))
        rows.append(
            QuizSummary(
                quiz=best.quiz,
                best=best,
                attempts=len(graded),
                last_at=max(
                    (a.submitted_at for a in graded if a.submitted_at), default=None
                ),
                passed=any(a.passed for a in graded),
            )
        )
    return sorted(rows, key=lambda row: position.get(row.quiz.pk, len(position)))


def get_learner_dashboard(user, request=None) -> LearnerDashboard:
    """Courses with progress, best score per quiz, what completed courses offer and
    credit hours, in a fixed number of queries whatever the number of courses."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .filter(Q(left_at__isnull=True) | Q(completed_at__isnull=False))
        .select_related("course")
        .order_by("-enrolled_at", "-pk")
    )
    progress = get_progress_for_enrollments(enrollments)
    attempts: dict[int, list[QuizAttempt]] = {}
    for attempt in (
        QuizAttempt.objects.filter(
            user=user, status=AttemptStatus.GRADED, enrollment__in=enrollments
        )
        .select_related("quiz")
        .order_by("number")
    ):
        attempts.setdefault(attempt.enrollment_id, []).append(attempt)
    links = get_completion_links(request, enrollments)
    rows = []
    for enrollment in enrollments:
        course_progress = progress[enrollment.pk]
        item = course_progress.continue_item(enrollment.last_page_id)
        order = [i.pk for i in course_progress.outline.items]
        rows.append(
            CourseRow(
                enrollment=enrollment,
                progress=course_progress,
                continue_page=item.page if item else None,
                quizzes=_summaries(attempts.get(enrollment.pk, []), order),
                links=links.get(enrollment.pk, []),
            )
        )
    completed = [row for row in rows if row.enrollment.completed_at]
    completed.sort(key=lambda row: row.enrollment.completed_at, reverse=True)
    return LearnerDashboard(
        courses=[
            row
            for row in rows
            if row.enrollment.left_at is None and not row.enrollment.completed_at
        ],
        completed=completed,
        total_credit_hours=sum(
            (row.enrollment.course.credit_hours for row in completed), Decimal(0)
        ),
    )
