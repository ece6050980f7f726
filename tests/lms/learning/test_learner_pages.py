"""The dashboard kept per learner (lms.learning.learner_pages) shows every change to
the learner's records at once, in each language, and is never another learner's."""

import re

import pytest

from lms.accounts.roles import TRAINERS
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from tests.builders import make_course
from tests.factories import UserFactory
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _dashboard(client, language="en") -> str:
    response = client.get(lms_url("dashboard", lang=language))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def courses(home_page):
    return [make_course(home_page, modules=1, lessons_per_module=2) for _ in range(2)]


def test_a_new_enrollment_and_a_completed_lesson_show_at_once(client, courses, roles):
    learner = UserFactory()
    client.force_login(learner)
    assert "You are not enrolled in any course yet." in _dashboard(client)
    assert "You are not enrolled in any course yet." in _dashboard(client)  # kept

    enrollment = acknowledge_content_note(enroll_user(learner, courses[0].course))
    html = _dashboard(client)
    assert str(courses[0].course.title) in html
    assert "0 of 3 done" in html

    mark_lesson_complete(enrollment, courses[0].lessons[0])
    assert "1 of 3 done" in _dashboard(client)
    with_spanish = _dashboard(client, "es")
    assert "1 de 3" in with_spanish and str(courses[0].course.title_es) in with_spanish


def test_an_issued_certificate_shows_at_once(
    client, courses, roles, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from certificates.services import issue_certificate
    from lms.models import Enrollment

    learner = UserFactory()
    enrollment = acknowledge_content_note(enroll_user(learner, courses[1].course))
    client.force_login(learner)
    _dashboard(client)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
    enrollment.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(enrollment)
    html = _dashboard(client)
    assert lms_url("certificates:download", certificate.code) in html


def test_one_learners_dashboard_never_reaches_another(client, courses, roles):
    ana = UserFactory(full_name="Ana Núñez Peña")
    luis = UserFactory(full_name="Luis Ortega")
    acknowledge_content_note(enroll_user(ana, courses[0].course))
    client.force_login(ana)
    ana_html = _dashboard(client)
    ana_token = TOKEN.search(ana_html).group(1)
    assert "Ana Núñez Peña" in ana_html

    client.force_login(luis)
    luis_html = _dashboard(client)
    assert "Ana Núñez Peña" not in luis_html and "Luis Ortega" in luis_html
    assert "You are not enrolled in any course yet." in luis_html
    assert ana_token not in luis_html

    client.force_login(ana)
    again = _dashboard(client)
    assert TOKEN.search(again).group(1) != ana_token  # a fresh token each request
    assert str(courses[0].course.title) in again


def test_a_renamed_learner_is_greeted_by_the_new_name(client, courses, roles):
    learner = UserFactory(full_name="Officer Before")
    client.force_login(learner)
    assert "Officer Before" in _dashboard(client)
    learner.full_name = "Officer After"
    learner.save()
    assert "Officer After" in _dashboard(client)


def test_the_admin_link_follows_a_change_of_role_at_once(client, courses, roles):
    """Made a trainer, a learner sees the Admin link on their kept pages on the next
    request, the lesson included; taken out of the group, it goes."""
    learner = UserFactory()
    acknowledge_content_note(enroll_user(learner, courses[0].course))
    client.force_login(learner)
    lesson = page_url(courses[0].lessons[0])
    admin_link = '<a href="/admin/">Admin</a>'
    assert admin_link not in _dashboard(client)
    assert admin_link not in client.get(lesson).content.decode()

    learner.groups.add(roles[TRAINERS])
    assert admin_link in _dashboard(client)
    assert admin_link in client.get(lesson).content.decode()

    learner.groups.remove(roles[TRAINERS])
    assert admin_link not in _dashboard(client)
    assert admin_link not in client.get(lesson).content.decode()
