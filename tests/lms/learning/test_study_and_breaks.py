"""Failed attempts teach (the lessons that cover the missed questions, without the
key) and "Take a break" during a quiz keeps the answers chosen so far."""

import pytest

from courses.models import Question
from courses.services import get_quiz_key
from lms.learning.services.attempts import start_attempt, submit_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import QuizAttempt
from tests.builders import make_course
from tests.lms.learning.support import answers_for
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db


def _enrolled(learner, built):
    return acknowledge_content_note(enroll_user(learner, built.course))


def _submit(attempt, right):
    data = answers_for(attempt, right=right)
    return submit_attempt(
        attempt, {int(k[2:]): [int(c) for c in v] for k, v in data.items()}
    )


def _correct_texts(attempt) -> list[str]:
    key = get_quiz_key(attempt.quiz_id)
    texts = []
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        for choice in question.choices.all():
            if choice.pk in key[question.pk].correct_choice_ids:
                texts.append(choice.text)
    return texts


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "What to review before trying again"), ("es", "Qué repasar antes")],
)
def test_a_failed_attempt_links_the_module_lessons_for_the_missed_questions(
    learner_client, learner, home_page, lang, heading
):
    built = make_course(
        home_page,
        modules=2,
        lessons_per_module=2,
        questions=3,
        quiz_settings={"shuffle_questions": False, "shuffle_choices": False},
    )
    attempt = _submit(start_attempt(_enrolled(learner, built), built.quizzes[0]), 1)
    html = learner_client.get(
        lms_url("lms_attempt_result", attempt.pk, lang=lang)
    ).content.decode()
    assert heading in html
    # No lesson named by the questions: the quiz's own module's lessons, not module 2's.
    for lesson in built.lessons[:2]:
        assert f'href="{page_url(lesson, lang)}"' in html
    for lesson in built.lessons[2:]:
        assert f'href="{page_url(lesson, lang)}"' not in html
    # The missed questions are named; the one answered right is not.
    missed = {
        "en": ["Question 2?", "Question 3?"],
        "es": ["¿Pregunta 2?", "¿Pregunta 3?"],
    }[lang]
    for text in missed:
        assert text in html
    assert ("Question 1?" if lang == "en" else "¿Pregunta 1?") not in html
    # The key stays hidden: no right choice, no feedback, no explanation.
    for text in ("Choice A", "Opción A", "feedback-marker", "explanation-marker"):
        assert text.lower() not in html.lower()


def test_the_lessons_a_question_names_are_the_ones_offered(
    learner_client, learner, home_page
):
    built = make_course(home_page, modules=1, lessons_per_module=3, questions=2)
    chosen = built.lessons[2]
    for question in built.quizzes[0].questions.all():
        question.lessons.set([chosen])
        question.save()
    attempt = _submit(start_attempt(_enrolled(learner, built), built.quizzes[0]), 0)
    html = learner_client.get(lms_url("lms_attempt_result", attempt.pk)).text
    study = html.split('class="study panel"', 1)[1].split("</section>", 1)[0]
    assert f'href="{page_url(chosen)}"' in study
    for other in built.lessons[:2]:
        assert f'href="{page_url(other)}"' not in study
    assert "The 2 questions you missed here" in study


def test_a_two_choice_question_is_not_named_while_the_key_is_hidden(
    learner_client, learner, home_page
):
    built = make_course(
        home_page, modules=1, questions=2, quiz_settings={"max_attempts": 3}
    )
    quiz = built.quizzes[0]
    Question.objects.filter(quiz=quiz, sort_order=1).update(kind="true_false")
    true_false = Question.objects.get(quiz=quiz, sort_order=1)
    true_false.choices.exclude(sort_order__in=[0, 1]).delete()
    attempt = _submit(start_attempt(_enrolled(learner, built), quiz), 0)
    html = learner_client.get(lms_url("lms_attempt_result", attempt.pk)).text
    # Saying it was missed would give its answer away; its lessons are still offered.
    assert "Question 2?" not in html
    assert "Question 1?" in html
    assert f'href="{page_url(built.lessons[0])}"' in html


