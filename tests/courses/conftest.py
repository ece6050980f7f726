"""Fixtures of the courses tests: a catalogue and a small published course."""

import pytest

from tests.builders import make_catalogue, make_course


@pytest.fixture
def catalogue(home_page):
    return make_catalogue(home_page)


@pytest.fixture
def built(catalogue):
    """A bilingual course: 2 modules of 2 lessons and a quiz each."""
    return make_course(catalogue, modules=2, lessons_per_module=2)


@pytest.fixture(autouse=True)
def _admin_without_mfa(settings):
    """These tests are about Wagtail permissions; lms's tests cover staff MFA."""
    settings.PUENTE_STAFF_MFA_REQUIRED = False
