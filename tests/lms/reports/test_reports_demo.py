"""Issue 6, "must show": the reports show the demo data (``load_demo_data``),
export it to CSV and XLSX, and their charts render. The demo learner takes the
demo courses through the real services: enrolls, reads, passes the final quiz.

``load_demo_data`` also loads the demo cohort's activity (US learners only in the
smallest course), so the exact figures are read for Mexico in that course: the demo
learner alone."""

import csv
import io

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from certificates.models import CertificateRequest
from certificates.services import approve_certificate_request
from courses.models import CoursePage
from courses.services import get_course_outlines, get_quiz_key
from lms.demo.accounts import DEMO_TOTP_SECRET
from lms.learning.services.attempts import start_attempt, submit_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from lms.models import Enrollment, User
from tests.security.helpers import login_with_totp

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def complete_course(user, course):
    enrollment = enroll_user(user, course)
    acknowledge_content_note(enrollment)
    for item in get_course_outlines([course])[course.pk].items:
        if item.kind == "lesson":
            mark_lesson_complete(enrollment, item.page.specific)
        else:
            attempt = start_attempt(enrollment, item.page.specific)
            key = get_quiz_key(item.page.pk)
            answers = {
                entry["id"]: sorted(key[entry["id"]].correct_choice_ids)
                for entry in attempt.questions
            }
            submit_attempt(attempt, answers)
    enrollment.refresh_from_db()
    return enrollment


@pytest.fixture
def demo(client):
    call_command("load_demo_data", stdout=io.StringIO())
    learner = User.objects.get(email="learner@puente.test")
    courses = list(CoursePage.objects.live().order_by("title"))
    smallest = min(courses, key=lambda c: len(get_course_outlines([c])[c.pk].items))
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = complete_course(learner, smallest)
    assert done.completed_at is not None
    request = CertificateRequest.objects.filter(enrollment=done).first()
    if request is not None:  # a course whose certificates need approval
        admin = User.objects.get(email="admin@puente.test")
        with TestCase.captureOnCommitCallbacks(execute=True):
            approve_certificate_request(request, by=admin)
    for course in courses:
        if course != smallest and not course.prerequisites.exists():
            enroll_user(learner, course)
    # The demo program administrator signs in as a person would: password + TOTP.
    login_with_totp(client, "admin@puente.test", "admin-demo-2026", DEMO_TOTP_SECRET)
    return smallest, courses


def admin_get(client, name, params=None):
    response = client.get(reverse(f"puente_reports:{name}"), params or {})
    assert response.status_code == 200
    return response


def exported(client, name, params, fmt):
    response = client.get(reverse(f"puente_reports:{name}"), {**params, "export": fmt})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    return [list(row) for row in load_workbook(io.BytesIO(body)).active.values]


def test_reports_show_the_demo_data_with_charts_and_exports(client, demo):
    """In the demo administrator's own language, as the admin shows it."""
    completed, courses = demo
    language = User.objects.get(email="admin@puente.test").preferred_language
    translation.activate(language)
    for course in [completed, *courses]:
        course.title = getattr(course, f"title_{language}")
    enrolled = Enrollment.objects.filter(user__email="learner@puente.test").count()
    assert enrolled >= 2

    html = admin_get(client, "enrollments").content.decode()
    for course in courses:
        if Enrollment.objects.filter(course=course).exists():
            assert f'<th scope="row">{course.title}</th>' in html
    assert html.count('<figure class="puente-chart">') == 3
    mexico = str(_("Mexico"))
    assert f'<th scope="row">{mexico}</th><td>' in html  # José is in Mexico
    assert html.count('role="img"') >= 3
    jose = {"course": completed.pk, "country": "MX"}
    html = admin_get(client, "enrollments", jose).content.decode()
    assert str(_("Completions per week")) in html
    rows = exported(client, "enrollments", jose, "csv")
    assert rows[0][:3] == [
        str(_("Group")),
        str(_("Enrollments")),
        str(_("Completions")),
    ]
    assert [completed.title, "1", "1", "100"] in [r[:4] for r in rows]
    assert exported(client, "enrollments", jose, "xlsx")[0][0] == str(_("Group"))

    scores = admin_get(client, "scores", jose).content.decode()
    assert f'<th scope="row">{completed.title}</th>' in scores
    assert str(_("Distribution of final scores")) in scores
    description = _(
        "Final scores of %(count)s completed enrollments, in ten-point bands: "
        "average %(average)s %%, lowest %(lowest)s %%, highest %(highest)s %%."
    ) % {"count": 1, "average": 100, "lowest": 100, "highest": 100}
    assert f">{description}</desc>" in scores
    xlsx = exported(client, "scores", jose, "xlsx")
    assert xlsx[1][:3] == [completed.title, 1, 100]

    params = jose
    learners = admin_get(client, "learners", params).content.decode()
    assert "José Núñez Peña" in learners and "100 %" in learners
    serial = completed.enrollments.get(user__email="learner@puente.test")
    serial = serial.certificates.get().serial
    assert f"<td>{serial}</td>" in learners
    rows = exported(client, "learners", params, "csv")
    assert rows[1][0] == "José Núñez Peña" and rows[1][-1] == serial
    assert exported(client, "learners", params, "xlsx")[1][0] == "José Núñez Peña"
