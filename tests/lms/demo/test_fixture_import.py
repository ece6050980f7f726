"""The importer reads the schema extensions of the curriculum plan (SCHEMA.md) from a
small fixture folder written by the test: keyed course objectives, module objectives,
the sources block, what questions assess and the lessons that teach them."""

import json

import pytest
from django.test import Client
from django.utils import translation

from courses.models import CoursePage, LessonPage, ModulePage, QuizPage
from lms.demo.courses import (
    MEDIA_FIXTURES,
    ensure_catalogue,
    ensure_demo_signatory,
    ensure_topics,
)
from lms.demo.fixture_import import FixtureError, MediaLibrary, import_course

pytestmark = pytest.mark.django_db


def t(en, es=None):
    return {"en": en, "es": es if es is not None else f"{en} (es)"}


def lesson(slug, body=None):
    return {
        "type": "lesson",
        "title": t(slug.title()),
        "slug": {"en": slug, "es": f"{slug}-es"},
        "summary": t("One sentence."),
        "duration_minutes": 5,
        "body": body or [{"type": "paragraph", "text": t("<p>Text.</p>")}],
    }


def question(text, lessons, objectives):
    return {
        "kind": "single",
        "text": t(text),
        "explanation": t("Because."),
        "objectives": objectives,
        "lessons": lessons,
        "choices": [
            {"text": t("Right"), "correct": True, "feedback": t("Yes.")},
            {"text": t("Wrong"), "correct": False, "feedback": t("No.")},
        ],
    }


def quiz(slug, questions):
    return {
        "type": "quiz",
        "title": t(slug.title()),
        "slug": {"en": slug, "es": f"{slug}-es"},
        "intro": t("Intro."),
        "max_attempts": 3,
        "cooldown_minutes": 10,
        "questions": questions,
    }


SOURCES = {
    "type": "sources",
    "title": t("Sources", "Fuentes"),
    "items": [
        t("18 U.S.C. § 1591"),
        t('<a href="https://www.dof.gob.mx/">Ley General</a>, art. 10'),
    ],
}


def write_folder(folder, *, later_lesson=False):
    folder.mkdir()
    files = {
        "l1.json": lesson("first", [SOURCES]),
        "l2.json": lesson("second"),
        "q1.json": quiz(
            "module-quiz",
            [
                question("Q one", ["l1.json"], ["t-m1-1"]),
                question("Q two", ["l1.json", "l2.json"], ["t-m1-2"]),
                question("Q three", ["l3.json" if later_lesson else "l2.json"], []),
                question("Q four", ["nowhere.json"], ["t-m1-1"]),
            ],
        ),
        "l3.json": lesson("third"),
    }
    for name, spec in files.items():
        (folder / name).write_text(json.dumps(spec), encoding="utf-8")
    course = {
        "key": "test-course",
        "title": t("Test course"),
        "slug": {"en": "test-course", "es": "curso-de-prueba"},
        "summary": t("Summary."),
        "description": t("<p>Description.</p>"),
        "objectives": [
            {"key": "t-1", "text": t("Identify a victim", "Identificar a una víctima")},
            {"key": "t-2", "text": t("Choose a referral")},
        ],
        "credit_hours": 1.0,
        "languages": ["en", "es"],
        "topics": [],
        "modules": [
            {
                "title": t("Module one"),
                "slug": {"en": "module-one", "es": "modulo-uno"},
                "intro": t("Intro."),
                "objectives": [
                    {
                        "key": "t-m1-1",
                        "text": t("List the elements", "Enumerar los elementos"),
                        "course_objectives": ["t-1"],
                    },
                    {
                        "key": "t-m1-2",
                        "text": t("Decide"),
                        "course_objectives": ["t-2"],
                    },
                ],
                "items": ["l1.json", "l2.json", "q1.json"],
            },
            {
                "title": t("Module two"),
                "slug": {"en": "module-two", "es": "modulo-dos"},
                "intro": t("Intro."),
                "items": ["l3.json"],
            },
        ],
    }
    (folder / "course.json").write_text(json.dumps(course), encoding="utf-8")


def import_folder(home_page, folder) -> CoursePage:
    with translation.override("en"):
        return import_course(
            ensure_catalogue(home_page),
            folder,
            media=MediaLibrary(MEDIA_FIXTURES),
            topics=ensure_topics(),
            signatory=ensure_demo_signatory(),
        )


def questions_and_lessons(course):
    quiz_page = QuizPage.objects.descendant_of(course).get()
    return {
        question.text_en: sorted(lesson.slug_en for lesson in question.lessons.all())
        for question in quiz_page.questions.all()
    }


