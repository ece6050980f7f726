"""load_demo_data: idempotent, refused with production settings, and it leaves the
reports something to show (issue 6, "must show"): a cohort of fictional learners with
enrollments, graded attempts, completions over months and certificates issued,
queued, revoked and expiring, while the three documented accounts stay fresh."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.models import Page, Site

from certificates.models import Certificate, CertificateRequest
from lms.demo.accounts import DEMO_ACCOUNTS, DEMO_TOTP_SECRET
from lms.demo.activity import demo_learner_emails, get_demo_cohorts
from lms.demo.learners import DEMO_LEARNERS
from lms.models import (
    CohortMember,
    Country,
    Enrollment,
    LessonProgress,
    QuizAttempt,
    User,
)
from lms.reports.queries import completion_rates_by, group_enrollments
from lms.reports.scores import combine, get_score_distribution
from lms.reports.sections import get_report_sections
from lms.reports.timeline import get_completions_over_time
from tests.security.helpers import login_with_totp

DOCUMENTED = [account["email"] for account in DEMO_ACCOUNTS]


def load_demo_data(*args):
    """As ``make setup`` runs it; certificates follow once the transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo_data", *args, stdout=io.StringIO())


def counts():
    return {
        "users": User.objects.count(),
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
        "cohorts": get_demo_cohorts().count(),
        "members": CohortMember.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "completions": Enrollment.objects.filter(completed_at__isnull=False).count(),
        "lessons": LessonProgress.objects.count(),
        "attempts": QuizAttempt.objects.count(),
        "certificates": dict(
            Certificate.objects.values_list("status").annotate(n=Count("pk"))
        ),
        "requests": dict(
            CertificateRequest.objects.values_list("status").annotate(n=Count("pk"))
        ),
    }


def test_load_demo_data_twice_duplicates_nothing(db):
    load_demo_data()
    first = counts()
    dates = sorted(Enrollment.objects.values_list("pk", "enrolled_at", "completed_at"))
    load_demo_data()
    assert counts() == first
    assert (
        sorted(Enrollment.objects.values_list("pk", "enrolled_at", "completed_at"))
        == dates
    )
    assert first["enrollments"] > 0 and first["certificates"]
    staff = {
        u.email: set(u.groups.values_list("name", flat=True))
        for u in User.objects.filter(email__in=DOCUMENTED)
    }
    assert staff["learner@puente.test"] == {"Learners"}
    assert staff["trainer@puente.test"] == {"Trainers"}
    assert staff["admin@puente.test"] == {"Program administrators"}
    assert (
        Site.objects.get(is_default_site=True).root_page.specific_class.__name__
        == "HomePage"
    )


def test_demo_accounts_stay_fresh_and_demo_learners_cannot_sign_in(client, db):
    load_demo_data()
    assert client.login(email="learner@puente.test", password="learner-demo-2026")
    client.logout()
    documented = User.objects.filter(email__in=DOCUMENTED)
    assert documented.count() == 3
    assert not Enrollment.objects.filter(user__in=documented).exists()
    assert not CohortMember.objects.filter(user__in=documented).exists()
    assert not Certificate.objects.filter(user__in=documented).exists()
    learners = User.objects.filter(email__in=demo_learner_emails())
    assert learners.count() == len(DEMO_LEARNERS)
    assert not any(user.has_usable_password() for user in learners)
    assert not client.login(email=learners[0].email, password="")
    assert {u.country for u in learners} == {Country.US, Country.MX}
    assert {u.preferred_language for u in learners} == {"en", "es"}
    assert any("ñ" in u.full_name for u in learners)


def test_demo_activity_fills_the_report_figures(db):
    load_demo_data()
    enrollments = Enrollment.objects.all()

    by_course = list(group_enrollments(enrollments, "course"))
    assert len(by_course) == 3  # every demo course has learners
    for row in by_course:
        assert 0 < row["completions"] < row["enrollments"], row
        assert row["average_score"] is not None
    rates = {
        row["value"]: row["rate"]
        for row in completion_rates_by(enrollments, "user__country")
    }
    assert set(rates) == {"US", "MX"} and all(0 < r < 100 for r in rates.values())
    cohort = get_demo_cohorts().get()
    assert 16 <= cohort.members.count() <= 24
    assert cohort.courses.count() == 2

    scores = combine(get_score_distribution(enrollments).values())
    assert scores.scored == enrollments.filter(completed_at__isnull=False).count()
    assert sum(1 for count in scores.bins if count) >= 2  # a distribution, not a bar
    assert QuizAttempt.objects.filter(status="graded", passed=False).exists()
    # Someone used all three attempts at the final assessment and did not pass.
    assert (
        Enrollment.objects.filter(completed_at__isnull=True, attempts__passed=False)
        .annotate(failed=Count("attempts"))
        .filter(failed__gte=3)
        .exists()
    )

    # Completions spread over the last six months, week after week.
    today = timezone.localdate()
    weeks = get_completions_over_time(enrollments, today - timedelta(days=182), today)
    assert sum(1 for week in weeks if week.completions) >= 12
    assert Enrollment.objects.filter(
        enrolled_at__lt=timezone.now() - timedelta(days=150)
    ).exists()

    section = next(s for s in get_report_sections({}) if s.title == "Certificates")
    figures = dict(section.rows)
    issued, revoked, expiring = (row[1] for row in section.rows)
    assert issued > 10 and revoked == 1 and expiring >= 1, figures
    revoked_one = Certificate.objects.get(status="revoked")
    assert revoked_one.revocation_reason and revoked_one.revoked_by.email == (
        "admin@puente.test"
    )
    assert CertificateRequest.objects.filter(status="pending").count() >= 2
    assert CertificateRequest.objects.filter(status="approved").exists()


@pytest.mark.slow
def test_program_admin_sees_the_demo_activity_with_charts_and_exports(client, db):
    load_demo_data()
    login_with_totp(client, "admin@puente.test", "admin-demo-2026", DEMO_TOTP_SECRET)
    language = User.objects.get(email="admin@puente.test").preferred_language
    translation.activate(language)
    url = reverse("puente_reports:enrollments")

    html = client.get(url, {"group": "cohort"}).content.decode()
    assert get_demo_cohorts().get().name in html
    assert html.count('<figure class="puente-chart">') == 3
    response = client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    figures = [row[1:3] for row in rows[1:]]
    assert len(figures) == 3
    assert all(int(done) > 0 and int(total) > int(done) for total, done in figures)
    response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [list(r)[1:3] for r in sheet.values][1:] == [
        [int(total), int(done)] for total, done in figures
    ]
    scores = client.get(reverse("puente_reports:scores")).content.decode()
    assert scores.count('<figure class="puente-chart">') >= 1
    cohort = get_demo_cohorts().get()
    table = client.get(
        reverse("puente_reports:learners"), {"cohort": cohort.pk}
    ).content.decode()
    assert "Ximena Ibáñez Cordero" in table and "Nadia Ochoa Beltrán" not in table
    queue = client.get(reverse("certificates_admin:queue")).content.decode()
    for request in CertificateRequest.objects.filter(status="pending"):
        assert request.user.full_name in queue


@pytest.mark.slow
def test_replacing_the_courses_makes_the_activity_again(db):
    load_demo_data()
    before = counts()
    load_demo_data("--replace-courses")
    assert counts() == before


def test_refuses_without_permission(db, settings):
    settings.PUENTE_DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo_data")
    assert not User.objects.filter(email__in=demo_learner_emails()).exists()
