"""A cohort's progress: one row per member, one cell per cohort course.

``get_member_progress(cohort, members)`` reads a fixed number of queries however
many members or courses (it reuses ``lms.learning.services.progress``), so the progress
listing paginates and exports at the same cost per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from courses.services import get_course_outlines
from lms.learning.services.progress import get_progress_for_enrollments
from lms.models import Cohort, Enrollment


@dataclass
class CourseCell:
    enrolled: bool = False
    percent: int = 0
    completed_at: object = None


@dataclass
class MemberRow:
    member: object
    cells: list[CourseCell] = field(default_factory=list)

    @property
    def completed(self) -> int:
        return sum(1 for cell in self.cells if cell.completed_at)


def get_member_progress(cohort: Cohort, members, courses=None) -> list[MemberRow]:
    """Rows for ``members`` (CohortMember objects with ``user`` selected)."""
    members = list(members)
    courses = list(courses if courses is not None else cohort.courses.all())
    if not members or not courses:
        return [
            MemberRow(member=m, cells=[CourseCell() for _ in courses]) for m in members
        ]
    enrollments = list(
        Enrollment.objects.filter(
            user_id__in=[m.user_id for m in members],
            course__in=courses,
        )
        .select_related("course")
        .order_by("user_id", "course_id", "-cycle")
    )
    latest: dict[tuple[int, int], Enrollment] = {}
    for enrollment in enrollments:
        latest.setdefault((enrollment.user_id, enrollment.course_id), enrollment)
    outlines = get_course_outlines(courses)
    progress = get_progress_for_enrollments(list(latest.values()), outlines)
    rows = []
    for member in members:
        cells = []
        for course in courses:
            enrollment = latest.get((member.user_id, course.pk))
            if enrollment is None:
                cells.append(CourseCell())
                continue
            cells.append(
                CourseCell(
                    enrolled=True,
                    percent=100
                    if enrollment.completed_at
                    else progress[enrollment.pk].percent,
                    completed_at=enrollment.completed_at,
                )
            )
        rows.append(MemberRow(member=member, cells=cells))
    return rows
