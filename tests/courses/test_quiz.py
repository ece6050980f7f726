"""Quizzes: no correctness data in HTML, the grading key, and the authoring rules."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.forms import choice_rule_error
from courses.models import QuizPage
from courses.services import get_quiz_key
from tests.builders import EXPLANATION_MARKER, FEEDBACK_MARKER
from tests.courses.support import url_in


@pytest.mark.parametrize("language", ["en", "es"])
def test_quiz_html_has_no_correctness_data(client, built, language):
    quiz = built.quizzes[0]
    response = client.get(url_in(quiz, language))
    assert response.status_code == 200
    html = response.content.decode()
    # Questions are shown only in an attempt (and Wagtail previews), never here:
    # tests/security/test_quiz_integrity.py proves both.
    assert ("Question 1?" if language == "en" else "¿Pregunta 1?") not in html
    assert ("Choice A" if language == "en" else "Opción A") not in html
    for marker in ("is_correct", "correct=", FEEDBACK_MARKER, EXPLANATION_MARKER):
        assert marker not in html
    assert " checked" not in html


def test_quiz_key_is_read_in_one_query(built, django_assert_num_queries):
    quiz = built.quizzes[0]
    with django_assert_num_queries(1):
        key = get_quiz_key(quiz)
    questions = list(quiz.questions.all())
    assert list(key) == [q.pk for q in questions]
    for question in questions:
        entry = key[question.pk]
        choices = list(question.choices.all())
        assert entry.kind == "single"
        assert entry.points == 1
        assert entry.choice_ids == {c.pk for c in choices}
        assert entry.correct_choice_ids == {choices[0].pk}


@pytest.mark.parametrize(
    ("kind", "total", "correct", "ok"),
    [
        ("single", 3, 1, True),
        ("single", 3, 2, False),
        ("single", 3, 0, False),
        ("true_false", 2, 1, True),
        ("true_false", 3, 1, False),
        ("multiple", 4, 2, True),
        ("multiple", 4, 0, False),
        ("multiple", 1, 1, False),
    ],
)
def test_choice_rules(kind, total, correct, ok):
    assert (choice_rule_error(kind, total, correct) is None) is ok


def _quiz_form(correct_flags, *, kind="single", draw=""):
    choices = [
        {
            "text_en": f"Choice {index}",
            "text_es": f"Opción {index}",
            "is_correct": "on" if flag else "",
            "feedback_en": "",
            "feedback_es": "",
        }
        for index, flag in enumerate(correct_flags)
    ]
    choices = [{k: v for k, v in c.items() if v != ""} for c in choices]
    return nested_form_data(
        {
            "title_en": "New quiz",
            "title_es": "Nuevo cuestionario",
            "slug_en": "new-quiz",
            "slug_es": "nuevo-cuestionario",
            "intro_en": "",
            "intro_es": "",
            "pass_mark": "80",
            "max_attempts": "",
            "cooldown_minutes": "0",
            "time_limit_minutes": "",
            "shuffle_questions": "on",
            "draw_count": draw,
            "reveal_policy": "after_pass",
            "required_for_completion": "on",
            "questions": inline_formset(
                [
                    {
                        "kind": kind,
                        "points": "1",
                        "text_en": "Which?",
                        "text_es": "¿Cuál?",
                        "explanation_en": "",
                        "explanation_es": "",
                        "choices": inline_formset(choices, min=2),
                    }
                ]
            ),
            "comments": inline_formset([]),
        }
    )


def _add_quiz_url(module):
    return reverse("wagtailadmin_pages:add", args=("courses", "quizpage", module.pk))


def test_admin_refuses_a_single_choice_question_with_two_right_answers(
    client, built, program_admin
):
    client.force_login(program_admin)
    response = client.post(_add_quiz_url(built.modules[0]), _quiz_form([True, True]))
    assert response.status_code == 200
    assert "Mark exactly one choice as correct" in response.content.decode()
    assert not QuizPage.objects.filter(slug_en="new-quiz").exists()


def test_admin_refuses_to_draw_more_questions_than_the_pool(
    client, built, program_admin
):
    client.force_login(program_admin)
    response = client.post(
        _add_quiz_url(built.modules[0]), _quiz_form([True, False], draw="5")
    )
    assert response.status_code == 200
    assert not QuizPage.objects.filter(slug_en="new-quiz").exists()


def test_admin_saves_a_valid_quiz_with_nested_choices(client, built, program_admin):
    client.force_login(program_admin)
    response = client.post(
        _add_quiz_url(built.modules[0]), _quiz_form([False, True, False])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    quiz = QuizPage.objects.get(slug_en="new-quiz")
    question = quiz.questions.get()
    assert question.text_es == "¿Cuál?"
    assert [c.is_correct for c in question.choices.all()] == [False, True, False]
