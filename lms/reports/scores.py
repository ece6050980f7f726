"""Final scores: the best graded score of an enrollment on its course's final
assessment, i.e. the last quiz of the course outline (the learner's last step).

``get_final_quiz_ids`` finds those quizzes (one outline query for any number of
courses); ``get_score_distribution`` groups the final scores of completed
enrollments by course into ten-point bins in one grouped query;
``get_best_final_scores`` serves the learner table. Called by ``lms.reports.views``
and ``learners``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Subquery, Sum
from django.db.models.functions import Cast, Floor, Least
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from courses.services import get_course_outlines
from lms.models import AttemptStatus, Enrollment, QuizAttempt
from lms.reports.charts import ColumnChart, column_chart

BINS = 10  # 0–9, 10–19, …, 90–100 (a perfect score joins the last bin)


def bin_label(index: int) -> str:
    low = index * 100 // BINS
    high = 100 if index == BINS - 1 else low + 100 // BINS - 1
    return _("%(low)s–%(high)s %%") % {"low": low, "high": high}


def get_final_quiz_ids(courses, outlines=None) -> dict[int, int]:
    """``{course id: quiz id}`` of courses that have a quiz (pass the outlines
    when the caller has them, to save their query)."""
    if outlines is None:
        outlines = get_course_outlines(list(courses))
    finals = {}
    for course_id, outline in outlines.items():
        quizzes = [item.pk for item in outline.items if item.kind == "quiz"]
        if quizzes:
            finals[course_id] = quizzes[-1]
    return finals


def _final_score(final_quiz_ids) -> Subquery:
    return Subquery(
        QuizAttempt.objects.filter(
            enrollment_id=OuterRef("pk"),
            status=AttemptStatus.GRADED,
            quiz_id__in=list(final_quiz_ids),
        )
        .order_by("-score")
        .values("score")[:1]
    )


@dataclass
class ScoreDistribution:
    """Final scores of one course's completed enrollments (or of all courses)."""

    course: object = None
    bins: list[int] = field(default_factory=lambda: [0] * BINS)
    total: Decimal = Decimal(0)
    lowest: Decimal | None = None
    highest: Decimal | None = None

    @property
    def scored(self) -> int:
        return sum(self.bins)

    @property
    def average(self) -> int | None:
        return round(self.total / self.scored) if self.scored else None

    @property
    def mini_columns(self) -> list[dict]:
        """Geometry of the small histogram in the table row (100 × 24 pixels)."""
        largest = max(self.bins) or 1
        columns = []
        for index, count in enumerate(self.bins):
            height = round(22 * count / largest) or (1 if count else 0)
            columns.append(
                {
                    "x": index * 10 + 1,
                    "y": 23 - height,
                    "height": height,
                    "count": count,
                    "label": bin_label(index),
                }
            )
        return columns

    def add(self, index: int, count: int, total, lowest, highest) -> None:
        self.bins[index] += count
        self.total += Decimal(total or 0)
        if lowest is not None:
            self.lowest = lowest if self.lowest is None else min(self.lowest, lowest)
        if highest is not None:
            self.highest = (
                highest if self.highest is None else max(self.highest, highest)
            )


def get_score_distribution(enrollments) -> dict[int, ScoreDistribution]:
    """``{course id: ScoreDistribution}`` for the completed enrollments among
    ``enrollments`` that have a graded final score, in course-title order (in the
    active language); four queries whatever the number of enrollments."""
    course_ids = set(
        enrollments.filter(completed_at__isnull=False)
        .order_by()
        .values_list("course_id", flat=True)
        .distinct()
    )
    courses = sorted(
        CoursePage.objects.filter(pk__in=course_ids),
        key=lambda course: str(course.title).casefold(),
    )
    finals = get_final_quiz_ids(courses)
    distributions = {course.pk: ScoreDistribution(course=course) for course in courses}
    if not finals:
        return distributions
    rows = (
        Enrollment.objects.filter(
            pk__in=enrollments.filter(completed_at__isnull=False).values("pk")
        )
        .annotate(final_score=_final_score(finals.values()))
        .filter(final_score__isnull=False)
        .annotate(
            bin=Least(
                Cast(Floor(F("final_score") / (100 // BINS)), IntegerField()), BINS - 1
            )
        )
        .order_by()
        .values("course_id", "bin")
        .annotate(
            count=Count("pk"),
            total=Sum("final_score"),
            lowest=Min("final_score"),
            highest=Max("final_score"),
        )
    )
    for row in rows:
        distributions[row["course_id"]].add(
            int(row["bin"]), row["count"], row["total"], row["lowest"], row["highest"]
        )
    return distributions


def combine(distributions) -> ScoreDistribution:
    """All courses together (the histogram above the table)."""
    combined = ScoreDistribution()
    for entry in distributions:
        for index, count in enumerate(entry.bins):
            combined.bins[index] += count
        combined.total += entry.total
        for value in (entry.lowest, entry.highest):
            if value is not None:
                combined.add(0, 0, 0, value, value)
    return combined


def get_best_final_scores(enrollments, final_quiz_ids: dict[int, int]) -> dict:
    """``{enrollment id: best graded score on its course's final quiz}``, one query."""
    enrollments = list(enrollments)
    if not enrollments or not final_quiz_ids:
        return {}
    return dict(
        QuizAttempt.objects.filter(
            enrollment__in=enrollments,
            status=AttemptStatus.GRADED,
            quiz_id__in=list(final_quiz_ids.values()),
        )
        .order_by()
        .values("enrollment_id")
        .annotate(best=Max("score"))
        .values_list("enrollment_id", "best")
    )


def score_histogram(distribution: ScoreDistribution) -> ColumnChart:
    """Ten columns, one per ten points, with a one-sentence description."""
    if distribution.scored:
        description = _(
            "Final scores of %(count)s completed enrollments, in ten-point bands: "
            "average %(average)s %%, lowest %(lowest)s %%, highest %(highest)s %%."
        ) % {
            "count": distribution.scored,
            "average": distribution.average,
            "lowest": round(distribution.lowest),
            "highest": round(distribution.highest),
        }
    else:
        description = ""
    return column_chart(
        str(_("Distribution of final scores")),
        str(description),
        [
            (str(bin_label(index)), f"{index * 100 // BINS}", count, str(count))
            for index, count in enumerate(distribution.bins)
        ],
        key="final-scores",
        heading=str(_("Score")),
    )