def test_nothing_to_review_after_a_perfect_attempt(learner_client, learner, home_page):
    built = make_course(home_page, modules=1)
    attempt = _submit(start_attempt(_enrolled(learner, built), built.quizzes[0]), None)
    html = learner_client.get(lms_url("lms_attempt_result", attempt.pk)).text
    assert 'class="study panel"' not in html
    for text in _correct_texts(attempt):
        assert text in html  # revealed after a pass, as the quiz's policy says


@pytest.mark.parametrize("lang", ["en", "es"])
def test_take_a_break_keeps_the_answers_and_ticks_them_again(
    learner_client, learner, home_page, lang
):
    built = make_course(home_page, modules=1, questions=3)
    quiz = built.quizzes[0]
    attempt = start_attempt(_enrolled(learner, built), quiz)
    first, second = attempt.questions[0], attempt.questions[1]
    data = {
        f"q-{first['id']}": [str(first["choices"][1])],
        f"q-{second['id']}": [str(second["choices"][0])],
    }
    response = learner_client.post(
        lms_url("lms_pause_attempt", attempt.pk, lang=lang), data
    )
    assert response.status_code == 302
    assert response["Location"] == f"{lms_url('lms_break', lang=lang)}?page={quiz.pk}"
    attempt.refresh_from_db()
    assert not attempt.is_graded
    assert attempt.answers == {
        str(first["id"]): [first["choices"][1]],
        str(second["id"]): [second["choices"][0]],
    }
    html = learner_client.get(lms_url("lms_attempt", attempt.pk, lang=lang)).text
    assert f'value="{first["choices"][1]}" checked' in html
    assert f'value="{second["choices"][0]}" checked' in html
    assert f'value="{first["choices"][0]}" checked' not in html
    # The break page leads back to the quiz, which offers the open attempt.
    back = learner_client.get(response["Location"]).text
    assert f'href="{page_url(quiz, lang)}"' in back


def test_take_a_break_refuses_foreign_answers_and_saves_nothing(
    learner_client, learner, home_page
):
    built = make_course(home_page, modules=2, questions=2)
    enrollment = _enrolled(learner, built)
    attempt = start_attempt(enrollment, built.quizzes[0])
    other = built.quizzes[1].questions.first()
    response = learner_client.post(
        lms_url("lms_pause_attempt", attempt.pk),
        {f"q-{other.pk}": [str(other.choices.first().pk)]},
    )
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_take_a_break_on_someone_elses_attempt_is_not_found(client, learner, home_page):
    from tests.factories import UserFactory

    built = make_course(home_page, modules=1)
    attempt = start_attempt(_enrolled(learner, built), built.quizzes[0])
    client.force_login(UserFactory())
    assert client.post(lms_url("lms_pause_attempt", attempt.pk), {}).status_code == 404


def test_an_attempt_whose_time_ran_out_is_graded_on_the_kept_answers(
    learner_client, learner, home_page
):
    from datetime import timedelta

    from django.utils import timezone

    built = make_course(
        home_page, modules=1, questions=1, quiz_settings={"time_limit_minutes": 5}
    )
    enrollment = _enrolled(learner, built)
    attempt = start_attempt(enrollment, built.quizzes[0])
    key = get_quiz_key(attempt.quiz_id)
    question = attempt.questions[0]["id"]
    right = sorted(key[question].correct_choice_ids)
    learner_client.post(
        lms_url("lms_pause_attempt", attempt.pk),
        {f"q-{question}": [str(c) for c in right]},
    )
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(hours=1)
    )
    start_attempt(enrollment, built.quizzes[0])
    attempt.refresh_from_db()
    assert attempt.is_graded and attempt.passed and attempt.late
