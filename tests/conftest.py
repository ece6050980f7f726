"""Shared fixtures: migrated DB with translated Page columns, home page, users."""

import pytest
from django.core.management import call_command

from tests.factories import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Root/Home come from Wagtail's migrations with empty title_en/url_path_en.
    with django_db_blocker.unblock():
        call_command("update_translation_fields", verbosity=0)


@pytest.fixture
def home_page(db):
    from lms.demo.courses import ensure_home_page

    return ensure_home_page()


@pytest.fixture
def roles(db):
    from lms.accounts.roles import sync_roles

    return sync_roles()


@pytest.fixture
def learner(roles):
    from lms.accounts.roles import LEARNERS

    return UserFactory(groups=[roles[LEARNERS]])


@pytest.fixture
def trainer(roles):
    from lms.accounts.roles import TRAINERS

    return UserFactory(groups=[roles[TRAINERS]])


@pytest.fixture
def program_admin(roles):
    from lms.accounts.roles import PROGRAM_ADMINS

    return UserFactory(groups=[roles[PROGRAM_ADMINS]])


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English, whatever language the previous one activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def outbox(db, mailoutbox):
    """Sent mail; requested after the database so test-DB creation cannot swap it."""
    from django.core import mail

    mail.outbox = mailoutbox
    return mailoutbox
