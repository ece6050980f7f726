"""The anonymous page cache: fast, fresh after every change, never personal.

Home, catalogue and course pages are stored per language for anonymous visitors
(courses/cache.py). A hit must cost no query and be the same bytes and headers;
a change must show at once in both languages; nothing of one person may reach
another.
"""

import pytest
from django.db import connection
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from courses.models import CoursePage
from lms.learning.services.enrollment import enroll_user
from tests.builders import make_course, make_lesson, make_topic
from tests.courses.support import url_in

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _queries(client, url, **extra) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


@pytest.fixture
def course(catalogue):
    return make_course(catalogue, modules=1, lessons_per_module=1).course


def _page(name, home_page, catalogue, course):
    return {"home": home_page, "catalogue": catalogue, "course": course}[name]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", ["home", "catalogue", "course"])
def test_a_hit_costs_no_query_and_is_the_same_response(
    client, home_page, catalogue, course, name, language, django_assert_num_queries
):
    url = url_in(_page(name, home_page, catalogue, course), language)
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert dict(second.items()) == dict(first.items())
    for header, value in SECURITY_HEADERS.items():
        assert second[header] == value
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["Content-Language"] == language
    assert f'<html lang="{language}">' in second.content.decode()


def test_each_language_is_cached_on_its_own(client, course):
    english = client.get(url_in(course, "en")).content.decode()
    spanish = client.get(url_in(course, "es")).content.decode()
    assert course.title_en in english and course.title_es not in english
    assert course.title_es in spanish and course.title_en not in spanish
    assert "Sign in or create an account to enroll" in english
    assert "Inicie sesión o cree una cuenta para inscribirse" in spanish


@pytest.mark.parametrize("edited", ["en", "es"])
def test_publishing_a_course_change_shows_at_once_in_both_languages(
    client, catalogue, course, edited
):
    urls = [url_in(page, code) for page in (course, catalogue) for code in ("en", "es")]
    for url in urls:
        client.get(url)  # cached

    page = CoursePage.objects.get(pk=course.pk)
    setattr(page, f"title_{edited}", f"Renamed in {edited}")
    page.credit_hours = "42.5"
    page.save_revision().publish()

    for code in ("en", "es"):
        course_html = client.get(url_in(page, code)).content.decode()
        catalogue_html = client.get(url_in(catalogue, code)).content.decode()
        assert "42.5" in course_html or "42,5" in course_html
        if code == edited:
            assert f"Renamed in {edited}" in course_html
            assert f"Renamed in {edited}" in catalogue_html
        else:
            assert f"Renamed in {edited}" not in course_html


def test_unpublishing_a_course_removes_it_from_every_cached_page(
    client, catalogue, course
):
    course_urls = {code: url_in(course, code) for code in ("en", "es")}
    for code in ("en", "es"):
        assert course.title_en in client.get(url_in(catalogue, "en")).content.decode()
        assert client.get(course_urls[code]).status_code == 200

    CoursePage.objects.get(pk=course.pk).unpublish()

    for code in ("en", "es"):
        assert client.get(course_urls[code]).status_code == 404
        html = client.get(url_in(catalogue, code)).content.decode()
        assert course.title_en not in html and course.title_es not in html


def test_deleting_a_course_removes_it_from_the_cached_catalogue(
    client, catalogue, course
):
    for code in ("en", "es"):
        client.get(url_in(catalogue, code))
    Page.objects.get(pk=course.pk).delete()
    for code in ("en", "es"):
        html = client.get(url_in(catalogue, code)).content.decode()
        assert course.title_en not in html and course.title_es not in html


def test_renaming_a_topic_snippet_shows_on_the_cached_catalogue(client, catalogue):
    topic = make_topic("interviewing", "Interviewing", "Entrevista")
    make_course(catalogue, modules=1, lessons_per_module=1, quiz=False, topics=[topic])
    for code in ("en", "es"):
        client.get(url_in(catalogue, code))
    topic.name_en, topic.name_es = "Forensic interviewing", "Entrevista forense"
    topic.save()
    assert "Forensic interviewing" in client.get(url_in(catalogue, "en")).text
    assert "Entrevista forense" in client.get(url_in(catalogue, "es")).text


