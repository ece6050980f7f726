"""Per-learner progress table of one course or one cohort: lessons done, progress,
best final score, completion, certificate serial (registered by certificates),
paginated, exported in CSV/XLSX (audited), program administrators only."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from lms.models import Cohort, CohortMember, Enrollment, LessonProgress, QuizAttempt
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LEARNERS = "puente_reports:learners"


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


@pytest.fixture
def course(home_page):
    """Two modules of two lessons and a quiz; the second quiz is the final one."""
    return make_course(home_page, modules=2, lessons_per_module=2)


@pytest.fixture
def people(course):
    from certificates.services import issue_certificate

    ana = UserFactory(full_name="Ana López", agency="SSPC Tijuana", country="MX")
    bob = UserFactory(full_name="Bob Smith", agency="Chula Vista PD", country="US")
    done = Enrollment.objects.create(
        user=ana, course=course.course, completed_at=timezone.now()
    )
    for lesson in course.lessons:
        LessonProgress.objects.create(enrollment=done, lesson=lesson)
    for number, score in enumerate(("70", "90"), start=1):
        QuizAttempt.objects.create(
            enrollment=done,
            quiz=course.quizzes[-1],
            user=ana,
            number=number,
            status="graded",
            score=Decimal(score),
            passed=score == "90",
        )
    started = Enrollment.objects.create(user=bob, course=course.course)
    LessonProgress.objects.create(enrollment=started, lesson=course.lessons[0])
    certificate = issue_certificate(done)
    return ana, bob, certificate


def rows_of(html):
    """Rows of the learner table (the admin page has other tables)."""
    table = html[html.index("Progress of each learner</caption>") :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return body.split("<tr>")[1:]


def test_nothing_listed_until_a_course_or_cohort_is_chosen(admin_client, people):
    html = admin_client.get(reverse(LEARNERS)).content.decode()
    assert "Choose a course or a cohort" in html
    assert "Ana López" not in html


def test_one_course_row_by_row(admin_client, course, people):
    _ana, _bob, certificate = people
    response = admin_client.get(reverse(LEARNERS), {"course": course.course.pk})
    assert response.status_code == 200
    ana_row, bob_row = rows_of(response.content.decode())
    assert "Ana López" in ana_row and "SSPC Tijuana" in ana_row and "Mexico" in ana_row
    assert "<td>4 of 4</td>" in ana_row and "100 %" in ana_row
    assert "<td>90 %</td>" in ana_row  # the best score on the final quiz
    assert f"<td>{certificate.serial}</td>" in ana_row
    assert "Bob Smith" in bob_row and "<td>1 of 4</td>" in bob_row
    # Bob: 1 of 4 lessons and no quiz passed, of 6 required items → 17 %.
    assert "17 %" in bob_row
    assert bob_row.count("<td>—</td>") == 3  # no score, not completed, no certificate


def test_one_cohort_lists_its_members_in_its_courses(
    admin_client, course, people, home_page
):
    ana, bob, _certificate = people
    other = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    Enrollment.objects.create(user=ana, course=other.course)  # not a cohort course
    cohort = Cohort.objects.create(name="Tijuana 2026")
    cohort.courses.set([course.course])
    CohortMember.objects.create(cohort=cohort, user=ana)
    html = admin_client.get(reverse(LEARNERS), {"cohort": cohort.pk}).content.decode()
    rows = rows_of(html)
    assert len(rows) == 1
    assert "Ana López" in rows[0] and course.course.title in rows[0]
    assert "Bob Smith" not in html


def test_export_csv_and_xlsx_audited(admin_client, course, people, program_admin):
    _ana, _bob, certificate = people
    params = {"course": course.course.pk}
    response = admin_client.get(reverse(LEARNERS), {**params, "export": "csv"})
    assert response.streaming
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Full name,Email,Agency,Country,Course,Enrolled,Lessons done,"
        "Lessons in the course,Progress (%),Best final score (%),Completed,Certificate"
    )
    assert lines[1].startswith("Ana López,")
    assert lines[1].endswith(
        f",4,4,100,90,{lines[1].split(',')[-2]},{certificate.serial}"
    )
    assert lines[2].startswith("Bob Smith,") and ",1,4,17,,," in lines[2]

    xlsx = admin_client.get(reverse(LEARNERS), {**params, "export": "xlsx"})
    rows = list(
        load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.values
    )
    assert rows[1][0] == "Ana López" and rows[1][-1] == certificate.serial
    entries = ModelLogEntry.objects.filter(action="lms.report_export").order_by("pk")
    assert [(e.data["report"], e.data["format"]) for e in entries] == [
        ("learner-progress", "csv"),
        ("learner-progress", "xlsx"),
    ]
    assert all(e.user == program_admin for e in entries)
    assert f"course={course.course.pk}" in entries[0].data["filters"]


def test_query_count_does_not_grow_with_rows(admin_client, course, people):
    params = {"course": course.course.pk}
    admin_client.get(reverse(LEARNERS), params)  # warm the outline cache (courses)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(reverse(LEARNERS), params)
    for n in range(30):
        enrollment = Enrollment.objects.create(
            user=UserFactory(full_name=f"Extra {n}"), course=course.course
        )
        LessonProgress.objects.create(enrollment=enrollment, lesson=course.lessons[1])
    with CaptureQueriesContext(connection) as many:
        html = admin_client.get(reverse(LEARNERS), params).content.decode()
    assert len(rows_of(html)) == 32
    assert len(many.captured_queries) == len(few.captured_queries)


def test_learner_table_in_spanish(client, program_admin, course, people):
    program_admin.preferred_language = "es"
    program_admin.save()
    client.force_login(program_admin)
    html = client.get(reverse(LEARNERS), {"course": course.course.pk}).content.decode()
    assert "Mejor calificación final" in html and "4 de 4" in html


@pytest.mark.parametrize("who", ["trainer", "learner"])
def test_only_program_administrators(client, course, people, request, who):
    client.force_login(request.getfixturevalue(who))
    for params in (
        {"course": course.course.pk},
        {"course": course.course.pk, "export": "csv"},
    ):
        assert client.get(reverse(LEARNERS), params).status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action="lms.report_export").exists()


def test_superusers_see_the_table(client, course, people):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(reverse(LEARNERS), {"course": course.course.pk}).content.decode()
    assert "Ana López" in html and "Bob Smith" in html


@pytest.mark.parametrize(
    "name",
    ["puente_reports:learners", "puente_reports:scores", "puente_reports:enrollments"],
)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"course": "not-a-number"}, "Select a valid choice."),
        ({"cohort": "999999"}, "Select a valid choice."),
        ({"enrolled_at_from": "31/31/2026"}, "Enter a valid date."),
        ({"country": "CA"}, "Select a valid choice."),
        ({"export": "pdf"}, None),
    ],
    ids=["course", "cohort", "dates", "country", "format"],
)
def test_bad_filters_are_refused_politely(
    admin_client, course, people, name, params, message
):
    response = admin_client.get(reverse(name), params)
    assert response.status_code == 200  # the report, with the form's error
    html = response.content.decode()
    if message:
        assert message in html
    if name == "puente_reports:learners":
        assert "Ana López" not in html  # no valid course or cohort chosen
    assert not ModelLogEntry.objects.filter(action="lms.report_export").exists()


def test_filter_form_refreshes_the_results_fragment(admin_client, course, people):
    """The admin's filter form swaps in the results URL's fragment."""
    fragment = admin_client.get(
        reverse("puente_reports:learners_results"), {"course": course.course.pk}
    )
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "Ana López" in html and "<html" not in html
    scores = admin_client.get(reverse("puente_reports:scores_results"))
    assert scores.status_code == 200
    assert course.course.title in scores.content.decode()
