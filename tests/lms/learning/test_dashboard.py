"""The learner dashboard: courses, next steps, quiz results, credit hours, panels."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail import hooks

from courses.services import get_quiz_key
from lms.hooks import DASHBOARD_PANELS
from lms.learning.dashboard import DashboardPanel
from lms.learning.services.attempts import start_attempt, submit_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from lms.models import Enrollment
from tests.builders import make_catalogue, make_course
from tests.factories import UserFactory
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "empty", "browse"),
    [
        (
            "en",
            "You are not enrolled in any course yet.",
            "Browse the course catalogue",
        ),
        ("es", "Todavía no está inscrito", "Explorar el catálogo de cursos"),
    ],
)
def test_empty_state_points_to_the_catalogue(
    learner_client, home_page, lang, empty, browse
):
    catalogue = make_catalogue(home_page)
    html = learner_client.get(lms_url("dashboard", lang=lang)).content.decode()
    assert empty in html
    assert browse in html
    assert f'href="{page_url(catalogue, lang)}"' in html


def test_dashboard_needs_sign_in(client):
    response = client.get(lms_url("dashboard"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_my_courses_with_progress_and_next_step(learner_client, learner, home_page):
    built = make_course(home_page, modules=2, lessons_per_module=2)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    mark_lesson_complete(enrollment, built.lessons[0])
    html = learner_client.get(lms_url("dashboard")).content.decode()
    # A completed lesson is not where one continues: the next item is.
    assert f'href="{page_url(built.lessons[1])}"' in html
    learner_client.post(lms_url("lms_take_a_break", built.lessons[2].pk))
    html = learner_client.get(lms_url("dashboard")).content.decode()
    assert "My courses" in html
    assert built.course.title in html
    assert "1 of 6 done" in html
    # The page left for a break is where the learner continues.
    assert f'href="{page_url(built.lessons[2])}"' in html
    assert "Continue where you left off" in html
    assert f"Next step: {built.lessons[1].title}" in html

    html = learner_client.get(lms_url("dashboard", lang="es")).content.decode()
    assert "1 de 6 concluidos" in html
    assert f'href="{page_url(built.lessons[2], "es")}"' in html


def test_quiz_results_and_completed_courses_with_credit_hours(
    learner_client, learner, home_page
):
    done_courses = [
        make_course(home_page, modules=1, lessons_per_module=1, credit_hours=hours)
        for hours in (Decimal("2.5"), Decimal("4.0"))
    ]
    for built in done_courses:
        enrollment = acknowledge_content_note(enroll_user(learner, built.course))
        mark_lesson_complete(enrollment, built.lessons[0])
        attempt = start_attempt(enrollment, built.quizzes[0])
        key = get_quiz_key(attempt.quiz_id)
        submit_attempt(
            attempt,
            {q: sorted(key[q].correct_choice_ids) for q in attempt.question_ids},
        )
    html = learner_client.get(lms_url("dashboard")).content.decode()
    assert "Quiz results" in html
    assert "100%" in html and "Passed" in html
    assert "Completed courses" in html
    assert "Total credit hours: 6.5" in html
    assert Enrollment.objects.filter(completed_at__isnull=False).count() == 2


def test_other_apps_panels_still_render(learner_client, home_page):
    def panel(request):
        return DashboardPanel(
            title="Certificates panel",
            template_name="lms/tags/progress_bar.html",
        )

    with hooks.register_temporarily(DASHBOARD_PANELS, panel):
        html = learner_client.get(lms_url("dashboard")).content.decode()
    assert "Certificates panel" in html


def test_dashboard_query_count_does_not_grow_with_enrollments(client, home_page):
    courses = [
        make_course(home_page, modules=1, lessons_per_module=1) for _ in range(20)
    ]
    counts = {}
    for size in (2, 20):
        user = UserFactory()
        for built in courses[:size]:
            enrollment = acknowledge_content_note(enroll_user(user, built.course))
            mark_lesson_complete(enrollment, built.lessons[0])
            attempt = start_attempt(enrollment, built.quizzes[0])
            submit_attempt(attempt, {})
        client.force_login(user)
        client.get(lms_url("dashboard"))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(lms_url("dashboard"))
        assert response.status_code == 200
        assert response.content.decode().count('class="dashboard-course"') == size
        counts[size] = len(captured)
    assert counts[2] == counts[20]


def _complete(learner, built):
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    for lesson in built.lessons:
        mark_lesson_complete(enrollment, lesson)
    for quiz in built.quizzes:
        attempt = start_attempt(enrollment, quiz)
        key = get_quiz_key(attempt.quiz_id)
        submit_attempt(
            attempt,
            {q: sorted(key[q].correct_choice_ids) for q in attempt.question_ids},
        )
    enrollment.refresh_from_db()
    assert enrollment.completed_at
    return enrollment


def test_a_quiz_shows_its_best_score_once_with_its_attempts_and_date(
    learner_client, learner, home_page
):
    built = make_course(
        home_page,
        modules=1,
        lessons_per_module=2,
        quiz_settings={"cooldown_minutes": 0},
    )
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    quiz = built.quizzes[0]
    submit_attempt(start_attempt(enrollment, quiz), {})
    attempt = start_attempt(enrollment, quiz)
    key = get_quiz_key(quiz.pk)
    best = submit_attempt(
        attempt, {q: sorted(key[q].correct_choice_ids) for q in attempt.question_ids}
    )
    html = learner_client.get(lms_url("dashboard")).content.decode()
    # One line for the quiz, linking its best attempt; not one row per attempt.
    assert html.count('class="quiz-summary"') == 1
    assert "Best score: 100%" in html
    assert f'href="{lms_url("lms_attempt_result", best.pk)}"' in html
    assert "2 attempts, the last on" in html
    html = learner_client.get(lms_url("dashboard", lang="es")).content.decode()
    assert "Mejor calificación: 100%" in html
    assert "2 intentos, el último el" in html


@pytest.mark.parametrize(
    ("lang", "download", "share"),
    [
        ("en", "Download your certificate (PDF)", "verification page"),
        ("es", "Descargar su constancia (PDF)", "página de verificación"),
    ],
)
def test_a_completed_course_offers_its_certificate_on_the_course_page_and_dashboard(
    learner_client, learner, home_page, lang, download, share
):
    from certificates.services import issue_certificate, verification_url

    built = make_course(home_page, modules=1, lessons_per_module=1)
    certificate = issue_certificate(_complete(learner, built))
    with translation.override(lang):
        download_url = reverse("certificates:download", args=[certificate.code])
        transcript_url = reverse("certificates:transcript_pdf")
        share_url = verification_url(certificate, lang)
    for url in (page_url(built.course, lang), lms_url("dashboard", lang=lang)):
        html = learner_client.get(url).content.decode()
        assert (
            f'<a class="button" href="{download_url}" download>{download}</a>' in html
        )
        assert f'href="{share_url}"' in html and share in html
        assert f'href="{transcript_url}"' in html
    course_page = learner_client.get(page_url(built.course, lang)).content.decode()
    # Leaving a course already completed would change nothing: not offered.
    assert lms_url("lms_leave", built.course.pk, lang=lang) not in course_page


def test_a_completion_waiting_for_approval_says_so_instead(
    learner_client, learner, home_page
):
    from certificates.services import request_certificate

    built = make_course(
        home_page, modules=1, lessons_per_module=1, certificate_issue_mode="approval"
    )
    request_certificate(_complete(learner, built))
    html = learner_client.get(page_url(built.course)).content.decode()
    assert "awaiting approval by a program administrator" in html
    assert "Download your certificate" not in html
