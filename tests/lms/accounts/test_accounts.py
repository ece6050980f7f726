"""Sign-up with a profile, verification read from the outbox, login, profile."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from lms.models import User
from tests.factories import PASSWORD, UserFactory

SIGNUP = {
    "full_name": "José Núñez Peña",
    "agency": "Fiscalía del Estado de Chihuahua",
    "agency_type": "prosecutor",
    "country": "MX",
    "state": "Chihuahua",
    "job_title": "Agente del Ministerio Público",
    "email": "jose.nunez@fiscalia.test",
    "password1": "un-puente-seguro-2026",
    "password2": "un-puente-seguro-2026",
}

EXPECTED_SUBJECT = {
    "en": "Please Confirm Your Email Address",
    "es": "confirme su dirección de correo",
}


def url_in(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["en", "es"])
def test_signup_verify_and_login(client, outbox, home_page, roles, language):
    response = client.post(
        url_in(language, "account_signup"), {**SIGNUP, "preferred_language": language}
    )
    assert response.status_code == 302

    user = User.objects.get(email=SIGNUP["email"])
    assert user.full_name == "José Núñez Peña"
    assert user.country == "MX"
    assert user.preferred_language == language
    assert user.groups.filter(name="Learners").exists()

    assert len(outbox) == 1
    mail = outbox[0]
    assert EXPECTED_SUBJECT[language] in mail.subject
    link = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mail.body).group(1)
    assert link.startswith(f"/{language}/")

    # Mandatory verification: no login before confirming.
    client.post(
        url_in(language, "account_login"),
        {"login": SIGNUP["email"], "password": SIGNUP["password1"]},
    )
    assert client.get(url_in(language, "dashboard")).status_code == 302

    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    response = client.post(
        url_in(language, "account_login"),
        {"login": SIGNUP["email"], "password": SIGNUP["password1"]},
    )
    assert response.status_code == 302
    dashboard = client.get(url_in(language, "dashboard"))
    assert dashboard.status_code == 200
    assert "José Núñez Peña" in dashboard.content.decode()


def test_spanish_verification_email_is_in_spanish(client, outbox, home_page, roles):
    client.post(url_in("es", "account_signup"), {**SIGNUP, "preferred_language": "es"})
    body = outbox[0].body
    assert "confirm" in body.lower()
    assert "correo" in body.lower()


def test_signup_requires_the_profile(client, home_page, roles):
    data = {**SIGNUP, "full_name": "   ", "country": "CA", "preferred_language": "es"}
    response = client.post(url_in("es", "account_signup"), data)
    assert response.status_code == 200
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    page = response.content.decode()
    assert "Escriba su nombre completo." in page or "Este campo es necesario." in page


def test_name_with_control_characters_is_refused(client, home_page, roles):
    data = {**SIGNUP, "full_name": "Ana\u202eXYZ", "preferred_language": "en"}
    response = client.post(url_in("en", "account_signup"), data)
    assert response.status_code == 200
    assert "cannot be printed" in response.content.decode()
    assert not User.objects.exists()


def test_profile_edit_keeps_unicode_name_and_escapes_markup(client, home_page):
    user = UserFactory()
    client.login(email=user.email, password=PASSWORD)
    data = {
        "full_name": "O'Brien & <b>Test</b> Nguyễn Thị Minh Khai",
        "agency": "Søren Straße Unit",
        "agency_type": "advocate",
        "country": "US",
        "state": "Texas",
        "job_title": "",
        "preferred_language": "en",
    }
    response = client.post(url_in("en", "profile"), data, follow=True)
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.full_name == data["full_name"]
    html = response.content.decode()
    assert "&lt;b&gt;Test&lt;/b&gt;" in html
    assert "<b>Test</b>" not in html


def test_profile_requires_login(client, home_page):
    response = client.get(url_in("es", "profile"))
    assert response.status_code == 302
    assert response["Location"].startswith("/es/accounts/login/")


def test_logout_is_post_only(client, home_page):
    user = UserFactory()
    client.login(email=user.email, password=PASSWORD)
    client.get(url_in("en", "account_logout"))
    assert client.get(url_in("en", "dashboard")).status_code == 200
    client.post(url_in("en", "account_logout"))
    assert client.get(url_in("en", "dashboard")).status_code == 302
