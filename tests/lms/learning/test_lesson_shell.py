"""The signed-in lesson page served from its cached pieces (lms.learning.lesson_shell)
is the page Wagtail would render for that learner, changes at once when the lesson
is republished, a lesson completed or a course enrolled in, and never shows one
learner's part to another."""

import re
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from tests.builders import make_course
from tests.factories import UserFactory
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
# Session and user; the learner's progress, the Admin link, the page's pieces and
# the route come from the cache once warm.
SHELL_QUERIES = 2


def _page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _same_page(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="-"', html)


def _enrolled(learner, built, done: int):
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    for lesson in built.lessons[:done]:
        mark_lesson_complete(enrollment, lesson)
    return enrollment


@pytest.fixture
def built(home_page):
    return make_course(home_page, modules=2, lessons_per_module=3)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("done", [None, 0, 2, 3])
def test_the_cached_page_is_the_page_wagtail_renders(
    client, built, roles, language, done
):
    learner = UserFactory()
    if done is not None:
        _enrolled(learner, built, done)
    client.force_login(learner)
    for lesson in (built.lessons[0], built.lessons[2], built.lessons[4]):
        url = page_url(lesson, language)
        _page(client, url)  # fills the cache
        cached = _page(client, url)
        # A query string is never taken from the cache: Wagtail renders it whole.
        rendered = _page(client, url, whole="1")
        assert _same_page(cached) == _same_page(rendered)


def test_a_warm_lesson_page_costs_two_queries_at_two_course_sizes(
    client, home_page, roles
):
    counts = {}
    for modules, lessons in ((2, 2), (12, 5)):
        course = make_course(home_page, modules=modules, lessons_per_module=lessons)
        for done in (0, len(course.lessons) - 1):
            learner = UserFactory()
            _enrolled(learner, course, done)
            client.force_login(learner)
            url = page_url(course.lessons[-1])
            _page(client, url)
            with CaptureQueriesContext(connection) as queries:
                html = _page(client, url)
            assert "lesson__body" in html
            counts[(modules, done)] = len(queries)
    assert set(counts.values()) == {SHELL_QUERIES}, counts


@contextmanager
def cache_reads():
    """Counts the cache reads made meanwhile (a ``get_many`` is one, whatever the
    backend does inside it)."""
    backend, reads, inside = type(caches["default"]), [], []

    def counted(method):
        def read(self, *args, **kwargs):
            if not inside:
                reads.append(method.__name__)
            inside.append(True)
            try:
                return method(self, *args, **kwargs)
            finally:
                inside.pop()

        return read

    with (
        mock.patch.object(backend, "get", counted(backend.get)),
        mock.patch.object(backend, "get_many", counted(backend.get_many)),
    ):
        yield reads


def test_a_warm_lesson_is_the_learners_kept_copy_in_two_cache_reads(
    client, home_page, roles
):
    """The learner's keys and their copy of the page (and the session, where it is
    cached): no routing, no position or outline read, whatever the course's size."""
    counts = {}
    for modules, lessons in ((2, 2), (12, 5)):
        course = make_course(home_page, modules=modules, lessons_per_module=lessons)
        learner = UserFactory()
        _enrolled(learner, course, 1)
        client.force_login(learner)
        url = page_url(course.lessons[-1])
        first = _page(client, url)
        with cache_reads() as reads:
            again = _page(client, url)
        assert _same_page(again) == _same_page(first)
        counts[modules] = len(reads)
    assert set(counts.values()) == {2}, counts


def test_a_republished_lesson_shows_at_once(client, built, roles):
    learner = UserFactory()
    _enrolled(learner, built, 1)
    client.force_login(learner)
    lesson = built.lessons[1]
    url = page_url(lesson)
    assert "Rewritten summary" not in _page(client, url)
    lesson.summary_en = "Rewritten summary for the new cohort."
    lesson.save_revision().publish()
    assert "Rewritten summary for the new cohort." in _page(client, url)


def test_a_completed_lesson_and_a_new_enrollment_show_at_once(client, built, roles):
    learner = UserFactory()
    client.force_login(learner)
    url = page_url(built.lessons[0])
    assert "Enroll in the course" in _page(client, url)

    enrollment = _enrolled(learner, built, 0)
    html = _page(client, url)
    assert "Enroll in the course" not in html
    assert "Mark as complete and continue" in html
    assert html.count("badge--done") == 0

    mark_lesson_complete(enrollment, built.lessons[0])
    html = _page(client, url)
    assert "You have completed this lesson." in html
    assert html.count("badge--done") == 1


def test_one_learners_part_never_reaches_another(client, built, roles):
    ahead, behind = UserFactory(), UserFactory()
    _enrolled(ahead, built, 3)
    _enrolled(behind, built, 0)
    url = page_url(built.lessons[1])

    client.force_login(ahead)
    ahead_html = _page(client, url)
    ahead_token = TOKEN.search(ahead_html).group(0)
    assert "You have completed this lesson." in ahead_html
    assert ahead_html.count("badge--done") == 3

    client.force_login(behind)
    behind_html = _page(client, url)
    assert "You have completed this lesson." not in behind_html
    assert behind_html.count("badge--done") == 0
    assert ahead_token not in behind_html  # each request's own CSRF token
    assert "Your progress: 0 of" in behind_html


def test_a_pending_content_note_and_messages_are_rendered_whole(client, built, roles):
    learner = UserFactory()
    enroll_user(learner, built.course)  # the note not read yet
    client.force_login(learner)
    html = _page(client, page_url(built.lessons[0]))
    assert "lesson__body" not in html  # the note instead of the lesson

    acknowledge_content_note(learner.enrollments.get())
    _page(client, page_url(built.lessons[1]))  # the cached page exists
    response = client.post(
        lms_url("lms_lesson_complete", built.lessons[0].pk), follow=True
    )
    assert response.redirect_chain[-1][0] == page_url(built.lessons[1])
    assert "Lesson marked as complete." in response.content.decode()
    assert "Lesson marked as complete." not in _page(client, page_url(built.lessons[1]))
