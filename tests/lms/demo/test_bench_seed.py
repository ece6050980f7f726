"""``manage.py seed_bench`` (the data ``make bench`` measures) and the bench settings.

The seed must be reproducible (same seed, same rows), honour the sizes asked for,
refuse production settings and a database that already holds bench data.
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from certificates.models import Certificate, CertificateRequest
from courses.models import CoursePage, LessonPage, QuizPage
from lms.demo.bench import (
    EMAIL_DOMAIN,
    LESSONS_PER_MODULE,
    MODULES,
    seed,
)
from lms.models import Enrollment, LessonProgress, QuizAttempt, User
from tests.lms.settings.support import read_json

LESSONS = MODULES * LESSONS_PER_MODULE
pytestmark = pytest.mark.django_db


def bench_rows() -> dict:
    """What the seed wrote, by natural keys and ids relative to the first row."""
    users = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", "email", "full_name", "country", "preferred_language")
    )
    first_user = users[0][0]
    enrollments = list(
        Enrollment.objects.order_by("pk").values_list(
            "pk", "user__email", "course__import_key", "enrolled_at", "completed_at"
        )
    )
    first_enrollment = enrollments[0][0]
    return {
        "users": [(pk - first_user, *rest) for pk, *rest in users],
        "enrollments": [(pk - first_enrollment, *rest) for pk, *rest in enrollments],
        "progress": list(
            LessonProgress.objects.order_by("pk").values_list(
                "enrollment__user__email", "lesson__slug_en", "completed_at"
            )
        ),
        "attempts": list(
            QuizAttempt.objects.order_by("pk").values_list(
                "user__email", "number", "status", "score", "passed"
            )
        ),
        "certificates": sorted(
            Certificate.objects.values_list("user__email", "course_title_en")
        ),
    }


def seeded(seed_value: int, learners: int = 12, courses: int = 2):
    """Seed inside a transaction that is rolled back; returns (counts, rows)."""
    with transaction.atomic():
        counts = seed(learners=learners, courses=courses, seed_value=seed_value)
        rows = bench_rows()
        transaction.set_rollback(True)
    return counts, rows


def test_same_seed_gives_the_same_data_and_another_seed_does_not(home_page):
    counts, rows = seeded(7)
    again_counts, again_rows = seeded(7)
    assert again_counts == counts
    assert again_rows == rows
    _other_counts, other_rows = seeded(8)
    assert other_rows["users"] != rows["users"]
    assert other_rows["enrollments"] != rows["enrollments"]


def test_seed_builds_the_sizes_asked_for(home_page):
    counts = seed(learners=30, courses=2, seed_value=3)
    learners = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    assert learners.count() == counts.learners == 30
    assert learners.filter(groups__name="Learners").count() == 30
    courses = CoursePage.objects.filter(import_key__startswith="bench-")
    assert courses.count() == 2
    for course in courses:
        assert course.live
        assert LessonPage.objects.descendant_of(course).count() == LESSONS == 16
        quiz = QuizPage.objects.descendant_of(course).get()
        assert quiz.questions.count() == 20
    per_learner = [learner.enrollments.count() for learner in learners]
    assert min(per_learner) >= 1 and max(per_learner) <= 2
    assert Enrollment.objects.count() == counts.enrollments
    assert LessonProgress.objects.count() == counts.lesson_progress
    completed = Enrollment.objects.filter(completed_at__isnull=False)
    assert completed.count() == counts.completions
    # The certificates app certified every completion of the automatic course and
    # queued those of the approval-mode one, as in production.
    automatic = completed.filter(course__import_key="bench-01")
    assert Certificate.objects.count() == automatic.count() >= 1
    assert CertificateRequest.objects.count() == completed.count() - automatic.count()
    assert CertificateRequest.objects.exists()
    for enrollment in completed:
        assert enrollment.lesson_progress.count() == LESSONS
        assert enrollment.attempts.filter(passed=True).exists()


def test_the_signed_in_bench_learner_is_part_way_through_course_one(home_page):
    seed(learners=3, courses=2, seed_value=1)
    first = User.objects.get(email=f"learner-00001@{EMAIL_DOMAIN}")
    enrollment = first.enrollments.get(course__import_key="bench-01")
    assert enrollment.completed_at is None
    assert enrollment.content_note_acknowledged_at is not None
    assert 1 <= enrollment.lesson_progress.count() <= LESSONS
    assert first.check_password("bench-learner-2026")


@override_settings(PUENTE_DEMO_DATA_ALLOWED=False)
def test_refuses_production_settings_unless_forced(home_page):
    with pytest.raises(CommandError, match="production"):
        call_command("seed_bench", "--learners=2", "--courses=1")
    assert not User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()
    assert not CoursePage.objects.filter(import_key__startswith="bench-").exists()
    call_command("seed_bench", "--learners=2", "--courses=1", "--force-production")
    assert User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count() == 2


def test_refuses_a_database_that_already_holds_bench_data(home_page):
    call_command("seed_bench", "--learners=2", "--courses=1")
    with pytest.raises(CommandError, match="already holds bench data"):
        call_command("seed_bench", "--learners=2", "--courses=1")
    assert User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count() == 2


@pytest.mark.parametrize("argument", ["--learners=0", "--courses=0"])
def test_refuses_empty_sizes(home_page, argument):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_bench", argument)


# The bench settings and its plain view ------------------------------------------------


@override_settings(ROOT_URLCONF="lms.demo.bench_urls")
def test_plain_view_answers_ok_through_the_full_middleware(client):
    response = client.get("/bench/ok")
    assert response.status_code == 200
    assert response.content == b"ok"
    # Headers only the middleware adds: it really ran through the stack.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    # The bench URLs are the site's URLs plus the plain view.
    assert client.get("/healthz").status_code == 200


def test_site_urls_do_not_have_the_bench_view(client):
    assert client.get("/bench/ok", follow=True).status_code == 404


def test_bench_settings_module_is_production_like_without_a_secret():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "from django.urls import resolve; "
        "print(json.dumps({'debug': s.DEBUG, 'urls': s.ROOT_URLCONF, "
        "'db': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES["
        "'default']['NAME']), 'sessions': s.SESSION_ENGINE, "
        "'static': s.STORAGES['staticfiles']['BACKEND'], "
        "'ok': resolve('/bench/ok').url_name}))"
    )
    settings = read_json(code, {"DJANGO_SETTINGS_MODULE": "lms.settings.bench"})
    assert settings["debug"] is False
    assert settings["urls"] == "lms.demo.bench_urls"
    assert settings["ok"] == "bench_ok"
    assert settings["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert settings["static"].endswith("CompressedManifestStaticFilesStorage")
    # Never the development database.
    assert settings["db"] == "django.db.backends.sqlite3"
    assert settings["name"].endswith("artifacts/bench/bench.sqlite3")


@pytest.mark.parametrize("urlconf", ["lms.urls", "lms.demo.bench_urls"])
def test_bench_urls_keep_the_sites_400_page(urlconf):
    """Too many fields: the site's own page says so (handler400), under the bench
    URLs as under the site's."""
    from django.test import Client

    fields = {f"f{n}": "x" for n in range(1001)}
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32  # so the CSRF check reads the form
    with override_settings(ROOT_URLCONF=urlconf):
        response = client.post("/en/", fields)
    assert response.status_code == 400
    assert b"nothing was saved" in response.content.lower()
