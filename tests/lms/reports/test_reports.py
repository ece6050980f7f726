"""Enrollment and completion report: grouping, filters, completion rate, charts with
text alternatives, streamed CSV/XLSX export written to the audit log; program
administrators only."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from lms.models import Cohort, CohortMember, Enrollment
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT = "puente_reports:enrollments"


@pytest.fixture
def data(home_page):
    course = make_course(home_page, modules=1, lessons_per_module=1, quiz=False).course
    cohort = Cohort.objects.create(name="Tijuana 2026")
    cohort.courses.set([course])
    people = [
        UserFactory(country="MX", agency="SSPC Tijuana"),
        UserFactory(country="MX", agency="SSPC Tijuana"),
        UserFactory(country="US", agency="Chula Vista PD"),
        UserFactory(country="US", agency="Chula Vista PD"),
    ]
    for index, person in enumerate(people):
        Enrollment.objects.create(
            user=person,
            course=course,
            completed_at=timezone.now() if index in (0, 1, 2) else None,
        )
        CohortMember.objects.create(cohort=cohort, user=person)
    return course, cohort


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


@pytest.mark.parametrize(
    ("group", "label", "rate"),
    [
        ("course", None, "75 %"),
        ("cohort", "Tijuana 2026", "75 %"),
        ("country", "Mexico", "100 %"),
        ("agency", "Chula Vista PD", "50 %"),
    ],
)
def test_grouped_report_with_rates_and_charts(admin_client, data, group, label, rate):
    course, _cohort = data
    response = admin_client.get(reverse(REPORT), {"group": group})
    assert response.status_code == 200
    html = response.content.decode()
    assert (label or course.title) in html
    assert rate in html
    assert html.count('<figure class="puente-chart">') == 3
    assert "Completion rate by country" in html
    assert "Completion rate by agency (10 largest)" in html
    assert "Completions per week" in html  # everything completed today
    assert 'role="img"' in html and "Data of this chart" in html


def test_filters_and_date_range(admin_client, data):
    response = admin_client.get(reverse(REPORT), {"group": "country", "country": "US"})
    html = response.content.decode()
    assert "United States" in html and "50 %" in html
    empty = admin_client.get(
        reverse(REPORT),
        {"enrolled_at_from": "2000-01-01", "enrolled_at_to": "2000-12-31"},
    )
    assert "No enrollments match these filters." in empty.content.decode()


def test_csv_and_xlsx_exports_are_streamed_and_audited(
    admin_client, data, program_admin
):
    csv_response = admin_client.get(
        reverse(REPORT), {"group": "agency", "export": "csv"}
    )
    assert csv_response.streaming
    text = b"".join(csv_response.streaming_content).decode()
    assert "Completion rate (%)" in text and "SSPC Tijuana,2,2,100" in text

    xlsx = admin_client.get(reverse(REPORT), {"group": "country", "export": "xlsx"})
    book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    rows = list(book.active.values)
    assert rows[0][0] == "Group"
    assert ("Mexico", 2, 2, 100, None) in rows

    entries = ModelLogEntry.objects.filter(action="lms.report_export").order_by("pk")
    assert [e.data["format"] for e in entries] == ["csv", "xlsx"]
    assert all(e.user == program_admin for e in entries)
    assert "group=agency" in entries[0].data["filters"]


def test_query_count_does_not_grow_with_rows(admin_client, data, home_page):
    # The first admin visit keeps the staff member's admin language (one write).
    admin_client.get(reverse(REPORT), {"group": "agency"})
    with CaptureQueriesContext(connection) as few:
        admin_client.get(reverse(REPORT), {"group": "agency"})
    course = data[0]
    for n in range(30):
        Enrollment.objects.create(user=UserFactory(agency=f"Agency {n}"), course=course)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(reverse(REPORT), {"group": "agency"})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_spanish_report(client, program_admin, data):
    client.force_login(program_admin)
    response = client.get(reverse(REPORT), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["trainer", "learner"])
def test_trainers_and_learners_get_no_reports(client, data, request, who):
    client.force_login(request.getfixturevalue(who))
    for params in ({}, {"export": "csv"}):
        response = client.get(reverse(REPORT), params)
        assert response.status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action="lms.report_export").exists()


def test_certificates_issued_revoked_and_expiring_soon(
    admin_client, data, program_admin
):
    from datetime import timedelta

    from certificates.models import Certificate
    from certificates.services import issue_certificate, revoke_certificate

    course, _cohort = data
    done = list(Enrollment.objects.filter(course=course, completed_at__isnull=False))
    certificates = [issue_certificate(enrollment) for enrollment in done]
    revoke_certificate(certificates[0], by=program_admin, reason="Error")
    Certificate.objects.filter(pk=certificates[1].pk).update(
        expires_at=timezone.now() + timedelta(days=5)
    )
    html = admin_client.get(reverse(REPORT)).content.decode()
    section = html[html.index("<h2>Certificates</h2>") :]
    assert '<th scope="row">Issued</th><td>3</td>' in section
    assert '<th scope="row">Revoked</th><td>1</td>' in section
    assert "Expiring in the next 30 days</th><td>1</td>" in section
    future = admin_client.get(
        reverse(REPORT), {"enrolled_at_from": "2100-01-01", "enrolled_at_to": ""}
    ).content.decode()
    assert '<th scope="row">Issued</th><td>0</td>' in future


def test_average_quiz_score_per_group(admin_client, home_page):
    from decimal import Decimal

    from lms.models import QuizAttempt

    built = make_course(home_page, modules=1, lessons_per_module=1)
    person = UserFactory(agency="Scored Agency")
    enrollment = Enrollment.objects.create(user=person, course=built.course)
    for number, score in enumerate(("60", "100"), start=1):
        QuizAttempt.objects.create(
            enrollment=enrollment,
            quiz=built.quizzes[0],
            user=person,
            number=number,
            status="graded",
            score=Decimal(score),
        )
    QuizAttempt.objects.create(
        enrollment=enrollment, quiz=built.quizzes[0], user=person, number=3
    )
    response = admin_client.get(reverse(REPORT), {"group": "agency", "export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "Average quiz score (%)" in text
    assert "Scored Agency,1,0,0,80" in text


def test_certificate_figures_follow_the_cohort_filter(admin_client, data):
    from certificates.services import issue_certificate

    course, cohort = data
    for enrollment in Enrollment.objects.filter(completed_at__isnull=False):
        issue_certificate(enrollment)
    outsider = Enrollment.objects.create(
        user=UserFactory(), course=course, completed_at=timezone.now()
    )
    issue_certificate(outsider)  # not in the cohort
    everyone = admin_client.get(reverse(REPORT)).content.decode()
    assert '<th scope="row">Issued</th><td>4</td>' in everyone
    members = admin_client.get(reverse(REPORT), {"cohort": cohort.pk}).content.decode()
    assert '<th scope="row">Issued</th><td>3</td>' in members
