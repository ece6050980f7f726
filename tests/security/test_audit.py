"""The audit trail of sign-ins and roles (issue 10, point 6, first part).

Sign-ins, failed sign-ins, sign-outs and role changes land in Wagtail's audit log
with time, actor and client IP, and never with passwords, codes, tokens or session
ids.
"""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry, Site

from lms.auth_audit import LOGIN, LOGIN_FAILED, LOGOUT, ROLES_CHANGED
from lms.roles import LEARNERS, PROGRAM_ADMINS, TRAINERS
from tests.factories import PASSWORD, UserFactory
from tests.security.helpers import enrol_totp, login_with_totp, post_password, url_in

ALLOWED_KEYS = {"ip", "account_exists", "added", "removed"}


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action).order_by("timestamp", "pk"))


def assert_clean(client=None):
    """No entry holds anything but the allowed keys, nor any secret we used."""
    secrets = {PASSWORD, "wrong-password-1"}
    if client is not None and client.cookies.get("sessionid"):
        secrets.add(client.cookies["sessionid"].value)
    for entry in ModelLogEntry.objects.filter(action__startswith="puente.auth."):
        assert set(entry.data) <= ALLOWED_KEYS, entry.data
        text = json.dumps(entry.data) + entry.label
        for secret in secrets:
            assert secret not in text


def test_sign_in_and_sign_out_are_logged_with_actor_and_ip(client, home_page):
    user = UserFactory()
    post_password(client, user.email, REMOTE_ADDR="198.51.100.7")
    [login] = entries(LOGIN)
    assert login.user_id == user.pk
    assert login.object_id == str(user.pk)
    assert login.data == {"ip": "198.51.100.7"}
    assert login.timestamp is not None
    assert_clean(client)

    client.post(url_in("en", "account_logout"), REMOTE_ADDR="198.51.100.7")
    [logout] = entries(LOGOUT)
    assert logout.user_id == user.pk
    assert logout.data == {"ip": "198.51.100.7"}


def test_the_ip_is_not_taken_from_a_spoofed_header(client, home_page):
    user = UserFactory()
    post_password(client, user.email, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert entries(LOGIN)[0].data["ip"] == "127.0.0.1"


def test_failed_sign_ins_are_logged_without_what_was_typed(client, home_page):
    user = UserFactory()
    login = url_in("en", "account_login")
    client.post(login, {"login": user.email, "password": "wrong-password-1"})
    # People type their password into the email field: unknown logins are not kept.
    client.post(login, {"login": "nobody@agency.test", "password": "wrong-password-1"})
    known, unknown = entries(LOGIN_FAILED)
    assert known.object_id == str(user.pk) and known.user_id is None
    assert known.data == {"ip": "127.0.0.1", "account_exists": True}
    assert unknown.object_id == str(Site.objects.get(is_default_site=True).pk)
    assert unknown.data == {"ip": "127.0.0.1", "account_exists": False}
    assert "nobody" not in json.dumps(unknown.data) + unknown.label
    assert not entries(LOGIN)
    assert_clean(client)


def test_a_two_factor_sign_in_is_logged_once_after_the_code(client, home_page, trainer):
    enrol_totp(trainer)
    result = login_with_totp(client, trainer.email)
    assert result.code_response.status_code == 302
    [login] = entries(LOGIN)
    assert login.user_id == trainer.pk
    assert result.code not in json.dumps(login.data)
    assert_clean(client)


@pytest.mark.parametrize("side", ["user", "group"])
def test_role_changes_are_logged_with_the_actor(client, roles, side):
    admin = UserFactory(is_superuser=True)
    person = UserFactory(groups=[roles[LEARNERS]])
    ModelLogEntry.objects.all().delete()
    trainers = Group.objects.get(name=TRAINERS)
    if side == "user":
        person.groups.add(trainers)
        person.groups.remove(roles[LEARNERS])
    else:
        trainers.user_set.add(person)
        roles[LEARNERS].user_set.remove(person)
    added, removed = entries(ROLES_CHANGED)
    assert added.object_id == removed.object_id == str(person.pk)
    assert added.data == {"ip": None, "added": [TRAINERS], "removed": []}
    assert removed.data == {"ip": None, "added": [], "removed": [LEARNERS]}
    assert admin  # no request here: actor and IP come from the request (next test)


def test_a_role_change_in_the_wagtail_admin_names_the_admin_and_ip(
    client, home_page, roles
):
    admin = UserFactory(is_superuser=True, is_staff=True)
    enrol_totp(admin)
    person = UserFactory(groups=[roles[LEARNERS]])
    login_with_totp(client, admin.email)
    ModelLogEntry.objects.all().delete()
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "agency": person.agency,
        "agency_type": person.agency_type,
        "country": person.country,
        "state": person.state,
        "job_title": person.job_title,
        "preferred_language": "en",
        "is_active": "on",
        "groups": [roles[PROGRAM_ADMINS].pk],
    }
    response = client.post(
        f"/admin/users/edit/{person.pk}/", data, REMOTE_ADDR="192.0.2.44"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    changes = entries(ROLES_CHANGED)
    assert {tuple(e.data["added"]) for e in changes} >= {(PROGRAM_ADMINS,)}
    assert {tuple(e.data["removed"]) for e in changes} >= {(LEARNERS,)}
    for entry in changes:
        assert entry.user_id == admin.pk
        assert entry.data["ip"] == "192.0.2.44"
    assert_clean(client)