def test_objectives_sources_and_question_links_are_imported(home_page, tmp_path):
    write_folder(tmp_path / "course")
    course = import_folder(home_page, tmp_path / "course")

    objectives = [(b.block_type, dict(b.value)) for b in course.objectives_es]
    assert objectives[0] == (
        "keyed_objective",
        {"key": "t-1", "text": "Identificar a una víctima"},
    )
    module = ModulePage.objects.child_of(course).first()
    assert [
        (row.key, row.text_en, row.text_es, row.course_objectives)
        for row in module.objectives.all()
    ] == [
        ("t-m1-1", "List the elements", "Enumerar los elementos", "t-1"),
        ("t-m1-2", "Decide", "Decide (es)", "t-2"),
    ]
    assert questions_and_lessons(course) == {
        "Q one": ["first"],
        "Q two": ["first", "second"],
        "Q three": ["second"],
        "Q four": [],  # a file that does not exist: check_demo_content reports it
    }
    quiz_page = QuizPage.objects.descendant_of(course).get()
    assert [q.objective_keys for q in quiz_page.questions.all()] == [
        "t-m1-1",
        "t-m1-2",
        "",
        "t-m1-1",
    ]
    # The published revision holds the links, so editing the quiz keeps them.
    revision = quiz_page.get_latest_revision_as_object()
    assert [len(q.lessons.all()) for q in revision.questions.all()] == [1, 2, 1, 0]


def test_a_question_may_name_a_lesson_of_a_later_module(home_page, tmp_path):
    write_folder(tmp_path / "course", later_lesson=True)
    course = import_folder(home_page, tmp_path / "course")
    assert questions_and_lessons(course)["Q three"] == ["third"]
    revision = QuizPage.objects.descendant_of(course).get().get_latest_revision()
    assert any(
        q["text"] == "Q three" and q["lessons"] for q in revision.content["questions"]
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_sources_and_module_objectives_are_shown(home_page, tmp_path, lang):
    write_folder(tmp_path / "course")
    course = import_folder(home_page, tmp_path / "course")
    first = LessonPage.objects.descendant_of(course).get(slug_en="first")
    module = ModulePage.objects.child_of(course).first()
    client = Client()
    with translation.override(lang):
        lesson_html = client.get(first.get_url()).content.decode()
        module_html = client.get(module.get_url()).content.decode()
    assert '<section class="sources"' in lesson_html
    assert ("Fuentes" if lang == "es" else "Sources") in lesson_html
    assert "18 U.S.C. § 1591" in lesson_html
    assert '<a href="https://www.dof.gob.mx/">Ley General</a>' in lesson_html
    expected = "Enumerar los elementos" if lang == "es" else "List the elements"
    assert expected in module_html


def test_a_module_objective_without_a_key_stops_the_import(home_page, tmp_path):
    write_folder(tmp_path / "course")
    spec = json.loads((tmp_path / "course" / "course.json").read_text())
    spec["modules"][0]["objectives"][0].pop("key")
    (tmp_path / "course" / "course.json").write_text(json.dumps(spec))
    with pytest.raises(FixtureError, match="needs a key"):
        import_folder(home_page, tmp_path / "course")


def test_the_lessons_that_teach_a_question_default_to_its_module(home_page, tmp_path):
    write_folder(tmp_path / "course")
    course = import_folder(home_page, tmp_path / "course")
    quiz_page = QuizPage.objects.descendant_of(course).get()
    by_text = {q.text_en: q for q in quiz_page.questions.all()}
    assert [p.slug_en for p in by_text["Q two"].get_teaching_lessons()] == [
        "first",
        "second",
    ]
    # "Q four" names no lesson that exists: the module's lessons.
    assert [p.slug_en for p in by_text["Q four"].get_teaching_lessons()] == [
        "first",
        "second",
    ]
    second = LessonPage.objects.descendant_of(course).get(slug_en="second")
    second.unpublish()
    assert [p.slug_en for p in by_text["Q two"].get_teaching_lessons()] == ["first"]


def test_old_style_course_objectives_are_still_read(home_page, tmp_path):
    write_folder(tmp_path / "course")
    spec = json.loads((tmp_path / "course" / "course.json").read_text())
    spec["objectives"] = [t("Identify a victim", "Identificar a una víctima")]
    (tmp_path / "course" / "course.json").write_text(json.dumps(spec))
    course = import_folder(home_page, tmp_path / "course")
    assert [(b.block_type, b.value) for b in course.objectives_es] == [
        ("objective", "Identificar a una víctima")
    ]