def test_changing_the_home_page_shows_at_once(client, home_page):
    client.get(url_in(home_page, "en"))
    home_page.intro_en = "A new welcome."
    home_page.save_revision().publish()
    assert "A new welcome." in client.get(url_in(home_page, "en")).text


def test_a_signed_in_learner_never_gets_the_anonymous_page(client, course, learner):
    url = url_in(course, "en")
    anonymous = client.get(url).text
    assert "Sign in or create an account" in anonymous

    client.force_login(learner)
    html = client.get(url).text
    assert "Enroll in this course" in html and "Sign out" in html
    assert "Sign in or create an account" not in html
    enroll_user(learner, course)
    html = client.get(url).text
    assert "Leave this course" in html and "Enroll in this course" not in html


def test_a_page_rendered_for_a_learner_is_never_served_to_anyone_else(
    client, course, learner
):
    url = url_in(course, "en")
    signed_in = Client()
    signed_in.force_login(learner)
    learner_html = signed_in.get(url).text
    assert "Sign out" in learner_html
    again, queries = _queries(signed_in, url)
    assert queries > 0 and "Sign out" in again.text  # rendered again, not stored

    response, queries = _queries(client, url)
    assert queries > 0  # nothing was stored by the learner's requests
    assert (
        "Sign out" not in response.text and "Enroll in this course" not in response.text
    )
    assert "Sign in or create an account" in response.text
    assert "csrftoken" not in response.cookies


def test_a_request_with_a_session_cookie_bypasses_the_cache(client, catalogue, course):
    url = url_in(catalogue, "en")
    client.get(url)
    # Changed behind the signals' back: only a fresh rendering can show it.
    CoursePage.objects.filter(pk=course.pk).update(summary_en="Changed quietly")
    assert "Changed quietly" not in client.get(url).text  # proves the cache is on

    with_session = Client()
    with_session.cookies["sessionid"] = "not-a-real-session"
    assert "Changed quietly" in with_session.get(url).text


def test_no_csrf_token_is_shared_between_two_anonymous_visitors(course, monkeypatch):
    url = url_in(course, "en")
    first, second = Client(), Client()
    for visitor in (first, second):
        response = visitor.get(url)
        assert "csrftoken" not in response.cookies
        assert "csrfmiddlewaretoken" not in response.text

    # A public page whose rendering asks for a token is not stored: each visitor
    # gets their own.
    original = CoursePage.get_context

    def with_token(self, request, *args, **kwargs):
        context = original(self, request, *args, **kwargs)
        context["token"] = get_token(request)
        return context

    monkeypatch.setattr(CoursePage, "get_context", with_token)
    Page.objects.get(pk=course.pk).save()  # a page change: fresh renderings
    tokens = []
    for visitor in (Client(), Client()):
        response, queries = _queries(visitor, url)
        assert queries > 0
        tokens.append(response.cookies["csrftoken"].value)
    assert tokens[0] != tokens[1]


@pytest.mark.parametrize(
    "query",
    [
        "?utm_source=newsletter",
        "?q=zebra",
        "?language=fr",
        "?topic=no-such-topic",
        "?topic=a&topic=b",
        "?topic=%3Cscript%3E",
    ],
)
def test_unknown_or_searching_query_strings_are_not_stored(client, catalogue, query):
    make_course(catalogue, modules=1, lessons_per_module=1, quiz=False)
    url = url_in(catalogue, "en") + query
    assert client.get(url).status_code == 200
    response, queries = _queries(client, url)
    assert response.status_code == 200
    assert queries > 0


def test_known_catalogue_filters_are_cached_per_value(
    client, catalogue, django_assert_num_queries
):
    topic = make_topic("law", "Law", "Ley")
    english = make_course(
        catalogue, modules=1, lessons_per_module=1, quiz=False, languages=("en",)
    )
    both = make_course(
        catalogue, modules=1, lessons_per_module=1, quiz=False, topics=[topic]
    )
    base = url_in(catalogue, "en")
    spanish_only = client.get(base + "?language=es").text
    by_topic = client.get(base + "?topic=law&language=").text
    with django_assert_num_queries(0):
        assert client.get(base + "?language=es").text == spanish_only
        assert client.get(base + "?language=&topic=law").text == by_topic
    assert both.course.title_en in spanish_only
    assert english.course.title_en not in spanish_only
    assert english.course.title_en not in by_topic


