"""Question statistics: attempts, % correct, most chosen wrong answer, flags; from
graded attempts only, in a query count independent of the number of attempts;
trainers and program administrators only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from courses.models import Choice, Question
from lms.learning.services.enrollment import enroll_user
from lms.models import AttemptStatus, QuizAttempt
from lms.reports.questions import get_question_statistics
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Flags are translated strings; another test may have left Spanish active."""
    with translation.override("en"):
        yield


@pytest.fixture
def quiz_course(home_page):
    return make_course(home_page, modules=1, lessons_per_module=1, questions=3)


def answer(quiz, picks: list[int], *, status=AttemptStatus.GRADED, user=None):
    """An attempt choosing the ``picks[i]``-th choice (0 = correct) of question i."""
    user = user or UserFactory()
    enrollment = enroll_user(user, quiz.get_parent().get_parent().specific)
    questions = list(quiz.questions.order_by("sort_order"))
    drawn, answers = [], {}
    for question, pick in zip(questions, picks, strict=True):
        choices = list(
            question.choices.order_by("sort_order").values_list("pk", flat=True)
        )
        drawn.append({"id": question.pk, "choices": choices})
        if pick is not None:
            answers[str(question.pk)] = [choices[pick]]
    number = QuizAttempt.objects.filter(enrollment=enrollment, quiz=quiz).count() + 1
    return QuizAttempt.objects.create(
        enrollment=enrollment,
        quiz=quiz,
        user=user,
        number=number,
        questions=drawn,
        answers=answers,
        status=status,
    )


def stats_for(quiz):
    return get_question_statistics(
        Question.objects.filter(quiz=quiz).select_related("quiz").order_by("sort_order")
    )


def test_attempts_percent_correct_wrong_answer_and_flags(quiz_course):
    quiz = quiz_course.quizzes[0]
    for _ in range(10):
        answer(quiz, [0, 1, 0])  # q1 right, q2 wrong (B), q3 right
    answer(quiz, [0, 2, 1])
    answer(quiz, [0, 0, 1], status=AttemptStatus.IN_PROGRESS)  # not counted
    q1, q2, q3 = stats_for(quiz)
    assert (q1.attempts, q1.percent_correct, q1.flag) == (11, 100, "Too easy?")
    assert (q2.attempts, q2.percent_correct, q2.flag) == (11, 0, "Too hard?")
    assert q2.most_chosen_wrong.text == "Choice B"
    assert q2.most_chosen_wrong_count == 10
    assert (q3.percent_correct, q3.flag) == (91, "Too easy?")
    assert q1.most_chosen_wrong is None


def test_unanswered_counts_as_wrong_and_middle_is_not_flagged(quiz_course):
    quiz = quiz_course.quizzes[0]
    answer(quiz, [0, None, 0])
    answer(quiz, [1, 0, 0])
    q1, q2, _q3 = stats_for(quiz)
    assert (q1.percent_correct, q1.flag) == (50, "")
    assert (q2.attempts, q2.percent_correct) == (2, 50)


def test_query_count_independent_of_attempts(quiz_course):
    quiz = quiz_course.quizzes[0]
    answer(quiz, [0, 1, 2])
    with CaptureQueriesContext(connection) as few:
        stats_for(quiz)
    for _ in range(30):
        answer(quiz, [1, 0, 2])
    with CaptureQueriesContext(connection) as many:
        result = stats_for(quiz)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert result[0].attempts == 31


@pytest.mark.parametrize("who", ["trainer", "program_admin"])
def test_trainers_and_admins_see_the_report(client, quiz_course, request, who):
    quiz = quiz_course.quizzes[0]
    answer(quiz, [0, 1, 0])
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(reverse("puente_reports:questions"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Question 2?" in html and "Choice B" in html
    filtered = client.get(
        reverse("puente_reports:questions"), {"course": quiz_course.course.pk}
    )
    assert "Question 1?" in filtered.content.decode()

    export = client.get(reverse("puente_reports:questions"), {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode()
    assert "Most chosen wrong answer" in text and "Choice B (1)" in text
    entry = ModelLogEntry.objects.get(action="lms.report_export")
    assert entry.user == user and entry.data["report"] == "question-statistics"


def test_learners_get_no_question_statistics(client, learner, quiz_course):
    client.force_login(learner)
    response = client.get(reverse("puente_reports:questions"))
    assert response.status_code in (302, 403)


def test_listing_query_count_independent_of_attempts(client, trainer, quiz_course):
    quiz = quiz_course.quizzes[0]
    client.force_login(trainer)
    answer(quiz, [0, 1, 0])
    # The first admin visit keeps the staff member's admin language (one write).
    client.get(reverse("puente_reports:questions"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("puente_reports:questions"))
    for _ in range(20):
        answer(quiz, [1, 1, 1])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("puente_reports:questions"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_choice_text_never_needs_a_query_per_row(quiz_course):
    assert Choice.objects.filter(question__quiz=quiz_course.quizzes[0]).count() == 9
