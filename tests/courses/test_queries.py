"""Query counts of learner pages do not grow with the size of the course."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import make_course
from tests.courses.support import url_in


def _queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warm caches (site root, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_page_query_counts_are_the_same_for_3_and_30_modules(client, catalogue):
    small = make_course(catalogue, modules=3, lessons_per_module=1)
    large = make_course(catalogue, modules=30, lessons_per_module=1)
    for pick in (
        lambda b: b.lessons[1],
        lambda b: b.quizzes[1],
        lambda b: b.modules[1],
        lambda b: b.course,
    ):
        for language in ("en", "es"):
            assert _queries(client, url_in(pick(small), language)) == _queries(
                client, url_in(pick(large), language)
            )


# The signed-in lesson page ------------------------------------------------------

# Session and user. The rest comes from the cache once warm: site, route, view
# restrictions, course position and outline (courses.cache), the page without the
# learner's part and that part per state (lms.learning.lesson_shell), the learner's
# enrollment and progress and their Admin link (lms.learning.learner_cache).
LESSON_PAGE_QUERIES = 2


def _enrolled_client(client, learner, built, lessons_done: int):
    from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
    from lms.learning.services.lessons import mark_lesson_complete

    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    for lesson in built.lessons[:lessons_done]:
        mark_lesson_complete(enrollment, lesson)
    client.force_login(learner)
    return client


def test_signed_in_lesson_page_queries_are_fixed_for_course_and_progress_size(
    client, catalogue, roles
):
    from tests.factories import UserFactory

    counts = {}
    for modules, lessons in ((2, 2), (12, 5)):
        built = make_course(catalogue, modules=modules, lessons_per_module=lessons)
        for done in (0, len(built.lessons) - 1):
            _enrolled_client(client, UserFactory(), built, done)
            url = url_in(built.lessons[-1], "en")
            assert "lesson__body" in client.get(url).text  # the lesson, not a gate
            counts[(modules, done)] = _queries(client, url)
    assert set(counts.values()) == {LESSON_PAGE_QUERIES}, counts


def test_signed_in_lesson_page_shows_the_learners_own_progress(
    client, catalogue, roles
):
    from tests.factories import UserFactory

    built = make_course(catalogue, modules=1, lessons_per_module=3)
    url = url_in(built.lessons[2], "en")
    _enrolled_client(client, UserFactory(), built, 2)
    assert client.get(url).text.count("badge--done") == 2
    _enrolled_client(client, UserFactory(), built, 0)
    assert client.get(url).text.count("badge--done") == 0
