"""Reports at 10,000 enrollments: listings paginate, query counts are the same at
50 and at 10,000 rows, and CSV exports stream chunk by chunk (the first rows are
out before the rest is read). Rows are written with bulk_create."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.models import AttemptStatus, Enrollment, LessonProgress, QuizAttempt, User
from lms.reports.export import EXPORT_CHUNK
from tests.builders import make_course

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FROM_ENROLLMENTS = 'FROM "lms_enrollment"'

LARGE = 10_000
SMALL = 50


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


@pytest.fixture
def built(home_page):
    return make_course(home_page, modules=1, lessons_per_module=2)


def grow(built, upto: int) -> None:
    """Learners ``Learner 00000`` … up to ``upto`` in the course: every third one
    completed with a final score, every other one with a lesson done; agencies
    repeat every 300 learners, countries alternate."""
    start = User.objects.filter(email__endswith="@large.test").count()
    now = timezone.now()
    users = []
    for n in range(start, upto):
        user = User(
            email=f"learner{n:05d}@large.test",
            full_name=f"Learner {n:05d}",
            agency=f"Agency {n % 300:03d}",
            country="US" if n % 2 else "MX",
        )
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, batch_size=1000)
    ids = dict(
        User.objects.filter(email__endswith="@large.test").values_list(
            "full_name", "pk"
        )
    )
    enrollments = [
        Enrollment(
            user_id=ids[f"Learner {n:05d}"],
            course=built.course,
            completed_at=now if n % 3 == 0 else None,
        )
        for n in range(start, upto)
    ]
    Enrollment.objects.bulk_create(enrollments, batch_size=1000)
    created = Enrollment.objects.filter(
        course=built.course, user__email__endswith="@large.test"
    ).order_by("user__full_name")[start:]
    progress, attempts = [], []
    for index, (pk, user_id) in enumerate(created.values_list("pk", "user_id")):
        n = start + index
        if n % 2 == 0:
            progress.append(LessonProgress(enrollment_id=pk, lesson=built.lessons[0]))
        if n % 3 == 0:
            attempts.append(
                QuizAttempt(
                    enrollment_id=pk,
                    quiz=built.quizzes[-1],
                    user_id=user_id,
                    number=1,
                    status=AttemptStatus.GRADED,
                    score=Decimal(50 + n % 51),
                    passed=True,
                )
            )
    LessonProgress.objects.bulk_create(progress, batch_size=1000)
    QuizAttempt.objects.bulk_create(attempts, batch_size=1000)


def queries_for(client, url, params) -> tuple[int, str]:
    client.get(url, params)  # warm the content cache (course outlines are kept)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_listings_paginate_with_the_same_queries_at_50_and_10000(admin_client, built):
    enrollments = reverse("puente_reports:enrollments")
    learners = reverse("puente_reports:learners")
    scores = reverse("puente_reports:scores")
    by_agency = {"group": "agency"}
    one_course = {"course": built.course.pk}

    grow(built, SMALL)
    small = {
        "enrollments": queries_for(admin_client, enrollments, by_agency),
        "learners": queries_for(admin_client, learners, one_course),
        "scores": queries_for(admin_client, scores, {}),
    }
    grow(built, LARGE)
    assert Enrollment.objects.count() == LARGE
    large = {
        "enrollments": queries_for(admin_client, enrollments, by_agency),
        "learners": queries_for(admin_client, learners, one_course),
        "scores": queries_for(admin_client, scores, {}),
    }
    for name in small:
        assert large[name][0] == small[name][0], name

    # Paginated: 50 rows a page, 300 agencies → 6 pages, 10,000 learners → 200.
    page = large["learners"][1]
    assert page.count('<th scope="row">Learner ') == 50
    assert "Learner 00049" in page and "Learner 00050" not in page
    assert "Page 1 of 200" in page
    assert "Page 1 of 6" in large["enrollments"][1]
    _count, second = queries_for(admin_client, learners, {**one_course, "p": 2})
    assert "Learner 00050" in second and "Learner 00049" not in second
    # Final scores over all 3,334 completed enrollments.
    assert "Final scores of 3334 completed enrollments" in large["scores"][1]


def test_csv_export_streams_chunk_by_chunk(admin_client, built):
    grow(built, LARGE)
    url = reverse("puente_reports:learners")
    with CaptureQueriesContext(connection) as opening:
        response = admin_client.get(url, {"course": built.course.pk, "export": "csv"})
    assert response.streaming
    # Nothing of the 10,000 rows is read until the body is consumed.
    assert not any("lms_enrollment" in q["sql"] for q in opening.captured_queries)

    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as first:
        header = next(chunks).decode("utf-8-sig")  # after the byte-order mark
        first_row = next(chunks).decode()
    assert header.startswith("Full name,Email")
    assert first_row.startswith("Learner 00000,learner00000@large.test")
    reads = [q["sql"] for q in first.captured_queries if FROM_ENROLLMENTS in q["sql"]]
    assert len(reads) == 1 and "OFFSET" not in reads[0]  # one cursor for every row
    per_chunk = len(first.captured_queries) - 1

    with CaptureQueriesContext(connection) as rest:
        body = header + first_row + b"".join(chunks).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == LARGE + 1
    assert rows[-1][0] == "Learner 09999"
    assert rows[1][6:10] == ["1", "2", "100", "50"]  # Learner 00000: completed
    assert rows[1][10].startswith(str(timezone.localdate().year))
    # The rows come from the same cursor; each remaining chunk of EXPORT_CHUNK rows
    # costs only what decorating the first did.
    assert not any(FROM_ENROLLMENTS in q["sql"] for q in rest.captured_queries)
    chunks_left = LARGE // EXPORT_CHUNK - 1
    assert len(rest.captured_queries) <= chunks_left * per_chunk


def test_enrollment_report_csv_streams_at_10000(admin_client, built):
    grow(built, LARGE)
    response = admin_client.get(
        reverse("puente_reports:enrollments"), {"group": "country", "export": "csv"}
    )
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Group"
    assert sorted(r[:3] for r in rows[1:]) == [
        ["Mexico", "5000", "1667"],
        ["United States", "5000", "1667"],
    ]
