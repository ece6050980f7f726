"""Query counts of the measured learner pages, pinned at two data sizes.

The benchmark (make bench) times these pages; these tests keep their database work
from growing with the data: the same number of queries for a small and a large
case, and that number written down, so a change that adds a query is a decision.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.services import get_course_outline
from lms.learning.services.attempts import start_attempt, submit_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from lms.models import Enrollment
from tests.builders import make_course
from tests.factories import UserFactory
from tests.lms.learning.support import answers_for
from tests.lms.support import lms_url

# Session, user, savepoint, the learner's own attempt locked with its quiz's pass mark,
# enrollment and course's place, the graded row, lessons done, quizzes passed,
# release. The answer key and the course outline come from the cache (read before).
SUBMIT_QUERIES = 8
# Made: session, user, enrollments, lessons done, quizzes passed, attempts, the
# certificates panel (certificates, requests, any completion, a page), the layout's
# permissions (2) and Wagtail's site for page links. Outlines come from the cache.
DASHBOARD_MADE_QUERIES = 13
# Again, until the learner's records change: session and user; the page is kept
# for this learner (lms.learning.learner_pages).
DASHBOARD_QUERIES = 2
# The certificate (with its course) and its holder; the rate limit is in the cache.
VERIFY_QUERIES = 2


def _count(client, method, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    return response, len(captured)


def test_quiz_submit_queries_are_the_same_for_7_and_20_questions(client, home_page):
    counts = {}
    for questions in (7, 20):
        built = make_course(home_page, modules=1, questions=questions)
        user = UserFactory()
        client.force_login(user)
        enrollment = acknowledge_content_note(enroll_user(user, built.course))
        attempt = start_attempt(enrollment, built.quizzes[0])
        get_course_outline(built.course)  # kept, as the course page the learner saw
        response, counts[questions] = _count(
            client,
            "post",
            lms_url("lms_submit_attempt", attempt.pk),
            answers_for(attempt, right=questions - 1),
        )
        assert response.status_code == 302
        attempt.refresh_from_db()
        assert attempt.is_graded and len(attempt.answers) == questions
    assert counts[7] == counts[20] == SUBMIT_QUERIES, counts


def test_dashboard_queries_are_the_same_for_1_and_10_enrollments(client, home_page):
    courses = [
        make_course(home_page, modules=2, lessons_per_module=2) for _ in range(10)
    ]
    counts, made = {}, {}
    # Content caches (outlines, site) warm, as on a live site; not this learner's.
    other = UserFactory()
    for built in courses:
        enroll_user(other, built.course)
    client.force_login(other)
    client.get(lms_url("dashboard"))
    for size in (1, 10):
        user = UserFactory()
        for built in courses[:size]:
            enrollment = acknowledge_content_note(enroll_user(user, built.course))
            mark_lesson_complete(enrollment, built.lessons[0])
            submit_attempt(start_attempt(enrollment, built.quizzes[0]), {})
        client.force_login(user)
        response, made[size] = _count(client, "get", lms_url("dashboard"))
        assert response.text.count('class="dashboard-course"') == size
        response, counts[size] = _count(client, "get", lms_url("dashboard"))
        assert response.status_code == 200
        assert response.text.count('class="dashboard-course"') == size
    assert made[1] == made[10] == DASHBOARD_MADE_QUERIES, made
    assert counts[1] == counts[10] == DASHBOARD_QUERIES, counts


def _certificates(home_page, user, how_many: int):
    from certificates.services import issue_certificate

    issued = []
    for _ in range(how_many):
        built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
        enrollment = enroll_user(user, built.course)
        Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
        enrollment.refresh_from_db()
        issued.append(issue_certificate(enrollment))
    return issued


def test_verification_page_queries_are_the_same_for_1_and_10_certificates(
    client, home_page
):
    from certificates.services import verification_url

    counts = {}
    for size in (1, 10):
        holder = UserFactory()
        certificate = _certificates(home_page, holder, size)[-1]
        for language in ("en", "es"):
            url = verification_url(certificate, language)
            client.get(url)
            response, counts[(size, language)] = _count(client, "get", url)
            assert response.status_code == 200
            assert certificate.code in response.text
    assert set(counts.values()) == {VERIFY_QUERIES}, counts
