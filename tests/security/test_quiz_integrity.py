"""Quiz integrity: nothing a learner receives before grading tells the answers.

Puente's learner pages carry no JavaScript and no JSON of their own; these tests
walk every page a learner sees around a quiz and prove it, so a JSON data block or
endpoint added later has to keep correctness data out too. The quiz page itself no
longer lists the questions (a pool quiz would show its whole pool); only editors'
Wagtail previews do.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from courses.services import get_quiz_key
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import QuizAttempt
from tests.builders import make_course
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
INPUT = re.compile(r"<input\b[^>]*>", re.I)


def pool_course(home_page):
    """A quiz drawing 2 of a pool of 6 questions."""
    return make_course(
        home_page,
        modules=1,
        lessons_per_module=1,
        questions=6,
        quiz_settings={"draw_count": 2, "shuffle_choices": False},
    )


def question_texts(language: str) -> list[str]:
    return [
        f"Question {n}?" if language == "en" else f"¿Pregunta {n}?" for n in range(1, 7)
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_learner_never_sees_the_question_pool_on_the_quiz_page(
    client, learner, home_page, language
):
    built = pool_course(home_page)
    quiz = built.quizzes[0]
    acknowledge_content_note(enroll_user(learner, built.course))
    for who in ("anonymous", "learner"):
        if who == "learner":
            client.force_login(learner)
        response = client.get(page_url(quiz, language))
        assert response.status_code == 200, who
        html = response.content.decode()
        assert quiz.title in html or quiz.title_es in html
        for text in question_texts(language):
            assert text not in html, (who, text)
        assert "Choice A" not in html and "Opción A" not in html


def test_the_attempt_shows_only_the_drawn_questions(client, learner, home_page):
    built = pool_course(home_page)
    quiz = built.quizzes[0]
    acknowledge_content_note(enroll_user(learner, built.course))
    client.force_login(learner)
    client.post(lms_url("lms_start_attempt", quiz.pk))
    attempt = QuizAttempt.objects.get()
    html = client.get(lms_url("lms_attempt", attempt.pk)).content.decode()
    shown = [text for text in question_texts("en") if text in html]
    assert len(shown) == 2


@pytest.mark.parametrize("language", ["en", "es"])
def test_editors_previews_still_list_the_questions(home_page, language):
    quiz = pool_course(home_page).quizzes[0]
    response = quiz.make_preview_request(preview_mode=language)
    assert response.status_code == 200
    html = response.content.decode()
    for text in question_texts(language):
        assert text in html
    for marker in ("is_correct", "Because.", "Porque sí."):
        assert marker not in html


def _learner_pages(client, built, attempt) -> dict[str, object]:
    quiz = built.quizzes[0]
    pages = {}
    for language in ("en", "es"):
        urls = {
            "course": page_url(built.course, language),
            "module": page_url(built.modules[0], language),
            "lesson": page_url(built.lessons[0], language),
            "quiz": page_url(quiz, language),
            "attempt": lms_url("lms_attempt", attempt.pk, lang=language),
            "dashboard": lms_url("dashboard", lang=language),
            "profile": lms_url("profile", lang=language),
        }
        with translation.override(language):
            urls["transcript"] = reverse("certificates:transcript")
        for name, url in urls.items():
            pages[f"{name} ({language})"] = client.get(url)
    return pages


def test_no_json_or_script_data_carries_correctness_before_grading(
    client, learner, home_page
):
    built = pool_course(home_page)
    quiz = built.quizzes[0]
    acknowledge_content_note(enroll_user(learner, built.course))
    client.force_login(learner)
    client.post(lms_url("lms_start_attempt", quiz.pk))
    attempt = QuizAttempt.objects.get()
    key = get_quiz_key(quiz)
    correct_ids = {
        str(choice_id)
        for entry in key.values()
        for choice_id in entry.correct_choice_ids
    }

    for name, response in _learner_pages(client, built, attempt).items():
        assert response.status_code == 200, name
        assert "json" not in response.get("Content-Type", ""), name
        html = response.content.decode()
        for attributes, body in SCRIPT.findall(html):
            # Only external scripts or JSON data blocks; neither may hold a key.
            assert body.strip() == "" or "json" in attributes.lower(), name
            for word in ("correct", "is_correct", "explanation", "feedback"):
                assert word not in body.lower(), (name, word)
        assert "is_correct" not in html and "data-correct" not in html, name

    # On the attempt page a right choice's input looks exactly like a wrong one's,
    # apart from its own id and value.
    html = client.get(lms_url("lms_attempt", attempt.pk)).content.decode()
    shapes = {"right": set(), "wrong": set()}
    for tag in INPUT.findall(html):
        value = re.search(r'value="(\d+)"', tag)
        if not value or 'name="q-' not in tag:
            continue
        shape = re.sub(r'(id|value)="[^"]*"', "", tag)
        shape = re.sub(r'name="[^"]*"', "", shape)
        shapes["right" if value.group(1) in correct_ids else "wrong"].add(shape)
    assert shapes["right"] and shapes["wrong"]
    assert shapes["right"] == shapes["wrong"]
