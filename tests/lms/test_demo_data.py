"""load_demo_data: idempotent, and refused with production settings."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from lms.models import User


def counts():
    return (User.objects.count(), Page.objects.count(), Site.objects.count())


def test_load_demo_data_twice_duplicates_nothing(db):
    call_command("load_demo_data", stdout=None)
    first = counts()
    call_command("load_demo_data")
    assert counts() == first
    staff = {
        u.email: set(u.groups.values_list("name", flat=True))
        for u in User.objects.all()
    }
    assert staff["learner@puente.test"] == {"Learners"}
    assert staff["trainer@puente.test"] == {"Trainers"}
    assert staff["admin@puente.test"] == {"Program administrators"}
    assert (
        Site.objects.get(is_default_site=True).root_page.specific_class.__name__
        == "HomePage"
    )


def test_demo_accounts_can_log_in(client, db):
    call_command("load_demo_data")
    assert client.login(email="learner@puente.test", password="learner-demo-2026")


def test_refuses_without_permission(db, settings):
    settings.PUENTE_DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo_data")
