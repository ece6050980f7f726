"""Authentication hardening (issue 10, point 1): rate limits that a spoofed
X-Forwarded-For cannot reset, no account enumeration, a new session id at login,
logout by POST only, and a password change that ends the other sessions.
"""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from tests.factories import PASSWORD, UserFactory
from tests.security.helpers import post_password, url_in

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


def spoofed(n: int) -> dict:
    return {"HTTP_X_FORWARDED_FOR": f"203.0.113.{n % 250}, 198.51.100.{n % 250}"}


def test_failed_logins_are_limited_per_ip_whatever_x_forwarded_for_says(client, db):
    """30 failed logins a minute per IP; each from a 'different' forwarded address,
    and each for a different account so the per-account limit is not what trips."""
    login = url_in("en", "account_login")
    for n in range(30):
        data = {"login": f"nobody{n}@agency.test", "password": "wrong-password-1"}
        response = client.post(login, data, **spoofed(n))
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()
    data = {"login": "nobody99@agency.test", "password": "wrong-password-1"}
    response = client.post(login, data, **spoofed(99))
    assert "Too many failed login attempts" in response.content.decode()


def test_login_posts_answer_429_whatever_x_forwarded_for_says(client, db):
    login = url_in("es", "account_login")
    statuses = [
        client.post(login, {"login": "", "password": ""}, **spoofed(n)).status_code
        for n in range(301)
    ]
    assert statuses[:300] == [200] * 300
    assert statuses[300] == 429
    response = client.post(login, {"login": "", "password": ""}, **spoofed(77))
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="es">' in html and "Demasiados intentos" in html


def test_a_trusted_proxy_count_makes_the_proxy_address_count(client, db, settings):
    """With one proxy configured, the address that proxy saw is the client's."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    login = url_in("en", "account_login")
    data = {"login": "", "password": ""}
    for _ in range(300):
        client.post(login, data, HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert client.post(login, data, HTTP_X_FORWARDED_FOR="192.0.2.10").status_code == (
        429
    )
    assert client.post(login, data, HTTP_X_FORWARDED_FOR="192.0.2.11").status_code == (
        200
    )


def test_signup_with_a_taken_email_answers_like_a_new_one(client, home_page, roles):
    existing = UserFactory(email="taken@agency.test")
    signup = url_in("es", "account_signup")
    new = client.post(signup, {**SIGNUP, "email": "new@agency.test"})
    other = Client()
    taken = other.post(signup, {**SIGNUP, "email": existing.email})
    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"]
    assert client.get(new["Location"]).status_code == 200
    assert other.get(taken["Location"]).status_code == 200


def test_password_reset_answers_the_same_for_unknown_emails(client, db, outbox):
    UserFactory(email="known@agency.test")
    reset = url_in("en", "account_reset_password")
    known = client.post(reset, {"email": "known@agency.test"})
    unknown = Client().post(reset, {"email": "unknown@agency.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_the_session_id_changes_at_login(client, db):
    user = UserFactory()
    session = client.session
    session["probe"] = "before-login"
    session.save()
    before = client.cookies["sessionid"].value
    assert post_password(client, user.email).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_needs_a_post(client, home_page):
    user = UserFactory()
    post_password(client, user.email)
    page = client.get(url_in("en", "account_logout"))
    assert page.status_code == 200  # a confirmation form, not a logout
    assert client.get(url_in("en", "dashboard")).status_code == 200
    client.post(url_in("en", "account_logout"))
    assert client.get(url_in("en", "dashboard")).status_code == 302


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_password_change_ends_the_other_sessions(home_page, language):
    user = UserFactory()
    here, elsewhere = Client(), Client()
    post_password(here, user.email, language=language)
    post_password(elsewhere, user.email, language=language)
    dashboard = url_in(language, "dashboard")
    assert elsewhere.get(dashboard).status_code == 200

    response = here.post(
        url_in(language, "account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-brand-new-pass-2026",
            "password2": "a-brand-new-pass-2026",
        },
    )
    assert response.status_code == 302
    assert here.get(dashboard).status_code == 200  # the session that changed it
    response = elsewhere.get(dashboard)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_signups_are_limited_per_ip_whatever_x_forwarded_for_says(client, db):
    signup = url_in("en", "account_signup")
    statuses = [client.post(signup, {}, **spoofed(n)).status_code for n in range(21)]
    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429


def test_password_resets_are_limited_per_ip_and_per_address(client, db, outbox):
    reset = url_in("en", "account_reset_password")
    UserFactory(email="known@agency.test")
    for n in range(5):
        client.post(reset, {"email": "known@agency.test"}, **spoofed(n))
    assert len(outbox) == 5
    # Per address, from any IP: no sixth email (answered like the others, no hint).
    Client().post(reset, {"email": "known@agency.test"}, REMOTE_ADDR="192.0.2.99")
    assert len(outbox) == 5
    statuses = [
        client.post(reset, {"email": f"x{n}@agency.test"}, **spoofed(n)).status_code
        for n in range(16)
    ]
    assert statuses[-1] == 429  # 20 a minute per IP
    assert statuses.count(429) == 1


def test_verification_emails_are_limited_per_address(client, home_page, roles, outbox):
    client.post(url_in("en", "account_signup"), {**SIGNUP, "email": "v@agency.test"})
    assert len(outbox) == 1
    # Signing in unverified would send the email again; within 3 minutes it does not.
    for n in range(3):
        Client().post(
            url_in("en", "account_login"),
            {"login": "v@agency.test", "password": SIGNUP["password1"]},
            **spoofed(n),
        )
    assert len(outbox) == 1
