"""Quiz attempts: drawing, grading on the server, limits, replays, tampering, reveal."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.services import get_quiz_key
from lms.learning.services.attempts import AttemptError, start_attempt, submit_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import AttemptStatus, QuizAttempt
from tests.builders import make_course
from tests.factories import UserFactory
from tests.lms.learning.support import answers_for
from tests.lms.support import lms_url

pytestmark = pytest.mark.django_db


def quiz_course(home_page, **quiz_settings):
    return make_course(
        home_page, modules=1, lessons_per_module=1, quiz_settings=quiz_settings
    )


def enrolled(user, built):
    return acknowledge_content_note(enroll_user(user, built.course))


def start(client, quiz, lang="en"):
    response = client.post(lms_url("lms_start_attempt", quiz.pk, lang=lang))
    assert response.status_code == 302, response
    return response


# Starting --------------------------------------------------------------------------


def test_start_draws_and_stores_the_questions(home_page, learner):
    built = make_course(
        home_page,
        modules=1,
        questions=6,
        quiz_settings={"draw_count": 4, "shuffle_questions": True},
    )
    quiz = built.quizzes[0]
    attempt = start_attempt(enrolled(learner, built), quiz)
    assert len(attempt.questions) == 4
    key = get_quiz_key(quiz)
    for entry in attempt.questions:
        assert set(entry["choices"]) == key[entry["id"]].choice_ids
    # Asking again returns the same in-progress attempt, same draw.
    again = start_attempt(attempt.enrollment, quiz)
    assert again.pk == attempt.pk and again.questions == attempt.questions


def test_attempt_page_keeps_order_across_reload_and_language(
    learner_client, learner, home_page
):
    built = quiz_course(home_page, shuffle_questions=True, shuffle_choices=True)
    enrolled(learner, built)
    quiz = built.quizzes[0]
    response = start(learner_client, quiz)
    attempt = QuizAttempt.objects.get()
    assert response["Location"] == lms_url("lms_attempt", attempt.pk)

    html_en = learner_client.get(lms_url("lms_attempt", attempt.pk)).content.decode()
    html_es = learner_client.get(
        lms_url("lms_attempt", attempt.pk, lang="es")
    ).content.decode()
    order = [f'name="q-{q}"' for q in attempt.question_ids]
    for html in (html_en, html_es):
        positions = [html.index(marker) for marker in order]
        assert positions == sorted(positions)
    assert "Question 1?" in html_en
    assert "¿Pregunta 1?" in html_es
    # Starting again in the other language continues the same attempt.
    start(learner_client, quiz, lang="es")
    assert QuizAttempt.objects.count() == 1
    for html in (html_en, html_es):
        assert "is_correct" not in html and "Because." not in html


def test_attempt_page_carries_no_correctness_data(learner_client, learner, home_page):
    built = quiz_course(home_page, shuffle_choices=False)
    enrolled(learner, built)
    start(learner_client, built.quizzes[0])
    attempt = QuizAttempt.objects.get()
    html = learner_client.get(lms_url("lms_attempt", attempt.pk)).content.decode()
    for word in ("correct", "explanation", "Because", "Porque"):
        assert word not in html.lower().replace("incorrect", "")


def test_maximum_attempts_enforced(home_page, learner):
    built = quiz_course(home_page, max_attempts=2)
    quiz = built.quizzes[0]
    enrollment = enrolled(learner, built)
    for _ in range(2):
        attempt = start_attempt(enrollment, quiz)
        submit_attempt(attempt, {})
    with pytest.raises(AttemptError) as refused:
        start_attempt(enrollment, quiz)
    assert "all 2 attempts" in refused.value.message
    assert QuizAttempt.objects.count() == 2


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "You can try again in 10 minutes."), ("es", "en 10 minutos")],
)
def test_cooldown_enforced_then_retake_allowed(
    learner_client, learner, home_page, lang, message
):
    built = quiz_course(home_page, cooldown_minutes=10)
    quiz = built.quizzes[0]
    enrollment = enrolled(learner, built)
    submit_attempt(start_attempt(enrollment, quiz), {})

    response = learner_client.post(
        lms_url("lms_start_attempt", quiz.pk, lang=lang), follow=True
    )
    assert message in response.content.decode()
    assert QuizAttempt.objects.count() == 1

    QuizAttempt.objects.update(submitted_at=timezone.now() - timedelta(minutes=11))
    start(learner_client, quiz, lang)
    assert QuizAttempt.objects.count() == 2


def test_time_limit_sets_a_deadline_and_late_submit_is_recorded(home_page, learner):
    built = quiz_course(home_page, time_limit_minutes=5)
    quiz = built.quizzes[0]
    attempt = start_attempt(enrolled(learner, built), quiz)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=5)

    on_time = attempt.deadline + timedelta(seconds=20)  # within the grace period
    graded = submit_attempt(attempt, {}, now=on_time)
    assert graded.late is False

    second = start_attempt(attempt.enrollment, quiz)
    data = {int(k[2:]): [int(c) for c in v] for k, v in answers_for(second).items()}
    graded = submit_attempt(second, data, now=second.deadline + timedelta(minutes=3))
    assert graded.late is True
    assert graded.score == Decimal("100.00") and graded.passed


def test_expired_attempt_is_closed_when_the_learner_starts_again(home_page, learner):
    built = quiz_course(home_page, time_limit_minutes=5)
    quiz = built.quizzes[0]
    enrollment = enrolled(learner, built)
    first = start_attempt(enrollment, quiz)
    later = first.deadline + timedelta(minutes=1)
    second = start_attempt(enrollment, quiz, now=later)
    first.refresh_from_db()
    assert second.pk != first.pk
    assert first.status == AttemptStatus.GRADED and first.late and first.score == 0


# Grading ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("right", "score", "passed", "text"),
    [
        (3, "100", True, "You passed this quiz."),
        (2, "67", False, "You did not reach the pass mark this time."),
        (0, "0", False, "You did not reach the pass mark this time."),
    ],
)
def test_grading_on_the_server(
    learner_client, learner, home_page, right, score, passed, text
):
    built = quiz_course(home_page)
    enrolled(learner, built)
    start(learner_client, built.quizzes[0])
    attempt = QuizAttempt.objects.get()
    response = learner_client.post(
        lms_url("lms_submit_attempt", attempt.pk),
        answers_for(attempt, right=right),
        follow=True,
    )
    html = response.content.decode()
    assert f"Your score: {score}% (pass mark 80%)" in html
    assert text in html
    attempt.refresh_from_db()
    assert attempt.passed is passed and attempt.status == AttemptStatus.GRADED


def test_multiple_select_is_all_or_nothing(home_page, learner):
    built = make_course(
        home_page, modules=1, questions=1, quiz_settings={"shuffle_choices": False}
    )
    quiz = built.quizzes[0]
    question = quiz.questions.get()
    question.kind = "multiple"
    question.save()
    from courses.models import Choice

    Choice.objects.filter(question=question, sort_order=1).update(is_correct=True)
    enrollment = enrolled(learner, built)
    key = get_quiz_key(quiz)[question.pk]
    assert len(key.correct_choice_ids) == 2

    attempt = start_attempt(enrollment, quiz)
    partial = submit_attempt(attempt, {question.pk: [min(key.correct_choice_ids)]})
    assert partial.score == 0 and not partial.passed

    attempt = start_attempt(enrollment, quiz)
    full = submit_attempt(attempt, {question.pk: sorted(key.correct_choice_ids)})
    assert full.score == 100 and full.passed

    attempt = start_attempt(enrollment, quiz)
    extra = submit_attempt(attempt, {question.pk: sorted(key.choice_ids)})
    assert extra.score == 0


def test_points_weight_the_score(home_page, learner):
    built = quiz_course(home_page)
    quiz = built.quizzes[0]
    heavy = quiz.questions.order_by("sort_order").first()
    heavy.points = 2
    heavy.save()
    attempt = start_attempt(enrolled(learner, built), quiz)
    key = get_quiz_key(quiz)
    answers = {heavy.pk: sorted(key[heavy.pk].correct_choice_ids)}
    graded = submit_attempt(attempt, answers)
    assert graded.score == Decimal("50.00")


def test_replayed_submit_gives_one_graded_attempt(learner_client, learner, home_page):
    built = quiz_course(home_page)
    enrolled(learner, built)
    start(learner_client, built.quizzes[0])
    attempt = QuizAttempt.objects.get()
    url = lms_url("lms_submit_attempt", attempt.pk)
    first = learner_client.post(url, answers_for(attempt, right=0))
    attempt.refresh_from_db()
    graded_at, score = attempt.submitted_at, attempt.score
    second = learner_client.post(url, answers_for(attempt))
    result = lms_url("lms_attempt_result", attempt.pk)
    assert first["Location"] == second["Location"] == result
    attempt.refresh_from_db()
    assert (attempt.submitted_at, attempt.score) == (graded_at, score)
    assert QuizAttempt.objects.count() == 1


# Bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tamper",
    ["foreign_question", "foreign_choice", "score", "passed", "not_an_id", "two_radio"],
)
def test_tampered_answers_are_400_and_nothing_is_saved(
    learner_client, learner, home_page, tamper
):
    built = quiz_course(home_page)
    other_quiz = make_course(home_page, modules=1).quizzes[0]
    enrolled(learner, built)
    start(learner_client, built.quizzes[0])
    attempt = QuizAttempt.objects.get()
    data = answers_for(attempt)
    first = f"q-{attempt.question_ids[0]}"
    other_question = other_quiz.questions.first()
    if tamper == "foreign_question":
        data[f"q-{other_question.pk}"] = [str(other_question.choices.first().pk)]
    elif tamper == "foreign_choice":
        data[first] = [str(other_question.choices.first().pk)]
    elif tamper == "score":
        data["score"] = "100"
    elif tamper == "passed":
        data["passed"] = "true"
    elif tamper == "not_an_id":
        data[first] = ["1 OR 1=1"]
    else:
        data[first] = [str(c) for c in attempt.questions[0]["choices"][:2]]
    response = learner_client.post(lms_url("lms_submit_attempt", attempt.pk), data)
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.score is None and attempt.answers == {}


def test_bad_request_message_is_in_the_learners_language(
    learner_client, learner, home_page
):
    built = quiz_course(home_page)
    enrolled(learner, built)
    start(learner_client, built.quizzes[0])
    attempt = QuizAttempt.objects.get()
    response = learner_client.post(
        lms_url("lms_submit_attempt", attempt.pk, lang="es"), {"score": "100"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "El formulario contenía campos no esperados." in html
    assert "No se guardó nada." in html


def test_another_learners_attempt_is_404(client, learner, home_page):
    built = quiz_course(home_page)
    attempt = start_attempt(enrolled(learner, built), built.quizzes[0])
    intruder = UserFactory()
    client.force_login(intruder)
    assert client.get(lms_url("lms_attempt", attempt.pk)).status_code == 404
    assert client.get(lms_url("lms_attempt_result", attempt.pk)).status_code == 404
    response = client.post(lms_url("lms_submit_attempt", attempt.pk), {})
    assert response.status_code == 404
    assert client.get(lms_url("lms_attempt", 999999)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_anonymous_is_sent_to_sign_in(client, learner, home_page):
    built = quiz_course(home_page)
    attempt = start_attempt(enrolled(learner, built), built.quizzes[0])
    for response in (
        client.get(lms_url("lms_attempt", attempt.pk)),
        client.post(lms_url("lms_submit_attempt", attempt.pk), {}),
        client.post(lms_url("lms_start_attempt", built.quizzes[0].pk)),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_quiz_needs_enrollment(learner_client, home_page):
    built = quiz_course(home_page)
    response = learner_client.post(
        lms_url("lms_start_attempt", built.quizzes[0].pk), follow=True
    )
    assert "Please enroll in the course first." in response.content.decode()
    assert not QuizAttempt.objects.exists()


# Reveal policy ---------------------------------------------------------------------


def _result_html(client, attempt):
    return client.get(lms_url("lms_attempt_result", attempt.pk)).content.decode()


@pytest.mark.parametrize(
    ("policy", "max_attempts", "revealed_after_fail", "revealed_after_pass"),
    [
        ("never", None, False, False),
        ("after_pass", None, False, True),
        ("after_last_attempt", 2, False, True),
    ],
)
def test_reveal_policy_is_respected(
    learner_client,
    learner,
    home_page,
    policy,
    max_attempts,
    revealed_after_fail,
    revealed_after_pass,
):
    built = quiz_course(home_page, reveal_policy=policy, max_attempts=max_attempts)
    quiz = built.quizzes[0]
    enrollment = enrolled(learner, built)

    def take(right):
        attempt = start_attempt(enrollment, quiz)
        data = {
            int(k[2:]): [int(c) for c in v]
            for k, v in answers_for(attempt, right=right).items()
        }
        return submit_attempt(attempt, data)

    failed = take(right=0)
    html = _result_html(learner_client, failed)
    assert ("correct answer" in html) is revealed_after_fail
    assert ("Because." in html) is revealed_after_fail
    assert "Your score: 0%" in html

    passed = take(right=3)
    html = _result_html(learner_client, passed)
    assert ("correct answer" in html) is revealed_after_pass
    assert ("Because." in html) is revealed_after_pass


def test_feedback_in_spanish(learner_client, learner, home_page):
    built = quiz_course(home_page, reveal_policy="after_pass")
    attempt = start_attempt(enrolled(learner, built), built.quizzes[0])
    data = {int(k[2:]): [int(c) for c in v] for k, v in answers_for(attempt).items()}
    submit_attempt(attempt, data)
    html = learner_client.get(
        lms_url("lms_attempt_result", attempt.pk, lang="es")
    ).content.decode()
    assert "Aprobó este cuestionario." in html
    assert "respuesta correcta" in html
    assert "Porque sí." in html


# Query counts ----------------------------------------------------------------------


def test_submit_query_count_does_not_grow_with_questions(client, home_page):
    counts = {}
    for questions in (5, 20):
        built = make_course(home_page, modules=1, questions=questions)
        user = UserFactory()
        client.force_login(user)
        attempt = start_attempt(enrolled(user, built), built.quizzes[0])
        data = answers_for(attempt)
        with CaptureQueriesContext(connection) as captured:
            response = client.post(lms_url("lms_submit_attempt", attempt.pk), data)
        assert response.status_code == 302
        counts[questions] = len(captured)
    assert counts[5] == counts[20]


def test_a_kept_answer_key_follows_a_changed_correct_answer(home_page, learner):
    # The key is kept in the cache after the first grading; the rows publishing
    # writes move the content generation on, so the next submit is graded on the
    # new answer, not the kept one.
    built = make_course(
        home_page, modules=1, questions=1, quiz_settings={"shuffle_choices": False}
    )
    quiz = built.quizzes[0]
    question = quiz.questions.get()
    enrollment = enrolled(learner, built)
    right = min(get_quiz_key(quiz)[question.pk].correct_choice_ids)
    first = submit_attempt(start_attempt(enrollment, quiz), {question.pk: [right]})
    assert first.passed

    for choice in question.choices.all():
        choice.is_correct = choice.pk != right
        choice.save()

    again = submit_attempt(start_attempt(enrollment, quiz), {question.pk: [right]})
    assert again.score == 0 and not again.passed
