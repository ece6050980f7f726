"""Issue 18, item 19: a class signing up from one agency network is not locked out.

Self sign-up was capped at 20 per hour per IP address (then a ~30-minute pause), so
the 21st officer of a class on one network could not sign up. Now refused forms are
what pauses an address (20 in 10 minutes); successful sign-ups meet only an abuse
ceiling (200 an hour). Policy: docs/security.md, "Self sign-up".
"""

from __future__ import annotations

import pytest
from django.test import Client

from lms.models import User
from tests.security.helpers import url_in

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Ana Ruiz",
    "agency": "Fiscalía de Sonora",
    "agency_type": "prosecutor",
    "country": "MX",
    "state": "Sonora",
    "job_title": "",
    "preferred_language": "es",
    "password1": "un-puente-seguro-2026",
    "password2": "un-puente-seguro-2026",
}
OFFICE = {"REMOTE_ADDR": "198.51.100.20"}
TOO_MANY = {"en": "Too many", "es": "Demasiad"}


def test_a_class_of_forty_signs_up_from_one_address(roles, outbox):
    for n in range(40):
        language = ("en", "es")[n % 2]
        response = Client().post(
            url_in(language, "account_signup"),
            {**SIGNUP, "email": f"cadete{n}@academia.test"},
            **OFFICE,
        )
        assert response.status_code == 302, (n, response.status_code)
    assert User.objects.filter(email__startswith="cadete").count() == 40
    assert len(outbox) == 40  # each was sent the confirmation e-mail


@pytest.mark.parametrize("language", ["en", "es"])
def test_repeated_refused_sign_ups_pause_the_address(roles, language):
    signup = url_in(language, "account_signup")
    client = Client()
    refused = {**SIGNUP, "email": "x@academia.test", "password2": "does-not-match-1"}
    statuses = [client.post(signup, refused, **OFFICE).status_code for _n in range(20)]
    assert statuses == [200] * 20  # each refused with the form's errors
    paused = client.post(signup, refused, **OFFICE)
    assert paused.status_code == 429
    assert TOO_MANY[language] in paused.content.decode()
    # Paused means paused: a correct form from that address waits too...
    good = {**SIGNUP, "email": "late@academia.test"}
    assert client.post(signup, good, **OFFICE).status_code == 429
    # ...while another address is not affected.
    other = Client().post(signup, good, REMOTE_ADDR="203.0.113.7")
    assert other.status_code == 302
    assert User.objects.filter(email="late@academia.test").count() == 1


def test_successful_sign_ups_do_not_count_towards_the_pause(roles, outbox):
    signup = url_in("en", "account_signup")
    refused = {**SIGNUP, "email": "x@academia.test", "password2": "does-not-match-1"}
    for n in range(19):
        assert Client().post(signup, refused, **OFFICE).status_code == 200
        good = {**SIGNUP, "email": f"ok{n}@academia.test"}
        assert Client().post(signup, good, **OFFICE).status_code == 302
    assert User.objects.filter(email__startswith="ok").count() == 19
