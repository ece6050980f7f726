"""Fixtures for the learner's side: a small bilingual course and enrolled learners."""

import pytest

from tests.builders import make_course


@pytest.fixture
def built(home_page):
    """Two modules of two lessons and a three-question quiz each."""
    return make_course(home_page, modules=2)


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def enrollment(built, learner):
    from lms.learning.services.enrollment import acknowledge_content_note, enroll_user

    return acknowledge_content_note(enroll_user(learner, built.course))
