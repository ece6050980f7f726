"""The result page's feedback and the attempt's question order, computed in the
service (``lms.learning.services.review``) on top of the courses answer key."""

import pytest
from django.utils.translation import override

from courses.models import Choice
from courses.services import get_quiz_key
from lms.learning.services.attempts import start_attempt, submit_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.quiz_status import get_attempt_for_user
from lms.learning.services.review import (
    get_attempt_feedback,
    get_attempt_questions,
    get_attempt_result,
)
from tests.builders import make_course

pytestmark = pytest.mark.django_db


def graded(learner, home_page, *, right: int, **quiz_settings):
    """A graded attempt answering the first ``right`` stored questions correctly."""
    built = make_course(
        home_page,
        modules=1,
        lessons_per_module=1,
        questions=4,
        quiz_settings={"shuffle_questions": True, **quiz_settings},
    )
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    attempt = start_attempt(enrollment, built.quizzes[0])
    key = get_quiz_key(attempt.quiz_id)
    answers = {}
    for index, question_id in enumerate(attempt.question_ids):
        correct = key[question_id].correct_choice_ids
        wrong = key[question_id].choice_ids - correct
        answers[question_id] = sorted(correct if index < right else {min(wrong)})
    submitted = submit_attempt(attempt, answers)
    # Read again as the result page reads it (the submit loads only what grading needs).
    return get_attempt_for_user(learner, submitted.pk), key


def test_questions_come_in_the_attempts_order_in_the_active_language(
    learner, home_page
):
    built = make_course(home_page, modules=1, questions=5)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    attempt = start_attempt(enrollment, built.quizzes[0])
    for language, word in (("en", "Question"), ("es", "Pregunta")):
        with override(language):
            shown = get_attempt_questions(attempt)
            assert [q.question.pk for q in shown] == attempt.question_ids
            assert [q.number for q in shown] == [1, 2, 3, 4, 5]
            assert all(word in q.question.text for q in shown)
        for entry, stored in zip(shown, attempt.questions, strict=True):
            assert [c.pk for c in entry.choices] == stored["choices"]
            assert entry.field == f"q-{stored['id']}"


def test_feedback_marks_the_learners_choices_and_the_right_ones(learner, home_page):
    attempt, key = graded(learner, home_page, right=2)
    rows = get_attempt_feedback(attempt)
    assert [row.question.pk for row in rows] == attempt.question_ids
    assert [row.is_right for row in rows] == [True, True, False, False]
    for row in rows:
        chosen = {c.choice.pk for c in row.choices if c.chosen}
        correct = {c.choice.pk for c in row.choices if c.correct}
        assert chosen == set(attempt.answers[str(row.question.pk)])
        assert correct == key[row.question.pk].correct_choice_ids


def test_feedback_follows_the_key_as_an_editor_changes_it(learner, home_page):
    attempt, key = graded(learner, home_page, right=0)
    first = attempt.question_ids[0]
    chosen = attempt.answers[str(first)][0]
    Choice.objects.filter(question_id=first).update(is_correct=False)
    Choice.objects.filter(pk=chosen).update(is_correct=True)
    row = get_attempt_feedback(attempt)[0]
    assert row.is_right
    assert [c.choice.pk for c in row.choices if c.correct] == [chosen]


@pytest.mark.parametrize(
    ("policy", "max_attempts", "right", "revealed"),
    [
        ("never", None, 4, False),
        ("after_pass", None, 0, False),
        ("after_pass", None, 4, True),
        ("after_last_attempt", None, 4, False),
        ("after_last_attempt", 1, 0, True),
    ],
)
def test_the_reveal_policy_decides_what_the_result_holds(
    learner, home_page, policy, max_attempts, right, revealed
):
    attempt, _key = graded(
        learner,
        home_page,
        right=right,
        reveal_policy=policy,
        max_attempts=max_attempts,
    )
    result = get_attempt_result(attempt)
    assert result.revealed is revealed
    assert result.status.passed is (right == 4)
    assert len(result.feedback) == (4 if revealed else 0)


def test_revealed_feedback_costs_no_query_for_the_key(
    learner, home_page, django_assert_num_queries
):
    attempt, _key = graded(learner, home_page, right=4)
    # The learner's attempts, the questions, their choices: the key is built from
    # the choices already read.
    with django_assert_num_queries(3):
        result = get_attempt_result(attempt)
    assert result.revealed and len(result.feedback) == 4
