"""Completion evidence for other apps (the certificates approval queue): dates,
scores and lessons, read in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from lms.learning.services.evidence import (
    get_completed_enrollment,
    get_completion_evidence,
    get_recent_completions,
)
from lms.models import AttemptStatus, Enrollment, LessonProgress, QuizAttempt
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EVIDENCE_QUERIES = 2  # enrollments with last score and lessons done; best scores


@pytest.fixture
def built(home_page):
    return make_course(home_page, modules=2, lessons_per_module=2, quiz=True)


def enrollment_for(built, *, completed=True, lessons=0, scores=()):
    """An enrollment with ``lessons`` lessons done and graded attempts scoring
    ``scores`` (quiz index, score) in the order they were submitted."""
    now = timezone.now()
    enrollment = Enrollment.objects.create(
        user=UserFactory(), course=built.course, completed_at=now if completed else None
    )
    for lesson in built.lessons[:lessons]:
        LessonProgress.objects.create(enrollment=enrollment, lesson=lesson)
    for number, (quiz_index, score) in enumerate(scores, start=1):
        QuizAttempt.objects.create(
            enrollment=enrollment,
            quiz=built.quizzes[quiz_index],
            user=enrollment.user,
            number=number,
            status=AttemptStatus.GRADED,
            score=Decimal(score),
            passed=Decimal(score) >= 70,
            submitted_at=now - timedelta(minutes=10 - number),
        )
    return enrollment


def test_evidence_has_the_date_scores_and_lessons(built):
    enrollment = enrollment_for(
        built, lessons=4, scores=[(0, "90"), (0, "60"), (1, "75")]
    )
    # An attempt still in progress is no evidence of anything.
    QuizAttempt.objects.create(
        enrollment=enrollment,
        quiz=built.quizzes[1],
        user=enrollment.user,
        number=9,
        status=AttemptStatus.IN_PROGRESS,
    )
    evidence = get_completion_evidence([enrollment.pk])[enrollment.pk]
    assert evidence.completed_at == enrollment.completed_at
    assert evidence.final_score == Decimal("75")  # the last one graded
    assert evidence.best_scores == {
        built.quizzes[0].pk: Decimal("90"),
        built.quizzes[1].pk: Decimal("75"),
    }
    assert evidence.attempts == 3
    assert evidence.lessons_completed == 4


def test_an_enrollment_without_attempts_has_empty_evidence(built):
    enrollment = enrollment_for(built, completed=False)
    evidence = get_completion_evidence([enrollment.pk, 987654])
    assert list(evidence) == [enrollment.pk]  # unknown ids are left out
    assert evidence[enrollment.pk].completed_at is None
    assert evidence[enrollment.pk].final_score is None
    assert evidence[enrollment.pk].best_scores == {}
    assert evidence[enrollment.pk].lessons_completed == 0


def test_no_ids_cost_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert get_completion_evidence([]) == {}


@pytest.mark.parametrize("count", [3, 30])
def test_evidence_queries_do_not_grow_with_enrollments(
    built, count, django_assert_num_queries
):
    ids = [
        enrollment_for(built, lessons=2, scores=[(0, "80"), (1, "65")]).pk
        for _ in range(count)
    ]
    with django_assert_num_queries(EVIDENCE_QUERIES):
        evidence = get_completion_evidence(ids)
    assert len(evidence) == count
    assert {e.final_score for e in evidence.values()} == {Decimal("65")}


def test_recent_completions_leave_out_the_excluded_ones(
    built, django_assert_num_queries
):
    done = [enrollment_for(built) for _ in range(3)]
    enrollment_for(built, completed=False)
    excluded = Enrollment.objects.filter(pk=done[1].pk).values("pk")
    with django_assert_num_queries(1):
        recent = get_recent_completions(excluding=[excluded, [done[2].pk]], limit=5)
        names = [e.user.full_name for e in recent]  # learner joined, no more queries
    assert [e.pk for e in recent] == [done[0].pk]
    assert names == [done[0].user.full_name]


def test_completed_enrollment_only_when_complete(built):
    done, open_ = enrollment_for(built), enrollment_for(built, completed=False)
    assert get_completed_enrollment(done.pk) == done
    assert get_completed_enrollment(open_.pk) is None
    assert get_completed_enrollment(987654) is None
