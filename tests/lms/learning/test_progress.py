"""Lesson completion, the progress bar, taking a break and continuing, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from lms.learning.services.progress import get_course_progress
from lms.models import Enrollment, LessonProgress
from tests.builders import make_course
from tests.factories import UserFactory
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "marked", "bar"),
    [
        ("en", "Lesson marked as complete.", "Your progress: 1 of 6 done"),
        ("es", "Lección marcada como concluida.", "Su avance: 1 de 6 concluidos"),
    ],
)
def test_marking_a_lesson_complete_moves_to_the_next_item(
    learner_client, enrollment, built, lang, marked, bar
):
    first, second = built.lessons[:2]
    html = learner_client.get(page_url(first, lang)).content.decode()
    assert "0 of 6" in html or "0 de 6" in html

    response = learner_client.post(lms_url("lms_lesson_complete", first.pk, lang=lang))
    assert response["Location"] == page_url(second, lang)
    html = learner_client.get(response["Location"]).content.decode()
    assert marked in html
    assert bar in html
    html = learner_client.get(page_url(first, lang)).content.decode()
    assert lms_url("lms_lesson_complete", first.pk, lang=lang) not in html


def test_progress_survives_switching_language(learner_client, enrollment, built):
    lesson = built.lessons[0]
    learner_client.post(lms_url("lms_lesson_complete", lesson.pk, lang="en"))
    html = learner_client.get(page_url(lesson, "es")).content.decode()
    assert "Ya concluyó esta lección." in html
    assert "Su avance: 1 de 6 concluidos" in html
    learner_client.post(lms_url("lms_lesson_complete", built.lessons[1].pk, lang="es"))
    html = learner_client.get(page_url(built.course, "en")).content.decode()
    assert "Your progress: 2 of 6 done" in html
    assert LessonProgress.objects.count() == 2


def test_completing_twice_records_one_row(learner_client, enrollment, built):
    url = lms_url("lms_lesson_complete", built.lessons[0].pk)
    learner_client.post(url)
    learner_client.post(url)
    assert LessonProgress.objects.count() == 1


def test_not_enrolled_learner_cannot_complete_a_lesson(learner_client, built):
    response = learner_client.post(
        lms_url("lms_lesson_complete", built.lessons[0].pk), follow=True
    )
    assert "Please enroll in the course first." in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_unknown_lesson_is_404(learner_client, enrollment, built):
    assert (
        learner_client.post(lms_url("lms_lesson_complete", 999999)).status_code == 404
    )
    quiz = built.quizzes[0]
    assert (
        learner_client.post(lms_url("lms_lesson_complete", quiz.pk)).status_code == 404
    )


@pytest.mark.parametrize(
    ("lang", "calm", "back"),
    [
        ("en", "Your place is saved.", "Return to where I was"),
        ("es", "Su lugar quedó guardado.", "Volver a donde me quedé"),
    ],
)
def test_take_a_break_saves_the_place_and_continues_there(
    learner_client, enrollment, built, lang, calm, back
):
    lesson = built.lessons[2]
    html = learner_client.get(page_url(lesson, lang)).content.decode()
    assert lms_url("lms_take_a_break", lesson.pk, lang=lang) in html

    response = learner_client.post(
        lms_url("lms_take_a_break", lesson.pk, lang=lang), follow=True
    )
    html = response.content.decode()
    assert calm in html
    assert back in html
    assert f'href="{page_url(lesson, lang)}"' in html
    assert Enrollment.objects.get(pk=enrollment.pk).last_page_id == lesson.pk

    html = learner_client.get(page_url(built.course, lang)).content.decode()
    assert f'href="{page_url(lesson, lang)}"' in html
    assert (
        "Continue where you left off" if lang == "en" else "Continuar donde"
    ) in html


def test_every_quiz_page_offers_a_break(learner_client, enrollment, built):
    quiz = built.quizzes[0]
    html = learner_client.get(page_url(quiz)).content.decode()
    assert lms_url("lms_take_a_break", quiz.pk) in html


def test_previous_and_next_links_on_a_lesson(learner_client, enrollment, built):
    html = learner_client.get(page_url(built.lessons[1])).content.decode()
    assert f'href="{page_url(built.lessons[0])}"' in html
    assert f'href="{page_url(built.quizzes[0])}"' in html


def test_course_progress_counts_lessons_and_required_quizzes(home_page, learner):
    built = make_course(home_page, modules=2, lessons_per_module=1)
    optional = built.quizzes[1]
    optional.required_for_completion = False
    optional.save_revision().publish()
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    progress = get_course_progress(enrollment)
    assert (progress.done, progress.total) == (0, 3)
    assert progress.next_item.pk == built.lessons[0].pk
    mark_lesson_complete(enrollment, built.lessons[0])
    progress = get_course_progress(enrollment)
    assert (progress.done, progress.total, progress.percent) == (1, 3, 33)
    assert progress.next_item.pk == built.quizzes[0].pk


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_course_and_lesson_pages_query_count_does_not_grow(client, home_page):
    counts = {}
    for modules in (3, 30):
        built = make_course(home_page, modules=modules, lessons_per_module=1)
        user = UserFactory()
        enrollment = acknowledge_content_note(enroll_user(user, built.course))
        mark_lesson_complete(enrollment, built.lessons[0])
        client.force_login(user)
        _queries(client, page_url(built.course))  # warm caches (site, content types)
        counts[modules] = (
            _queries(client, page_url(built.course)),
            _queries(client, page_url(built.lessons[1])),
            _queries(client, page_url(built.quizzes[1])),
        )
    assert counts[3] == counts[30]


def test_outline_marks_done_items(learner_client, enrollment, built):
    mark_lesson_complete(enrollment, built.lessons[0])
    for url in (page_url(built.course), page_url(built.lessons[1])):
        html = learner_client.get(url).content.decode()
        assert html.count("badge--done") == 1
    html = learner_client.get(page_url(built.course, "es")).content.decode()
    assert html.count("badge--done") == 1


def test_visitors_not_enrolled_can_take_a_break_too(client, built):
    lesson = built.lessons[0]
    html = client.get(page_url(lesson, "es")).content.decode()
    assert f"{lms_url('lms_break', lang='es')}?page={lesson.pk}" in html
    html = client.get(f"{lms_url('lms_break', lang='es')}?page={lesson.pk}").content
    assert f'href="{page_url(lesson, "es")}"' in html.decode()
    assert "Tómese el tiempo que necesite." in html.decode()
