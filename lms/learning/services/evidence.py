"""Read-only evidence of completions, for another app that decides on them (the
certificates approval queue): which enrollments completed, when, and with what quiz
scores, in a fixed number of queries whatever the number of enrollments. Called by
``certificates.services.lookups``; never writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from lms.models import AttemptStatus, Enrollment, LessonProgress, QuizAttempt


@dataclass(frozen=True)
class Evidence:
    """What an enrollment's completion rests on.

    ``final_score`` is the score of the last graded attempt (the quiz that completed
    the course, when it ended on one); ``best_scores`` the best graded score per quiz
    id; ``attempts`` counts graded attempts.
    """

    enrollment_id: int
    completed_at: datetime | None
    final_score: Decimal | None = None
    best_scores: dict[int, Decimal] = field(default_factory=dict)
    attempts: int = 0
    lessons_completed: int = 0


def get_completion_evidence(enrollment_ids: Iterable[int]) -> dict[int, Evidence]:
    """``{enrollment_id: Evidence}`` for the given enrollments, in two queries (none
    for no ids); ids of enrollments that do not exist are left out."""
    ids = list(enrollment_ids)
    if not ids:
        return {}
    graded = QuizAttempt.objects.filter(
        enrollment=OuterRef("pk"), status=AttemptStatus.GRADED
    )
    last_score = graded.order_by("-submitted_at", "-pk").values("score")[:1]
    lessons = (
        LessonProgress.objects.filter(enrollment=OuterRef("pk"))
        .order_by()
        .values("enrollment")
        .annotate(done=Count("pk"))
        .values("done")
    )
    rows = (
        Enrollment.objects.filter(pk__in=ids)
        .annotate(
            final_score=Subquery(last_score),
            lessons_completed=Coalesce(
                Subquery(lessons), 0, output_field=IntegerField()
            ),
        )
        .values_list("pk", "completed_at", "final_score", "lessons_completed")
    )
    scores: dict[int, dict[int, Decimal]] = {}
    attempts: dict[int, int] = {}
    for enrollment_id, quiz_id, best, count in (
        QuizAttempt.objects.filter(enrollment_id__in=ids, status=AttemptStatus.GRADED)
        .order_by()
        .values("enrollment_id", "quiz_id")
        .annotate(best=Max("score"), count=Count("pk"))
        .values_list("enrollment_id", "quiz_id", "best", "count")
    ):
        scores.setdefault(enrollment_id, {})[quiz_id] = best
        attempts[enrollment_id] = attempts.get(enrollment_id, 0) + count
    return {
        pk: Evidence(
            enrollment_id=pk,
            completed_at=completed_at,
            final_score=final_score,
            best_scores=scores.get(pk, {}),
            attempts=attempts.get(pk, 0),
            lessons_completed=lessons_completed,
        )
        for pk, completed_at, final_score, lessons_completed in rows
    }


def get_recent_completions(
    *, excluding: Iterable[QuerySet | Iterable[int]] = (), limit: int = 50
) -> list[Enrollment]:
    """The newest completed enrollments (with learner and course), leaving out the
    enrollment ids in each of ``excluding`` (querysets of ids stay subqueries, so
    this is one query). An excluded id collection must not contain ``None``."""
    enrollments = Enrollment.objects.filter(completed_at__isnull=False)
    for enrollment_ids in excluding:
        enrollments = enrollments.exclude(pk__in=enrollment_ids)
    return list(
        enrollments.select_related("user", "course").order_by("-completed_at", "-pk")[
            :limit
        ]
    )


def get_completed_enrollment(enrollment_id: int) -> Enrollment | None:
    """The enrollment, with learner and course, if it exists and is complete."""
    return (
        Enrollment.objects.filter(pk=enrollment_id, completed_at__isnull=False)
        .select_related("user", "course")
        .first()
    )
