"""Races, for real: threads with their own connections on PostgreSQL.

Skipped where the database cannot lock rows (SQLite). Each thread runs the
service as a request would, in its own connection and transaction.
"""

import threading

import pytest
from django.db import connection, connections

from lms.learning.services.attempts import AttemptError, start_attempt, submit_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import AttemptStatus, Enrollment, QuizAttempt
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)"
    ),
]


def run_concurrently(count: int, target) -> list:
    """Run ``target()`` in ``count`` threads released at once; results or errors."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def worker(index):
        try:
            barrier.wait(timeout=10)
            results[index] = target()
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def course(home_page):
    return make_course(home_page, modules=1, lessons_per_module=1)


def test_twenty_concurrent_submits_grade_one_attempt(course):
    user = UserFactory()
    enrollment = acknowledge_content_note(enroll_user(user, course.course))
    attempt = start_attempt(enrollment, course.quizzes[0])

    results = run_concurrently(20, lambda: submit_attempt(attempt, {}))

    assert all(isinstance(r, QuizAttempt) for r in results), results
    assert {r.submitted_at for r in results} == {results[0].submitted_at}
    assert QuizAttempt.objects.count() == 1
    assert QuizAttempt.objects.get().status == AttemptStatus.GRADED


def test_ten_concurrent_starts_respect_the_attempt_limit(course):
    quiz = course.quizzes[0]
    quiz.max_attempts = 3
    quiz.save_revision().publish()
    user = UserFactory()
    enrollment = acknowledge_content_note(enroll_user(user, course.course))

    def start_and_submit():
        attempt = start_attempt(enrollment, quiz)
        return submit_attempt(attempt, {})

    results = run_concurrently(10, start_and_submit)

    assert QuizAttempt.objects.count() <= 3
    assert all(isinstance(r, QuizAttempt | AttemptError) for r in results), results
    assert QuizAttempt.objects.filter(status=AttemptStatus.GRADED).count() >= 1


def test_ten_concurrent_starts_give_one_open_attempt(course):
    user = UserFactory()
    enrollment = acknowledge_content_note(enroll_user(user, course.course))
    results = run_concurrently(10, lambda: start_attempt(enrollment, course.quizzes[0]))
    assert all(isinstance(r, QuizAttempt) for r in results), results
    assert {r.pk for r in results} == {results[0].pk}
    assert QuizAttempt.objects.count() == 1


def test_two_concurrent_enrollments_give_one(course):
    user = UserFactory()
    results = run_concurrently(2, lambda: enroll_user(user, course.course))
    assert all(isinstance(r, Enrollment) for r in results), results
    assert Enrollment.objects.filter(user=user).count() == 1
