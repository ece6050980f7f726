"""Every CSV Puente exports starts with a UTF-8 byte-order mark, so Excel on Windows
shows "José Núñez Peña" and not "JosÃ© NÃºÃ±ez PeÃ±a"; the rest of the file is
plain UTF-8 CSV (the XLSX exports need no mark)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import Cohort, CohortMember, Enrollment
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
NAME = "José Núñez Peña"
AGENCY = "Policía Municipal de Tijuana"


@pytest.fixture
def data(home_page):
    course = make_course(home_page, modules=1, lessons_per_module=1).course
    cohort = Cohort.objects.create(name="Tijuana, año 2026")
    cohort.courses.set([course])
    person = UserFactory(full_name=NAME, agency=AGENCY, country="MX")
    Enrollment.objects.create(user=person, course=course, completed_at=timezone.now())
    CohortMember.objects.create(cohort=cohort, user=person)
    return course, cohort


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


def exports(course, cohort):
    return {
        "enrollments": (
            reverse("puente_reports:enrollments"),
            {"group": "agency"},
            AGENCY,
        ),
        "learners": (reverse("puente_reports:learners"), {"course": course.pk}, NAME),
        "scores": (reverse("puente_reports:scores"), {}, course.title),
        "questions": (reverse("puente_reports:questions"), {}, "Question 1?"),
        "cohort": (reverse("cohorts_admin:progress", args=[cohort.pk]), {}, NAME),
    }


@pytest.mark.parametrize(
    "name", ["enrollments", "learners", "scores", "questions", "cohort"]
)
def test_every_report_csv_starts_with_a_byte_order_mark(admin_client, data, name):
    url, params, expected = exports(*data)[name]
    response = admin_client.get(url, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    assert body.startswith(BOM)
    assert body.count(BOM) == 1  # once, not once per chunk
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] and not rows[0][0].startswith("\ufeff")
    assert any(expected in cell for row in rows[1:] for cell in row), rows


def test_the_mark_comes_with_the_heading_row_of_a_streamed_export(admin_client, data):
    course, _cohort = data
    response = admin_client.get(
        reverse("puente_reports:learners"), {"course": course.pk, "export": "csv"}
    )
    first = next(iter(response.streaming_content))
    assert first.startswith(BOM + b"Full name,Email")


def test_xlsx_exports_are_unchanged(admin_client, data):
    response = admin_client.get(
        reverse("puente_reports:enrollments"), {"export": "xlsx"}
    )
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_the_translation_report_csv_starts_with_the_mark(admin_client, home_page):
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    module = built.modules[0]
    type(module).objects.filter(pk=module.pk).update(intro_es="")
    response = admin_client.get(
        reverse("courses_translation_report"), {"export": "csv"}
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(BOM) and body.count(BOM) == 1
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "Page"
    assert [row[0] for row in rows[1:]] == [module.title_en]
