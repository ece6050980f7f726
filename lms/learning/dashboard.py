"""The learner dashboard: the learner's own records, and a hook for other apps' panels.

``lms`` never imports ``certificates``; instead an app registers a function with
``@hooks.register(lms.hooks.DASHBOARD_PANELS)``. It is called with the request and
returns a ``DashboardPanel`` (or ``None`` to show nothing).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from wagtail import hooks

from lms.hooks import DASHBOARD_PANELS
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


# The learner's own records ------------------------------------------------------


@dataclass
class CourseRow:
    enrollment: object
    progress: object
    continue_page: object | None


@dataclass
class LearnerDashboard:
    courses: list[CourseRow]
    completed: list[CourseRow]
    quiz_results: list
    total_credit_hours: Decimal

    @property
    def is_empty(self) -> bool:
        return not (self.courses or self.completed)


def get_learner_dashboard(user) -> LearnerDashboard:
    """Courses, progress, quiz results and credit hours in a fixed number of queries."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .filter(Q(left_at__isnull=True) | Q(completed_at__isnull=False))
        .select_related("course")
        .order_by("-enrolled_at", "-pk")
    )
    progress = get_progress_for_enrollments(enrollments)
    rows = []
    for enrollment in enrollments:
        course_progress = progress[enrollment.pk]
        item = course_progress.continue_item(enrollment.last_page_id)
        rows.append(
            CourseRow(
                enrollment=enrollment,
                progress=course_progress,
                continue_page=item.page if item else None,
            )
        )
    completed = [row for row in rows if row.enrollment.completed_at]
    results = list(
        QuizAttempt.objects.filter(
            user=user, status=AttemptStatus.GRADED, enrollment__in=enrollments
        )
        .select_related("quiz")
        .order_by("-submitted_at", "-pk")
    )
    return LearnerDashboard(
        courses=[
            row
            for row in rows
            if row.enrollment.left_at is None and not row.enrollment.completed_at
        ],
        completed=completed,
        quiz_results=results,
        total_credit_hours=sum(
            (row.enrollment.course.credit_hours for row in completed), Decimal(0)
        ),
    )
