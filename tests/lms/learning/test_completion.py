"""Course completion: when it happens, that it is recorded once, and the signal."""

import pytest
from django.utils import timezone

from courses.services import get_quiz_key
from lms.learning.services.attempts import start_attempt, submit_attempt
from lms.learning.services.completion import record_completion_if_done
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from lms.learning.signals import course_completed
from lms.models import Enrollment, QuizAttempt
from tests.builders import make_course
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db


def right_answers(attempt):
    key = get_quiz_key(attempt.quiz_id)
    return {q: sorted(key[q].correct_choice_ids) for q in attempt.question_ids}


def wrong_answers(attempt):
    key = get_quiz_key(attempt.quiz_id)
    return {
        q: [min(key[q].choice_ids - key[q].correct_choice_ids)]
        for q in attempt.question_ids
    }


@pytest.fixture
def received():
    calls = []

    def receiver(sender, enrollment, **kwargs):
        calls.append(enrollment.pk)

    course_completed.connect(receiver)
    yield calls
    course_completed.disconnect(receiver)


def test_course_completes_when_lessons_done_and_required_quizzes_passed(
    home_page, learner, received, django_capture_on_commit_callbacks
):
    built = make_course(home_page, modules=2, lessons_per_module=1)
    optional = built.quizzes[1]
    optional.required_for_completion = False
    optional.save_revision().publish()
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))

    with django_capture_on_commit_callbacks(execute=True):
        for lesson in built.lessons:
            mark_lesson_complete(enrollment, lesson)
        attempt = start_attempt(enrollment, built.quizzes[0])
        submit_attempt(attempt, wrong_answers(attempt))
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None
    assert received == []

    with django_capture_on_commit_callbacks(execute=True):
        attempt = start_attempt(enrollment, built.quizzes[0])
        submit_attempt(attempt, right_answers(attempt))
        assert received == []  # not before the commit
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert received == [enrollment.pk]


def test_completion_is_recorded_once(home_page, learner, received):
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    mark_lesson_complete(enrollment, built.lessons[0])
    enrollment.refresh_from_db()
    first = enrollment.completed_at
    assert first is not None

    stale = Enrollment.objects.get(pk=enrollment.pk)
    stale.completed_at = None  # another request's older copy
    assert record_completion_if_done(stale) is True
    mark_lesson_complete(enrollment, built.lessons[0])
    enrollment.refresh_from_db()
    assert enrollment.completed_at == first


def test_signal_waits_for_the_commit(home_page, learner, received):
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    # pytest-django's transaction never commits: the receiver must not have run.
    mark_lesson_complete(enrollment, built.lessons[0])
    assert Enrollment.objects.get(pk=enrollment.pk).completed_at is not None
    assert received == []


@pytest.mark.parametrize("switch", [("en", "es"), ("es", "en")])
def test_new_learner_journey_switching_languages(
    learner_client, learner, home_page, switch
):
    """Catalogue → enroll → lessons → fail → cooldown → pass → complete → dashboard."""
    first, second = switch
    built = make_course(
        home_page,
        modules=1,
        lessons_per_module=2,
        quiz_settings={"cooldown_minutes": 30, "reveal_policy": "after_pass"},
    )
    course, quiz = built.course, built.quizzes[0]

    catalogue = learner_client.get(page_url(course.get_parent(), first))
    assert catalogue.status_code == 200
    assert page_url(course, first) in catalogue.content.decode()
    learner_client.post(lms_url("lms_enroll", course.pk, lang=first))
    response = learner_client.post(
        lms_url("lms_acknowledge_note", course.pk, lang=first)
    )
    assert response["Location"] == page_url(built.lessons[0], first)

    learner_client.post(lms_url("lms_lesson_complete", built.lessons[0].pk, lang=first))
    # Switch language mid-course.
    learner_client.post(
        lms_url("lms_lesson_complete", built.lessons[1].pk, lang=second)
    )
    learner_client.post(lms_url("lms_start_attempt", quiz.pk, lang=second))
    attempt = QuizAttempt.objects.get()
    html = learner_client.get(lms_url("lms_attempt", attempt.pk, lang=first)).content
    assert html.decode().count('type="radio"') == 9
    data = {f"q-{q}": c for q, c in wrong_answers(attempt).items()}
    learner_client.post(lms_url("lms_submit_attempt", attempt.pk, lang=first), data)

    refused = learner_client.post(
        lms_url("lms_start_attempt", quiz.pk, lang=second), follow=True
    )
    assert QuizAttempt.objects.count() == 1
    assert refused.status_code == 200
    QuizAttempt.objects.update(
        submitted_at=timezone.now() - timezone.timedelta(hours=1)
    )

    learner_client.post(lms_url("lms_start_attempt", quiz.pk, lang=second))
    retake = QuizAttempt.objects.get(number=2)
    data = {f"q-{q}": c for q, c in right_answers(retake).items()}
    result = learner_client.post(
        lms_url("lms_submit_attempt", retake.pk, lang=second), data, follow=True
    )
    assert result.status_code == 200
    assert Enrollment.objects.get(user=learner).completed_at is not None

    for lang, texts in {
        "en": ["Completed courses", "Total credit hours: 2.5", "Course "],
        "es": ["Cursos concluidos", "Total de horas de crédito: 2,5", "Curso "],
    }.items():
        html = learner_client.get(lms_url("dashboard", lang=lang)).content.decode()
        for text in texts:
            assert text in html
    course_html = learner_client.get(page_url(course, first)).content.decode()
    assert "You completed this course" in course_html or "Concluyó este curso" in (
        course_html
    )
