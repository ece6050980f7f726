"""Issue 10, point 6: what the retention policy (docs/privacy.md) deletes after a
time is deleted by ``manage.py purge_expired_data``, idempotently, and
``--dry-run`` changes nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from lms.accounts.audit import LOGIN
from lms.accounts.privacy.deletion import DELETED_NAME
from lms.models import Cohort, CohortMember, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=31)


def unverified(**fields):
    user = UserFactory(verified_email=False, **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=False)
    User.objects.filter(pk=user.pk).update(date_joined=LONG_AGO)
    return user


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_expired_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def accounts(roles):
    from lms.accounts.roles import TRAINERS

    stale = unverified()
    log(stale, "puente.auth.login_failed", data={"ip": "192.0.2.1"})
    recent = UserFactory(verified_email=False)  # joined today
    confirmed = UserFactory()
    User.objects.filter(pk=confirmed.pk).update(date_joined=LONG_AGO)
    invited = unverified()  # a cohort invitation not yet accepted
    CohortMember.objects.create(cohort=Cohort.objects.create(name="C"), user=invited)
    staff = unverified()
    staff.groups.add(roles[TRAINERS])
    signed_in_once = unverified()
    User.objects.filter(pk=signed_in_once.pk).update(last_login=LONG_AGO)
    return {
        "stale": stale,
        "kept": [recent, confirmed, invited, staff, signed_in_once],
    }


def test_unconfirmed_sign_ups_are_deleted_after_30_days(accounts):
    output = purge()
    assert "Deleted 1 unconfirmed sign-up(s) older than 30 days." in output
    assert not User.objects.filter(pk=accounts["stale"].pk).exists()
    for user in accounts["kept"]:
        assert User.objects.filter(pk=user.pk).exists(), user
    # The failed sign-in stays in the audit trail, without the person's name.
    [entry] = ModelLogEntry.objects.filter(object_id=str(accounts["stale"].pk))
    assert entry.label == DELETED_NAME


def test_a_dry_run_counts_and_changes_nothing(accounts):
    before = User.objects.count()
    output = purge("--dry-run")
    assert "Would delete 1 unconfirmed sign-up(s)" in output
    assert User.objects.count() == before


def test_purging_twice_deletes_nothing_more(accounts):
    purge()
    count = User.objects.count()
    assert "Deleted 0 unconfirmed sign-up(s)" in purge()
    assert User.objects.count() == count


def test_audit_ip_addresses_are_removed_after_a_year(learner):
    old = log(learner, LOGIN, user=learner, data={"ip": "198.51.100.4"})
    recent = log(learner, LOGIN, user=learner, data={"ip": "198.51.100.5"})
    ModelLogEntry.objects.filter(pk=old.pk).update(
        timestamp=timezone.now() - timedelta(days=366)
    )
    assert "older than 365 days: 1." in purge("--dry-run")
    old.refresh_from_db()
    assert old.data == {"ip": "198.51.100.4"}

    assert "Removed the IP address from audit entries older than 365 days: 1." in (
        purge()
    )
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.data == {} and old.action == LOGIN and old.user_id == learner.pk
    assert recent.data == {"ip": "198.51.100.5"}
    assert "audit entries older than 365 days: 0." in purge()


def test_expired_sessions_are_cleared(learner):
    live = SessionStore()
    live["k"] = 1
    live.create()
    expired = SessionStore()
    expired["k"] = 2
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    assert "Cleared 1 expired session(s)." in purge()
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        live.session_key
    ]


def test_the_windows_are_settings(settings, accounts):
    settings.PUENTE_UNVERIFIED_SIGNUP_DAYS = 60
    assert "Deleted 0 unconfirmed sign-up(s) older than 60 days." in purge()
    assert User.objects.filter(pk=accounts["stale"].pk).exists()
