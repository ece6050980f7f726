"""The gates of study live in the services: ``start_attempt`` and
``mark_lesson_complete`` refuse, whoever calls them, a learner who is not enrolled
(none, left, another course) or has not read the content note, and write nothing.
Refusals are ``PuenteError``s with a code and a message read in the language of
whoever is shown it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import override

from lms.errors import PuenteError
from lms.learning.errors import (
    ATTEMPTS_USED,
    CONTENT_NOTE_PENDING,
    COOLDOWN,
    ENROLLMENT_CLOSED,
    FOREIGN_CHOICE,
    FOREIGN_QUESTION,
    INVALID_ANSWER,
    NO_QUESTIONS,
    NOT_ENROLLED,
    PREREQUISITES_MISSING,
    RENEWAL_NOT_DUE,
    UNEXPECTED_FIELD,
    AnswerValidationError,
    AttemptError,
    EnrollmentError,
)
from lms.learning.services.attempts import parse_answers, start_attempt, submit_attempt
from lms.learning.services.enrollment import (
    acknowledge_content_note,
    enroll_user,
    get_enrollment,
    leave_course,
    start_new_cycle,
)
from lms.learning.services.lessons import mark_lesson_complete
from lms.models import Enrollment, LessonProgress, QuizAttempt
from tests.builders import make_course
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db


def refusal(call) -> PuenteError:
    with pytest.raises(PuenteError) as refused:
        call()
    return refused.value


# Who may study ---------------------------------------------------------------------


def test_without_an_enrollment_nothing_starts_and_nothing_is_recorded(built):
    for call in (
        lambda: start_attempt(None, built.quizzes[0]),
        lambda: mark_lesson_complete(None, built.lessons[0]),
    ):
        error = refusal(call)
        assert isinstance(error, EnrollmentError) and error.code == NOT_ENROLLED
        assert str(error) == "Please enroll in the course first."
    assert not QuizAttempt.objects.exists()
    assert not LessonProgress.objects.exists()


def test_a_learner_who_left_is_refused_even_holding_the_old_record(enrollment, built):
    # Left in another request: the caller's object still looks current.
    Enrollment.objects.filter(pk=enrollment.pk).update(left_at=timezone.now())
    error = refusal(lambda: start_attempt(enrollment, built.quizzes[0]))
    assert error.code == NOT_ENROLLED
    assert not QuizAttempt.objects.exists()

    leave_course(enrollment)
    assert refusal(lambda: mark_lesson_complete(enrollment, built.lessons[0])).code == (
        NOT_ENROLLED
    )
    assert not LessonProgress.objects.exists()


def test_an_enrollment_in_another_course_opens_nothing_here(
    home_page, learner, enrollment, built
):
    other = make_course(home_page, modules=1, lessons_per_module=1)
    for call in (
        lambda: start_attempt(enrollment, other.quizzes[0]),
        lambda: mark_lesson_complete(enrollment, other.lessons[0]),
        # A course passed along is checked against the enrollment, not believed.
        lambda: start_attempt(enrollment, other.quizzes[0], course=other.course),
        lambda: mark_lesson_complete(enrollment, other.lessons[0], course=other.course),
    ):
        assert refusal(call).code == NOT_ENROLLED
    assert not QuizAttempt.objects.exists()
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Please read the course's content note first."),
        ("es", "Primero lea, por favor, el aviso sobre el contenido del curso."),
    ],
)
def test_the_content_note_comes_first(learner, built, language, message):
    enrollment = enroll_user(learner, built.course)
    for call in (
        lambda: start_attempt(enrollment, built.quizzes[0]),
        lambda: mark_lesson_complete(enrollment, built.lessons[0]),
    ):
        error = refusal(call)
        assert error.code == CONTENT_NOTE_PENDING
        with override(language):
            assert str(error.message) == message
    assert not QuizAttempt.objects.exists()
    assert not LessonProgress.objects.exists()

    acknowledge_content_note(enrollment)
    assert mark_lesson_complete(enrollment, built.lessons[0]).progress.pk
    assert start_attempt(enrollment, built.quizzes[0]).pk


def test_a_course_without_a_content_note_needs_no_acknowledgement(home_page, learner):
    built = make_course(home_page, modules=1, lessons_per_module=1, content_note=False)
    enrollment = enroll_user(learner, built.course)
    assert mark_lesson_complete(enrollment, built.lessons[0]).progress.pk
    assert start_attempt(enrollment, built.quizzes[0]).pk


def test_completing_a_lesson_says_whether_the_course_is_complete(home_page, learner):
    built = make_course(home_page, modules=1, lessons_per_module=2, quiz=False)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    first = mark_lesson_complete(enrollment, built.lessons[0])
    assert first.course_complete is False
    last = mark_lesson_complete(enrollment, built.lessons[1])
    assert last.course_complete is True
    assert Enrollment.objects.get(pk=enrollment.pk).completed_at is not None
    # Idempotent: the same row, still complete.
    again = mark_lesson_complete(enrollment, built.lessons[1])
    assert again.progress.pk == last.progress.pk and again.course_complete


def test_the_view_shows_the_services_refusal(learner_client, learner, built):
    lesson = built.lessons[0]
    # Not enrolled: the course page, with the service's message.
    response = learner_client.post(
        lms_url("lms_lesson_complete", lesson.pk, lang="es"), follow=True
    )
    assert response.redirect_chain[0][0] == page_url(built.course, "es")
    assert "Primero inscríbase en el curso, por favor." in response.content.decode()
    # Enrolled, note unread: back to the lesson, which shows the note itself.
    enroll_user(learner, built.course)
    response = learner_client.post(lms_url("lms_lesson_complete", lesson.pk))
    assert response.status_code == 302 and response["Location"] == page_url(lesson)
    html = learner_client.get(response["Location"]).content.decode()
    assert "This course discusses harm." in html and "content-note-gate" in html
    assert "content note first" not in html
    assert not LessonProgress.objects.exists()


# The quiz's limits -----------------------------------------------------------------


def quiz_course(home_page, **quiz_settings):
    return make_course(
        home_page, modules=1, lessons_per_module=1, quiz_settings=quiz_settings
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "You have used your 1 attempt at this quiz."),
        ("es", "Ya utilizó su único intento de este cuestionario."),
    ],
)
def test_the_attempt_limit_has_its_code(home_page, learner, language, message):
    built = quiz_course(home_page, max_attempts=1)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    submit_attempt(start_attempt(enrollment, built.quizzes[0]), {})
    error = refusal(lambda: start_attempt(enrollment, built.quizzes[0]))
    assert isinstance(error, AttemptError) and error.code == ATTEMPTS_USED
    assert isinstance(error.message, Promise)
    with override(language):  # translated when shown, not when raised
        assert str(error.message) == message


def test_the_cooldown_and_an_empty_quiz_have_their_codes(home_page, learner):
    built = quiz_course(home_page, cooldown_minutes=30)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    quiz = built.quizzes[0]
    now = timezone.now()
    submit_attempt(start_attempt(enrollment, quiz, now=now), {}, now=now)
    error = refusal(
        lambda: start_attempt(enrollment, quiz, now=now + timedelta(minutes=10))
    )
    assert error.code == COOLDOWN and "20 minutes" in str(error)

    quiz.questions.all().delete()
    later = now + timedelta(hours=1)
    error = refusal(lambda: start_attempt(enrollment, quiz, now=later))
    assert error.code == NO_QUESTIONS


# Other refusals share the shape ----------------------------------------------------


def test_answer_validation_errors_carry_codes(enrollment, built):
    attempt = start_attempt(enrollment, built.quizzes[0])
    entry = attempt.questions[0]
    other_choice = attempt.questions[1]["choices"][0]
    cases = {
        UNEXPECTED_FIELD: lambda: parse_answers({"score": "100"}),
        INVALID_ANSWER: lambda: parse_answers({"q-1": "²"}),
        FOREIGN_QUESTION: lambda: submit_attempt(attempt, {10**9: [1]}),
        FOREIGN_CHOICE: lambda: submit_attempt(attempt, {entry["id"]: [other_choice]}),
    }
    for code, call in cases.items():
        error = refusal(call)
        assert isinstance(error, AnswerValidationError) and error.code == code
    attempt.refresh_from_db()
    assert not attempt.is_graded


def test_enrollment_refusals_carry_codes(home_page, learner):
    closed = make_course(home_page, modules=1, enrollment_open=False).course
    assert refusal(lambda: enroll_user(learner, closed)).code == ENROLLMENT_CLOSED

    first = make_course(home_page, modules=1).course
    second = make_course(home_page, modules=1).course
    second.prerequisites.add(first)
    second.save()
    error = refusal(lambda: enroll_user(learner, second))
    assert error.code == PREREQUISITES_MISSING
    with override("es"):  # the course's title follows the language shown
        assert first.title_es in str(error.message)

    assert refusal(lambda: start_new_cycle(None)).code == NOT_ENROLLED
    enrollment = enroll_user(learner, first)
    assert refusal(lambda: start_new_cycle(enrollment)).code == RENEWAL_NOT_DUE
    assert get_enrollment(learner, first).cycle == 1
