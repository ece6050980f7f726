"""Fixtures of the practice tests: a course with one lesson, one interview practice
(tests.builders.practice_spec) and its quiz; an enrolled learner who read the note."""

import pytest

from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from tests.builders import make_course, make_practice


@pytest.fixture
def practice_course(home_page):
    built = make_course(home_page, modules=1, lessons_per_module=1)
    built.practice = make_practice(built.modules[0])
    return built


@pytest.fixture
def practice(practice_course):
    return practice_course.practice


@pytest.fixture
def enrolled(practice_course, learner):
    return acknowledge_content_note(enroll_user(learner, practice_course.course))
