"""Enrolling and leaving, closed courses, prerequisites and the content note."""

import pytest
from django.test import Client

from lms.learning.services.enrollment import EnrollmentError, enroll_user
from lms.models import Enrollment
from tests.builders import make_course
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "welcome", "leave"),
    [
        ("en", "You are enrolled", "Leave this course"),
        ("es", "Ya está inscrito", "Salir de este curso"),
    ],
)
def test_learner_enrolls_from_the_course_page(
    learner_client, learner, built, lang, welcome, leave
):
    html = learner_client.get(page_url(built.course, lang)).content.decode()
    assert lms_url("lms_enroll", built.course.pk, lang=lang) in html

    response = learner_client.post(
        lms_url("lms_enroll", built.course.pk, lang=lang), follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert welcome in html
    assert leave in html
    assert Enrollment.objects.filter(user=learner, course=built.course).count() == 1


def test_enrolling_twice_keeps_one_enrollment(learner_client, learner, built):
    url = lms_url("lms_enroll", built.course.pk)
    learner_client.post(url)
    learner_client.post(url)
    assert Enrollment.objects.filter(user=learner).count() == 1


def test_anonymous_visitor_is_sent_to_sign_in(client, built):
    response = client.post(lms_url("lms_enroll", built.course.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Enrollment.objects.exists()


def test_enrolling_needs_post_and_csrf(learner, built):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    url = lms_url("lms_enroll", built.course.pk)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not Enrollment.objects.exists()


def test_unknown_course_is_404(learner_client, built):
    assert learner_client.post(lms_url("lms_enroll", 999999)).status_code == 404
    lesson = built.lessons[0]
    assert learner_client.post(lms_url("lms_enroll", lesson.pk)).status_code == 404


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Enrollment in this course is closed."),
        ("es", "La inscripción a este curso está cerrada."),
    ],
)
def test_closed_course_refuses_with_a_message(
    learner_client, learner, home_page, lang, message
):
    closed = make_course(home_page, modules=1, enrollment_open=False).course
    response = learner_client.post(
        lms_url("lms_enroll", closed.pk, lang=lang), follow=True
    )
    assert message in response.content.decode()
    assert not Enrollment.objects.filter(user=learner).exists()


def test_unmet_prerequisite_is_refused_until_completed(learner, home_page):
    first = make_course(home_page, modules=1).course
    second = make_course(home_page, modules=1).course
    second.prerequisites.add(first)
    second.save()

    with pytest.raises(EnrollmentError) as refused:
        enroll_user(learner, second)
    assert first.title in refused.value.message
    assert not Enrollment.objects.filter(course=second).exists()

    enrollment = enroll_user(learner, first)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at="2026-01-01T00:00Z")
    assert enroll_user(learner, second).course == second


def test_prerequisite_refusal_shows_on_the_course_page(learner_client, home_page):
    first = make_course(home_page, modules=1).course
    second = make_course(home_page, modules=1).course
    second.prerequisites.add(first)
    second.save()
    html = learner_client.get(page_url(second)).content.decode()
    assert "Before enrolling, please complete" in html
    assert lms_url("lms_enroll", second.pk) not in html


def test_leaving_and_returning_keeps_progress(
    learner_client, learner, enrollment, built
):
    from lms.learning.services.lessons import mark_lesson_complete

    mark_lesson_complete(enrollment, built.lessons[0])
    response = learner_client.post(lms_url("lms_leave", built.course.pk), follow=True)
    assert "You have left the course" in response.content.decode()
    assert "Enroll in this course" in response.content.decode()

    learner_client.post(lms_url("lms_enroll", built.course.pk))
    html = learner_client.get(page_url(built.course)).content.decode()
    assert "1 of 6 done" in html
    assert Enrollment.objects.filter(user=learner).count() == 1


@pytest.mark.parametrize("lang", ["en", "es"])
def test_content_note_comes_before_the_first_lesson(
    learner_client, learner, built, lang
):
    enroll_user(learner, built.course)
    lesson_url = page_url(built.lessons[0], lang)
    html = learner_client.get(lesson_url).content.decode()
    note = "This course discusses harm." if lang == "en" else "temas difíciles"
    body = "Read this." if lang == "en" else "Lea esto."
    assert note in html
    assert body not in html
    assert lms_url("lms_lesson_complete", built.lessons[0].pk, lang=lang) not in html

    response = learner_client.post(
        lms_url("lms_acknowledge_note", built.course.pk, lang=lang)
    )
    assert response["Location"] == lesson_url
    html = learner_client.get(lesson_url).content.decode()
    assert body in html
    assert lms_url("lms_lesson_complete", built.lessons[0].pk, lang=lang) in html
    assert Enrollment.objects.get(user=learner).content_note_acknowledged_at


def test_lesson_cannot_be_completed_before_the_content_note(
    learner_client, learner, built
):
    enroll_user(learner, built.course)
    learner_client.post(lms_url("lms_lesson_complete", built.lessons[0].pk))
    assert not Enrollment.objects.get(user=learner).lesson_progress.exists()
