"""The demo courses meet the curriculum rules (issue 15, fixtures/courses/SCHEMA.md).

Read from fixtures/courses/ through the functions ``manage.py check_demo_content``
uses (no database), one test per rule and course, each failing with the lines the
checker prints. The last tests load the courses into the database: replacing them
works, question→lesson links and module objectives exist, and the translation
report finds nothing missing.
"""

from __future__ import annotations

import io
from functools import cache

import pytest
from django.core.management import call_command
from django.test import TestCase

from courses.content_data import course_content_data
from courses.hours import estimate_course_hours
from courses.models import CoursePage, ModuleObjective, Question
from courses.quality import check_course
from courses.translation_report import get_translation_gaps
from lms.demo.content_check import DemoCourseCheck, check_demo_course
from lms.demo.courses import (
    COURSE_FIXTURES,
    MEDIA_FIXTURES,
    demo_course_folders,
    load_demo_courses,
)
from lms.demo.fixture_reader import read_course

FOLDERS = [folder.name for folder in demo_course_folders()]


@cache
def checked(name: str) -> DemoCourseCheck:
    return check_demo_course(COURSE_FIXTURES / name, MEDIA_FIXTURES)


def problems(name: str, *codes: str) -> list[str]:
    return [str(f) for f in checked(name).problems if f.code in codes]


RULES = {
    "readable": ("read",),
    "both_languages": ("languages", "one-language"),
    "feedback_and_explanations": ("feedback", "explanation"),
    "pools_and_draws": ("draw", "pool"),
    "attempt_limits_and_cooldowns": ("attempts", "cooldown"),
    "correct_option_longest_at_most_a_third": ("longest-correct",),
    "no_near_duplicates": ("duplicate",),
    "declared_hours_within_a_quarter": ("hours",),
    "objectives_keyed_observable_and_covered": (
        "objective-key",
        "objective-verb",
        "objective-ref",
        "module-objectives",
        "objective-uncovered",
    ),
    "every_module_objective_assessed": ("objective-unassessed", "question-objectives"),
    "every_lessons_link_resolves": ("lesson-ref", "question-lessons"),
}


def test_there_are_demo_courses_and_every_finding_has_a_rule():
    assert {"victim-centered", "first-response"} <= set(FOLDERS)
    assert FOLDERS[:2] == ["victim-centered", "first-response"]
    known = {code for codes in RULES.values() for code in codes}
    for name in FOLDERS:
        assert {f.code for f in checked(name).problems} <= known


@pytest.mark.parametrize("name", FOLDERS)
@pytest.mark.parametrize("rule", RULES)
def test_demo_course_follows_the_rule(name, rule):
    found = problems(name, *RULES[rule])
    assert found == [], f"{len(found)} problem(s):\n" + "\n".join(found)


# In the database ------------------------------------------------------------------


def linked_lessons_in_fixtures() -> int:
    """Question → lesson links the fixtures name that point at a lesson file."""
    total = 0
    for folder in demo_course_folders():
        course = read_course(folder, MEDIA_FIXTURES)
        lessons = {
            item["file"]
            for module in course["modules"]
            for item in module["items"]
            if item.get("type") == "lesson"
        }
        total += sum(
            len([name for name in question.get("lessons") or [] if name in lessons])
            for module in course["modules"]
            for item in module["items"]
            if item.get("type") == "quiz"
            for question in item["questions"]
        )
    return total


@pytest.mark.django_db
def test_replacing_the_demo_courses_keeps_their_links_and_translations(home_page):
    first = load_demo_courses()
    assert [c.import_key for c in first] == [
        read_course(f, MEDIA_FIXTURES)["key"] for f in demo_course_folders()
    ]
    links = Question.lessons.through.objects.count()
    objectives = ModuleObjective.objects.count()
    replaced = load_demo_courses(replace=True)
    assert {c.pk for c in first}.isdisjoint({c.pk for c in replaced})
    assert CoursePage.objects.count() == len(FOLDERS)
    assert Question.lessons.through.objects.count() == links
    assert links == linked_lessons_in_fixtures()
    assert links > 0 and ModuleObjective.objects.count() == objectives > 0
    # The admin's quality report reads the pages as the checker reads the files.
    for course, folder in zip(replaced, demo_course_folders(), strict=True):
        from_files = estimate_course_hours(read_course(folder, MEDIA_FIXTURES))
        report = check_course(course_content_data(course), strict=False)
        # (the block stores whole seconds of video)
        assert report.hours.hours == pytest.approx(from_files.hours, abs=0.01)
        assert [str(f) for f in report.problems] == []
    # Loaded once for both (a load of every demo course takes ~10 s).
    gaps = [
        f"{gap.course_title} / {gap.title}: EN {gap.missing_en}; ES {gap.missing_es}"
        for gap in get_translation_gaps()
    ]
    assert gaps == [], "the translation report finds gaps:\n" + "\n".join(gaps)


@pytest.mark.slow  # the whole demo site twice: ~45 s
@pytest.mark.django_db
def test_load_demo_data_then_replace_courses(home_page):
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo_data", stdout=out)
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo_data", "--replace-courses", stdout=out)
    assert CoursePage.objects.filter(live=True).count() == len(FOLDERS)
    assert Question.lessons.through.objects.count() == linked_lessons_in_fixtures()
