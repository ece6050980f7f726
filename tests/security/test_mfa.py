"""Two-factor authentication for staff (issue 10, point 1).

Trainers, program administrators and superusers reach /admin/ and /django-admin/
only with an authenticator app; the code is asked between the password and the
session; a used code is refused; the demo staff accounts have a development secret.
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import CommandError, call_command

from lms.accounts.mfa import totp_code
from lms.demo.accounts import DEMO_TOTP_SECRET, ensure_demo_accounts
from tests.factories import PASSWORD, UserFactory
from tests.security.helpers import (
    TEST_TOTP_SECRET,
    enrol_totp,
    login_with_totp,
    post_code,
    post_password,
    url_in,
    wait_for_fresh_code,
)

ADMIN_URLS = ["/admin/", "/admin/pages/", "/django-admin/"]


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.mark.parametrize("who", ["trainer", "program_admin", "superuser"])
def test_staff_without_an_authenticator_are_sent_to_set_one_up(
    client, home_page, request, who
):
    user = request.getfixturevalue(who)
    response = post_password(client, user.email)
    assert response.status_code == 302  # no code asked: there is no authenticator
    for path in ADMIN_URLS:
        if path.startswith("/django-admin/") and not user.is_superuser:
            continue
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/en/accounts/2fa/totp/activate/", path


def test_the_setup_page_is_in_the_users_language(client, home_page, program_admin):
    program_admin.preferred_language = "es"
    program_admin.save()
    post_password(client, program_admin.email)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0] == "/es/accounts/2fa/totp/activate/"
    # allauth asks for the password again before adding an authenticator.
    assert response.redirect_chain[-1][0].startswith("/es/accounts/reauthenticate/")
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Configure la autenticación de dos factores" in html


def test_learners_are_not_asked_for_an_authenticator(client, home_page, learner):
    post_password(client, learner.email)
    response = client.get("/admin/")
    assert "/2fa/" not in response.get("Location", "")
    assert response.status_code in (302, 403)
    assert client.get("/en/dashboard/").status_code == 200


def test_setting_up_the_authenticator_opens_the_admin(client, home_page, trainer):
    post_password(client, trainer.email)
    response = client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    html = page.content.decode()
    # In the site's layout, QR code as a data: image the CSP allows, no inline JS.
    assert 'class="site-header' in html
    assert re.search(r'<img[^>]+src="data:image/svg\+xml;base64,', html)
    assert "img-src 'self' data:" in page["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html)

    secret = client.session["mfa.totp.secret"]
    wait_for_fresh_code()
    response = client.post(
        "/en/accounts/2fa/totp/activate/", {"code": totp_code(secret)}
    )
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=trainer, type="totp").exists()
    # This session signed in by password only: the admin asks for a code once.
    response = client.get("/admin/")
    assert response["Location"] == "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    response = client.post(response["Location"], {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_session_older_than_the_authenticator_must_give_a_code(
    client, home_page, program_admin
):
    """Signed in by password before the app was set up (say, by someone else who
    had the password): once it exists, that session needs a code for the admin."""
    post_password(client, program_admin.email)
    enrol_totp(program_admin)
    reauthenticate = "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/pages/")["Location"] == reauthenticate
    assert client.get("/django-admin/").status_code == 302
    assert client.post(reauthenticate, {"code": "000000"}).status_code == 200
    assert client.get("/admin/pages/").status_code == 302
    wait_for_fresh_code()
    client.post(reauthenticate, {"code": totp_code(TEST_TOTP_SECRET)})
    assert client.get("/admin/pages/").status_code == 200


def test_with_an_authenticator_the_admin_needs_the_code(client, home_page, trainer):
    enrol_totp(trainer)
    wait_for_fresh_code()
    response = post_password(client, trainer.email)
    assert response["Location"] == url_in("en", "mfa_authenticate")

    # Between the password and the code, nothing protected is reachable.
    assert "_auth_user_id" not in client.session
    for path in ["/admin/", "/admin/pages/", "/django-admin/", "/en/dashboard/"]:
        response = client.get(path, follow=True)
        hops = [url for url, _status in response.redirect_chain]
        assert any(url.startswith("/en/accounts/login/") for url in hops), path
        # allauth sends the pending sign-in back to the code form.
        assert hops[-1] == url_in("en", "mfa_authenticate"), path
    assert client.get("/en/accounts/profile/").status_code == 302

    assert post_code(client, "000000").status_code == 200  # wrong code: asked again
    assert "_auth_user_id" not in client.session

    assert post_code(client, totp_code(TEST_TOTP_SECRET)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_used_code_is_refused(client, home_page, program_admin):
    enrol_totp(program_admin)
    login = login_with_totp(client, program_admin.email, min_seconds=10)
    assert login.code_response.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post(url_in("en", "account_logout"))

    second = login_with_totp(client, program_admin.email, code=login.code)
    # Still inside its time window, yet refused because it was used.
    assert validate_totp_code(TEST_TOTP_SECRET, login.code)
    assert second.code_response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_demo_staff_have_the_development_secret(client, home_page):
    users = {user.email: user for user in ensure_demo_accounts()}
    assert not Authenticator.objects.filter(user=users["learner@puente.test"]).exists()
    for email, password in [
        ("trainer@puente.test", "trainer-demo-2026"),
        ("admin@puente.test", "admin-demo-2026"),
    ]:
        client.logout()
        login = login_with_totp(client, email, password, DEMO_TOTP_SECRET)
        assert login.code_response.status_code == 302
        assert client.get("/admin/").status_code == 200


def test_demo_totp_prints_the_current_code(db, capsys):
    ensure_demo_accounts()
    wait_for_fresh_code()
    call_command("demo_totp", "trainer@puente.test")
    out = capsys.readouterr().out
    assert f"trainer@puente.test: {totp_code(DEMO_TOTP_SECRET)}" in out

    call_command("demo_totp")
    out = capsys.readouterr().out
    assert "admin@puente.test:" in out and "learner@puente.test" not in out


def test_demo_totp_refuses_other_accounts_and_production(db, settings):
    ensure_demo_accounts()
    with pytest.raises(CommandError):
        call_command("demo_totp", "someone@agency.test")
    settings.PUENTE_DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("demo_totp")


def test_password_alone_never_reaches_the_admin(client, home_page, trainer):
    """Login by password with a wrong code, many times: still no admin."""
    enrol_totp(trainer)
    post_password(client, trainer.email, PASSWORD)
    for _ in range(3):
        post_code(client, "123456")
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("language", ["en", "es"])
def test_two_factor_pages_use_the_site_layout_without_inline_scripts(
    client, home_page, trainer, language
):
    enrol_totp(trainer)
    wait_for_fresh_code()
    post_password(client, trainer.email, language=language)
    responses = [client.get(url_in(language, "mfa_authenticate"))]
    post_code(client, totp_code(TEST_TOTP_SECRET), language=language)
    responses += [client.get(url_in(language, "mfa_index"))]
    client.post(url_in(language, "account_logout"))
    responses += [client.get(url_in(language, "account_login"))]
    for response in responses:
        url = response.request["PATH_INFO"]
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, url
        assert 'class="site-header' in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html)
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
