"""Final scores (average and distribution per course, histogram, export) and the
completions-over-time chart of the enrollment report."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from lms.models import Enrollment, QuizAttempt
from lms.reports.charts import column_chart
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCORES = "puente_reports:scores"
ENROLLMENTS = "puente_reports:enrollments"


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


def graded(enrollment, quiz, number, score):
    return QuizAttempt.objects.create(
        enrollment=enrollment,
        quiz=quiz,
        user=enrollment.user,
        number=number,
        status="graded",
        score=Decimal(score),
        passed=Decimal(score) >= 80,
    )


def completed(course, *, country="US", agency="Border Unit", when=None):
    return Enrollment.objects.create(
        user=UserFactory(country=country, agency=agency),
        course=course,
        completed_at=when or timezone.now(),
    )


@pytest.fixture
def scored(home_page):
    """Two modules, so two quizzes: the last one is the final assessment.

    Completed: 55 (after a 40), 85, 100, and one with no graded final attempt;
    an unfinished enrollment scored 95 is not a final score.
    """
    built = make_course(home_page, modules=2, lessons_per_module=1)
    module_quiz, final = built.quizzes
    scores = [("40", "55"), ("85",), ("100",)]
    for index, attempts in enumerate(scores):
        enrollment = completed(built.course, country="MX" if index == 0 else "US")
        graded(enrollment, module_quiz, 1, "10")  # module quizzes do not count
        for number, score in enumerate(attempts, start=1):
            graded(enrollment, final, number, score)
    completed(built.course)
    unfinished = Enrollment.objects.create(user=UserFactory(), course=built.course)
    graded(unfinished, final, 1, "95")
    return built


def test_average_and_distribution_per_course(admin_client, scored):
    response = admin_client.get(reverse(SCORES))
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index(f'<th scope="row">{scored.course.title}</th>') :]
    row = row[: row.index("</tr>")]
    cells = [line.strip() for line in row.splitlines() if line.strip()][1:5]
    # 3 scored completions, average of 55, 85, 100 = 80, lowest 55, highest 100.
    assert cells == ["<td>3</td>", "<td>80 %</td>", "<td>55 %</td>", "<td>100 %</td>"]
    assert "50–59 %: 1;" in row and "80–89 %: 1;" in row and "90–100 %: 1;" in row
    # The histogram: accessible SVG with a description and a data table.
    assert "Distribution of final scores" in html
    assert (
        '<desc id="final-scores-desc">Final scores of 3 completed enrollments' in html
    )
    assert "average 80 %, lowest 55 %, highest 100 %" in html
    assert '<th scope="row">90–100 %</th><td>1</td>' in html


def test_filters_apply_to_final_scores(admin_client, scored):
    html = admin_client.get(reverse(SCORES), {"country": "MX"}).content.decode()
    assert "Final scores of 1 completed enrollments" in html
    assert "average 55 %" in html
    empty = admin_client.get(
        reverse(SCORES),
        {"enrolled_at_from": "2000-01-01", "enrolled_at_to": "2000-01-02"},
    )
    assert "No completed enrollments match these filters." in empty.content.decode()


def test_final_scores_export_csv_and_xlsx(admin_client, scored, program_admin):
    response = admin_client.get(reverse(SCORES), {"export": "csv"})
    assert response.streaming
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Course,Completions with a final score,Average final score (%),"
        "Lowest (%),Highest (%),0–9 %"
    )
    assert lines[1] == f"{scored.course.title},3,80,55,100,0,0,0,0,0,1,0,0,1,1"

    xlsx = admin_client.get(reverse(SCORES), {"export": "xlsx"})
    rows = list(
        load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.values
    )
    assert rows[1][:5] == (scored.course.title, 3, 80, 55, 100)
    entries = ModelLogEntry.objects.filter(action="lms.report_export")
    assert [e.data["report"] for e in entries] == ["final-scores", "final-scores"]
    assert all(e.user == program_admin for e in entries)


def test_final_scores_query_count_does_not_grow(admin_client, scored, home_page):
    # The first admin visit keeps the staff member's admin language (one write).
    admin_client.get(reverse(SCORES))
    with CaptureQueriesContext(connection) as few:
        admin_client.get(reverse(SCORES))
    other = make_course(home_page, modules=1, lessons_per_module=1)
    for n in range(20):
        graded(completed(scored.course), scored.quizzes[-1], 1, str(n * 5))
        graded(completed(other.course), other.quizzes[-1], 1, "90")
    admin_client.get(reverse(SCORES))  # the new course's outline, into the cache
    with CaptureQueriesContext(connection) as many:
        html = admin_client.get(reverse(SCORES)).content.decode()
    assert other.course.title in html
    assert len(many.captured_queries) == len(few.captured_queries)


def test_final_scores_in_spanish(client, program_admin, scored):
    program_admin.preferred_language = "es"
    program_admin.save()
    client.force_login(program_admin)
    html = client.get(reverse(SCORES), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Distribución de las calificaciones finales" in html


@pytest.mark.parametrize("who", ["trainer", "learner"])
def test_only_program_administrators_see_final_scores(client, scored, request, who):
    client.force_login(request.getfixturevalue(who))
    for params in ({}, {"export": "csv"}):
        assert client.get(reverse(SCORES), params).status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action="lms.report_export").exists()


# Completions over time ---------------------------------------------------------


def at(day: str):
    return timezone.make_aware(datetime.fromisoformat(day + "T12:00"))


def test_completions_per_week_over_the_date_range(admin_client, home_page):
    course = make_course(home_page, modules=1, lessons_per_module=1, quiz=False).course
    # Weeks of Monday 2 March 2026: 2 completions, then none, then 1.
    for day in ("2026-03-02", "2026-03-06", "2026-03-18"):
        completed(course, when=at(day))
    Enrollment.objects.update(enrolled_at=at("2026-03-01"))
    response = admin_client.get(
        reverse(ENROLLMENTS),
        {"enrolled_at_from": "2026-03-01", "enrolled_at_to": "2026-03-31"},
    )
    html = response.content.decode()
    chart = html[html.index("<h3>Completions per week</h3>") :]
    chart = chart[: chart.index("</figure>")]
    assert '<title id="completions-over-time-title">' in chart
    assert (
        "Completions per week from Feb. 23, 2026 to March 30, 2026: "
        "3 in all, at most 2 in one week." in chart
    )
    rows = [
        ("Week of Feb. 23, 2026", "0"),
        ("Week of March 2, 2026", "2"),
        ("Week of March 9, 2026", "0"),  # an empty week keeps its place
        ("Week of March 16, 2026", "1"),
        ("Week of March 23, 2026", "0"),
        ("Week of March 30, 2026", "0"),
    ]
    table = chart[chart.index("<tbody>") : chart.index("</tbody>")]
    assert table == "<tbody>" + "".join(
        f'<tr><th scope="row">{label}</th><td>{value}</td></tr>'
        for label, value in rows
    )


def test_completions_per_month_over_a_long_range(admin_client, home_page):
    course = make_course(home_page, modules=1, lessons_per_module=1, quiz=False).course
    for day in ("2025-01-10", "2025-01-20", "2025-06-15"):
        completed(course, when=at(day))
    Enrollment.objects.update(enrolled_at=at("2025-01-01"))
    html = admin_client.get(
        reverse(ENROLLMENTS),
        {"enrolled_at_from": "2025-01-01", "enrolled_at_to": "2025-12-31"},
    ).content.decode()
    chart = html[html.index("<h3>Completions per month</h3>") :]
    chart = chart[: chart.index("</figure>")]
    assert '<th scope="row">January 2025</th><td>2</td>' in chart
    assert '<th scope="row">March 2025</th><td>0</td>' in chart
    assert '<th scope="row">June 2025</th><td>1</td>' in chart
    assert '<th scope="row">December 2025</th><td>0</td>' in chart
    assert chart.count('<tr><th scope="row">') == 12


def test_completion_rate_charts_by_country_and_agency(admin_client, home_page):
    course = make_course(home_page, modules=1, lessons_per_module=1, quiz=False).course
    completed(course, country="MX", agency="DIF Baja California")
    for _n in range(3):
        Enrollment.objects.create(
            user=UserFactory(country="US", agency="Chula Vista PD"), course=course
        )
    completed(course, country="US", agency="Chula Vista PD")
    html = admin_client.get(reverse(ENROLLMENTS)).content.decode()
    country = html[html.index("<h3>Completion rate by country</h3>") :]
    country = country[: country.index("</figure>")]
    assert '<th scope="row">Mexico</th><td>100 % (1 of 1)</td>' in country
    assert '<th scope="row">United States</th><td>25 % (1 of 4)</td>' in country
    agency = html[html.index("<h3>Completion rate by agency (10 largest)</h3>") :]
    assert '<th scope="row">Chula Vista PD</th><td>25 % (1 of 4)</td>' in agency
    # The longest bar is the highest rate, not the most completions.
    widths = {
        label: int(width)
        for label, width in [
            (
                chunk.split("</text>")[0].rsplit(">", 1)[1],
                chunk.split('width="')[1].split('"')[0],
            )
            for chunk in country.split("<g>")[1:]
        ]
    }
    assert widths["Mexico"] > widths["United States"]


MONTHS = ["Ene", "Feb", "Mar", "Abr", "May", "Jun"] + [
    "Jul",
    "Ago",
    "Sep",
    "Oct",
    "Nov",
    "Dic",
]


@pytest.mark.parametrize(
    ("labels", "all_written"),
    [
        ([f"{month} {year}" for year in (2025, 2026) for month in MONTHS], False),
        ([str(low) for low in range(0, 100, 10)], True),
    ],
    ids=["24 months", "score bins"],
)
def test_column_labels_never_overlap(labels, all_written):
    items = [(label, label, 1, "1") for label in labels]
    chart = column_chart("t", "d", items, key="k")
    written = [c for c in chart.columns if c.short_label]
    assert written[0].short_label == labels[0]
    for left, right in zip(written, written[1:], strict=False):
        half_widths = (len(left.short_label) + len(right.short_label)) * 7 / 2
        assert right.centre - left.centre >= half_widths + 10, (left, right)
    assert (len(written) == len(labels)) is all_written
