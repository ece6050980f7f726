"""Page tree rules, rendering in both languages, and learner previews."""

import pytest
from django.contrib.auth.models import AnonymousUser

from courses.models import (
    CourseIndexPage,
    CoursePage,
    HomePage,
    InterviewPracticePage,
    LessonPage,
    ModulePage,
    QuizPage,
)
from tests.courses.support import url_in


def test_tree_is_catalogue_course_module_lesson_practice_or_quiz():
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert CoursePage.allowed_subpage_models() == [ModulePage]
    assert ModulePage.allowed_parent_page_models() == [CoursePage]
    assert set(ModulePage.allowed_subpage_models()) == {
        LessonPage,
        InterviewPracticePage,
        QuizPage,
    }
    assert InterviewPracticePage.allowed_parent_page_models() == [ModulePage]
    assert InterviewPracticePage.allowed_subpage_models() == []
    assert LessonPage.allowed_parent_page_models() == [ModulePage]
    assert QuizPage.allowed_parent_page_models() == [ModulePage]
    assert LessonPage.allowed_subpage_models() == []
    assert QuizPage.allowed_subpage_models() == []


def test_pages_can_only_be_created_in_their_place(built, catalogue, home_page):
    module = built.modules[0]
    assert LessonPage.can_create_at(module)
    assert QuizPage.can_create_at(module)
    assert not LessonPage.can_create_at(built.course)
    assert not ModulePage.can_create_at(catalogue)
    assert not CoursePage.can_create_at(home_page)
    assert not CourseIndexPage.can_create_at(home_page)  # one catalogue only


def _pages(built, catalogue):
    return [
        catalogue,
        built.course,
        built.modules[0],
        built.lessons[0],
        built.quizzes[0],
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_renders_in_both_languages(client, built, catalogue, language):
    for page in _pages(built, catalogue):
        url = url_in(page, language)
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        title = getattr(page, f"title_{language}")
        assert f"<h1>{title}</h1>" in html, url


def test_spanish_pages_show_spanish_content_and_interface(client, built):
    html = client.get(url_in(built.lessons[0], "es")).content.decode()
    assert "Texto de la lección" in html
    assert "Text of lesson" not in html
    assert "Módulo 1 · 10 minutos" in html
    assert "Module 1" not in html


def test_language_switcher_links_to_the_same_page(client, built):
    lesson = built.lessons[0]
    html = client.get(url_in(lesson, "en")).content.decode()
    assert f'href="{url_in(lesson, "es")}" hreflang="es"' in html
    html = client.get(url_in(lesson, "es")).content.decode()
    assert f'href="{url_in(lesson, "en")}" hreflang="en"' in html


def test_slugs_differ_per_language(built):
    lesson = built.lessons[0]
    assert url_in(lesson, "en") != url_in(lesson, "es")
    assert lesson.slug_es in url_in(lesson, "es")


def test_lesson_shows_module_outline_and_next_item(client, built):
    first, second = built.lessons[0], built.lessons[1]
    html = client.get(url_in(first, "en")).content.decode()
    assert f'rel="next" href="{url_in(second, "en")}"' in html
    assert 'aria-current="page">' + first.title_en in html


@pytest.mark.parametrize(
    ("mode", "expected", "absent"),
    [("en", "Text of lesson", "Texto de la lección"), ("es", "Texto", "Text of")],
)
def test_preview_as_learner_in_either_language(rf, built, mode, expected, absent):
    lesson = built.lessons[0]
    assert [code for code, _label in lesson.preview_modes] == ["en", "es"]
    request = rf.get("/")
    request.user = AnonymousUser()
    response = lesson.serve_preview(request, mode)
    html = response.content.decode()
    assert expected in html
    assert absent not in html
    assert f'<html lang="{mode}">' in html


def test_course_page_shows_hours_objectives_outline_and_content_note(client, built):
    html = client.get(url_in(built.course, "en")).content.decode()
    assert "2.5" in html
    assert "Explain it." in html
    assert "Hard topic." in html
    for module in built.modules:
        assert module.title_en in html
    for lesson in built.lessons:
        assert lesson.title_en in html


def test_english_only_course_says_so_on_spanish_pages(client, catalogue):
    from tests.builders import make_course

    built = make_course(catalogue, modules=1, lessons_per_module=1, languages=("en",))
    response = client.get(url_in(built.course, "es"))
    assert response.status_code == 200
    assert "Este curso solo está disponible en inglés." in response.content.decode()


def test_lesson_and_quiz_pages_need_no_inline_script_or_style(client, built):
    for page in (built.lessons[0], built.quizzes[0], built.course):
        html = client.get(url_in(page, "en")).content.decode()
        assert "<script>" not in html
        assert " style=" not in html
        assert len(html.encode()) < 200_000
