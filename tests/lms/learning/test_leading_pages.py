"""Learner pages that lead (issue 18): the question count a quiz page shows, where
"Continue" goes after a lesson or a passed quiz, "Try again" as the second choice,
cooldown times with their time zone, and what the result page says about answers."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.learning.services.attempts import start_attempt, submit_attempt
from lms.learning.services.lessons import mark_lesson_complete
from lms.learning.services.next_step import next_step_after
from lms.learning.services.progress import get_course_progress
from lms.models import QuizAttempt
from tests.builders import make_course
from tests.lms.learning.support import answers_for
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db


def _enrolled(learner, built):
    from lms.learning.services.enrollment import acknowledge_content_note, enroll_user

    return acknowledge_content_note(enroll_user(learner, built.course))


def _graded(enrollment, quiz, *, right=None):
    attempt = start_attempt(enrollment, quiz)
    data = answers_for(attempt, right=right)
    return submit_attempt(
        attempt, {int(k[2:]): [int(c) for c in v] for k, v in data.items()}
    )


def _primary_href(html: str, css_class: str = "attempt-result__actions") -> str:
    block = html.split(f'class="actions {css_class}"', 1)[1]
    return re.search(r'<a class="button" href="([^"]+)"', block).group(1)


@pytest.mark.parametrize(
    ("lang", "label", "drawn"),
    [
        ("en", "Questions", "4, drawn at random from a bank of 6"),
        ("es", "Preguntas", "4, elegidas al azar de un banco de 6"),
    ],
)
def test_a_live_quiz_page_counts_the_questions_an_attempt_asks(
    client, home_page, lang, label, drawn
):
    every = make_course(home_page, modules=1, questions=5)
    pool = make_course(
        home_page, modules=1, questions=6, quiz_settings={"draw_count": 4}
    )
    html = client.get(page_url(every.quizzes[0], lang)).content.decode()
    assert re.search(rf"<dt>{label}</dt>\s*<dd>5</dd>", html), html
    html = client.get(page_url(pool.quizzes[0], lang)).content.decode()
    assert f"<dd>{drawn}</dd>" in html
    assert "<dd>0</dd>" not in html


def test_next_step_is_the_next_item_not_done_then_wraps_then_none(learner, home_page):
    built = make_course(home_page, modules=2, lessons_per_module=2)
    enrollment = _enrolled(learner, built)
    first_lesson, second_lesson = built.lessons[:2]
    progress = get_course_progress(enrollment)
    assert next_step_after(progress, first_lesson.pk).pk == second_lesson.pk
    mark_lesson_complete(enrollment, second_lesson)
    progress = get_course_progress(enrollment)
    # Done items are skipped...
    assert next_step_after(progress, first_lesson.pk).pk == built.quizzes[0].pk
    # ...and after the last item it comes back to the first one not done.
    assert next_step_after(progress, built.quizzes[1].pk).pk == first_lesson.pk


@pytest.mark.parametrize("lang", ["en", "es"])
def test_mark_complete_and_continue_leads_to_the_next_item_not_done(
    learner_client, learner, home_page, lang
):
    built = make_course(home_page, modules=1, lessons_per_module=3)
    enrollment = _enrolled(learner, built)
    mark_lesson_complete(enrollment, built.lessons[1])
    response = learner_client.post(
        lms_url("lms_lesson_complete", built.lessons[0].pk, lang=lang)
    )
    assert response["Location"] == page_url(built.lessons[2], lang)
    html = learner_client.get(page_url(built.lessons[0], lang)).content.decode()
    continue_label = {"en": "Continue to the next item", "es": "Continuar con lo"}
    assert continue_label[lang] in html
    assert f'href="{page_url(built.lessons[2], lang)}"' in html


@pytest.mark.parametrize(
    ("lang", "again"), [("en", "Try again"), ("es", "Intentarlo de nuevo")]
)
def test_after_passing_the_primary_action_continues_and_try_again_is_secondary(
    learner_client, learner, home_page, lang, again
):
    built = make_course(home_page, modules=2, lessons_per_module=1)
    enrollment = _enrolled(learner, built)
    attempt = _graded(enrollment, built.quizzes[0])
    assert attempt.passed
    html = learner_client.get(
        lms_url("lms_attempt_result", attempt.pk, lang=lang)
    ).content.decode()
    # The first lesson is not done: after the quiz comes module 2's lesson.
    assert _primary_href(html) == page_url(built.lessons[1], lang)
    assert f'class="button--secondary">{again}</button>' in html
    quiz_page = learner_client.get(page_url(built.quizzes[0], lang)).content.decode()
    assert f'href="{page_url(built.lessons[1], lang)}"' in quiz_page
    assert f'class="button--secondary">{again}</button>' in quiz_page


def test_passing_the_last_item_leads_to_the_certificate_on_the_course_page(
    learner_client, learner, home_page
):
    built = make_course(home_page, modules=1, lessons_per_module=1)
    enrollment = _enrolled(learner, built)
    mark_lesson_complete(enrollment, built.lessons[0])
    attempt = _graded(enrollment, built.quizzes[0])
    html = learner_client.get(
        lms_url("lms_attempt_result", attempt.pk)
    ).content.decode()
    assert _primary_href(html) == page_url(built.course) + "#your-learning"
    assert "See your certificate and completion" in html


def test_a_failed_attempt_leads_to_try_again_and_says_what_is_left(
    learner_client, learner, home_page
):
    built = make_course(
        home_page, modules=1, quiz_settings={"max_attempts": 3, "cooldown_minutes": 0}
    )
    attempt = _graded(_enrolled(learner, built), built.quizzes[0], right=0)
    html = learner_client.get(
        lms_url("lms_attempt_result", attempt.pk)
    ).content.decode()
    actions = html.split('class="actions attempt-result__actions"', 1)[1]
    assert actions.index(">Try again</button>") < actions.index("Back to the course")
    assert "You have 2 attempts left." in html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", r"try again after \d{1,2}:\d\d [ap]\.m\. \(C[SD]T\)\. Taking"),
        (
            "es",
            r"Podrá intentarlo de nuevo después de las \d\d:\d\d \(C[SD]T\)\. Hacer",
        ),
    ],
)
def test_the_end_of_a_cooldown_has_its_time_zone_and_one_full_stop(
    learner_client, learner, home_page, lang, expected
):
    built = make_course(home_page, modules=1, quiz_settings={"cooldown_minutes": 90})
    attempt = _graded(_enrolled(learner, built), built.quizzes[0], right=0)
    for url in (
        page_url(built.quizzes[0], lang),
        lms_url("lms_attempt_result", attempt.pk, lang=lang),
    ):
        html = learner_client.get(url).content.decode()
        assert re.search(expected, html), url
        assert ".." not in re.sub(r"<[^>]+>", "", html).replace("...", "")


@pytest.mark.parametrize(
    ("lang", "hidden", "later"),
    [
        (
            "en",
            "for your next attempts",
            "only after your last attempt",
        ),
        ("es", "sus próximos intentos", "solo después de su último intento"),
    ],
)
def test_after_passing_a_quiz_that_reveals_late_it_does_not_speak_of_next_attempts(
    learner_client, learner, home_page, lang, hidden, later
):
    built = make_course(
        home_page,
        modules=1,
        quiz_settings={"reveal_policy": "after_last_attempt", "max_attempts": 3},
    )
    attempt = _graded(_enrolled(learner, built), built.quizzes[0])
    html = learner_client.get(
        lms_url("lms_attempt_result", attempt.pk, lang=lang)
    ).content.decode()
    assert later in html
    assert hidden not in html


def test_the_result_page_of_an_old_attempt_still_leads_on_once_passed(
    learner_client, learner, home_page
):
    built = make_course(home_page, modules=2, quiz_settings={"cooldown_minutes": 0})
    enrollment = _enrolled(learner, built)
    failed = _graded(enrollment, built.quizzes[0], right=0)
    QuizAttempt.objects.filter(pk=failed.pk).update(
        submitted_at=timezone.now() - timedelta(hours=1)
    )
    _graded(enrollment, built.quizzes[0])
    html = learner_client.get(lms_url("lms_attempt_result", failed.pk)).content.decode()
    assert "Continue to the next item" in html


@pytest.mark.parametrize(
    ("lang", "start", "resume"),
    [
        ("en", "Start this module", "Continue this module"),
        ("es", "Comenzar este módulo", "Continuar este módulo"),
    ],
)
def test_a_module_page_leads_to_its_first_item_not_done(
    learner_client, learner, home_page, lang, start, resume
):
    built = make_course(home_page, modules=2, lessons_per_module=2)
    enrollment = _enrolled(learner, built)
    module = built.modules[1]
    html = learner_client.get(page_url(module, lang)).content.decode()
    assert (
        f'<a class="button" href="{page_url(built.lessons[2], lang)}">{start}' in html
    )
    mark_lesson_complete(enrollment, built.lessons[2])
    html = learner_client.get(page_url(module, lang)).content.decode()
    assert (
        f'<a class="button" href="{page_url(built.lessons[3], lang)}">{resume}' in html
    )