def test_a_draft_is_never_shown_to_anonymous_visitors(client, course):
    url = url_in(course, "en")
    client.get(url)
    page = CoursePage.objects.get(pk=course.pk)
    page.title_en = "Draft title"
    page.save_revision()  # saved, not published
    html = client.get(url).text
    assert "Draft title" not in html and course.title_en in html


# The content cache behind every page: site, routes, restrictions, outlines -----


def test_a_new_lesson_shows_in_a_learners_outline_at_once(client, catalogue, learner):
    built = make_course(catalogue, modules=1, lessons_per_module=2)
    client.force_login(learner)
    url = url_in(built.lessons[0], "en")
    assert built.lessons[1].title_en in client.get(url).text
    added = make_lesson(built.modules[0])
    assert added.title_en in client.get(url).text
    assert client.get(url_in(added, "es")).status_code == 200


def test_an_unpublished_lesson_is_gone_at_once_in_both_languages(
    client, catalogue, learner
):
    built = make_course(catalogue, modules=1, lessons_per_module=2)
    client.force_login(learner)
    lesson = built.lessons[1]
    urls = [url_in(lesson, code) for code in ("en", "es")]
    assert [client.get(u).status_code for u in urls] == [200, 200]
    lesson.unpublish()
    assert [client.get(u).status_code for u in urls] == [404, 404]
    assert lesson.title_en not in client.get(url_in(built.lessons[0], "en")).text


def test_a_changed_slug_moves_the_page_at_once(client, catalogue, course):
    old = url_in(course, "es")
    assert client.get(old).status_code == 200
    page = CoursePage.objects.get(pk=course.pk)
    page.slug_es = "curso-renombrado"
    page.save_revision().publish()
    assert client.get(old).status_code == 404
    new = url_in(CoursePage.objects.get(pk=course.pk), "es")
    assert "curso-renombrado" in new
    assert client.get(new).status_code == 200


def test_making_a_course_private_applies_at_once(client, course):
    url = url_in(course, "en")
    assert client.get(url).status_code == 200  # stored for anonymous visitors
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_republished_lesson_body_shows_at_once(client, catalogue, learner, language):
    built = make_course(catalogue, modules=1, lessons_per_module=1)
    lesson = built.lessons[0]
    client.force_login(learner)
    url = url_in(lesson, language)
    assert "Section" in client.get(url).text or "Sección" in client.get(url).text
    page = type(lesson).objects.get(pk=lesson.pk)
    body = f'[{{"type": "paragraph", "value": "<p>New text {language}</p>"}}]'
    setattr(page, f"body_{language}", body)
    page.save_revision().publish()
    assert f"New text {language}" in client.get(url).text


def test_a_moved_lesson_is_served_at_its_new_place_at_once(client, catalogue):
    built = make_course(catalogue, modules=2, lessons_per_module=2)
    lesson, target = built.lessons[0], built.modules[1]
    old = {code: url_in(lesson, code) for code in ("en", "es")}
    course_en = url_in(built.course, "en")
    for code in ("en", "es"):
        assert client.get(old[code]).status_code == 200
    client.get(course_en)  # outline stored for anonymous visitors

    lesson.move(target, pos="last-child")

    moved = type(lesson).objects.get(pk=lesson.pk)
    for code in ("en", "es"):
        # Wagtail leaves a redirect from the old place, never the cached page.
        response = client.get(old[code])
        assert response.status_code in (301, 404)
        if response.status_code == 301:
            assert response["Location"] == url_in(moved, code)
        assert client.get(url_in(moved, code)).status_code == 200
    outline = client.get(course_en).text
    assert outline.index(built.lessons[1].title_en) < outline.index(lesson.title_en)
