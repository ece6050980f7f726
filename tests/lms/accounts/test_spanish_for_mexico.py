"""Accounts in Mexican Spanish (issue 18): no sign-up default that assumes the US
police, allauth's strings re-worded (usted, "Ingrese"/"Escriba", sentence case), the
confirmation e-mail with usted and the site's name, and signing out keeping the
language in use."""

import re
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lms.accounts.allauth_strings import ALLAUTH_STRINGS
from lms.accounts.forms import SignupForm
from lms.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "María Fernanda López",
    "agency": "Fiscalía General del Estado de Sonora",
    "agency_type": "prosecutor",
    "country": "MX",
    "state": "Sonora",
    "email": "maria.lopez@fiscalia.test",
    "password1": "un-puente-seguro-2026",
    "password2": "un-puente-seguro-2026",
    "preferred_language": "es",
}


def url_in(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize(("lang", "choose"), [("en", "Choose…"), ("es", "Elija…")])
def test_sign_up_picks_no_country_or_agency_type_for_the_person(
    client, home_page, lang, choose
):
    html = client.get(url_in(lang, "account_signup")).content.decode()
    for name in ("country", "agency_type"):
        select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
        assert f'<option value="" selected>{choose}</option>' in select
        assert "selected" not in select.replace(
            f'<option value="" selected>{choose}', ""
        )
        assert " required" in select.split(">", 1)[0]


def test_sign_up_without_country_or_agency_type_is_refused(client, home_page, roles):
    data = {**SIGNUP, "country": "", "agency_type": ""}
    response = client.post(url_in("es", "account_signup"), data)
    assert response.status_code == 200
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    form = SignupForm(data=data)
    assert not form.is_valid()
    assert {"country", "agency_type"} <= set(form.errors)


@pytest.mark.parametrize(("lang", "title"), [("en", "Sign up"), ("es", "Crear cuenta")])
def test_the_sign_up_page_title(client, home_page, lang, title):
    html = client.get(url_in(lang, "account_signup")).content.decode()
    assert f"<title>{title} · Puente</title>" in html
    assert "Signup" not in html


def test_spanish_account_pages_read_as_mexican_spanish(client, home_page):
    pages = {
        name: client.get(url_in("es", name)).content.decode()
        for name in ("account_login", "account_signup", "account_reset_password")
    }
    text = " ".join(pages.values())
    for spain in ("Introduzca", "Introduce", "Restablecer Contraseña", "Regístrate"):
        assert spain not in text
    title = re.search(r"<title>\s*(.*?)\s*·", pages["account_reset_password"], re.S)
    assert title.group(1) == "Restablecer contraseña"
    assert (
        "¿Olvidó su contraseña? Escriba su dirección" in pages["account_reset_password"]
    )
    assert "Confirme la contraseña" in pages["account_signup"]


def test_every_reworded_allauth_string_has_puente_s_own_spanish():
    """Each string in lms/accounts/allauth_strings.py is translated in locale/es and
    differs from allauth's own catalogue (or the override would be pointless)."""
    ours = polib.pofile(str(settings.BASE_DIR / "locale/es/LC_MESSAGES/django.po"))
    theirs = polib.pofile(
        str(Path(allauth.__file__).parent / "locale/es/LC_MESSAGES/django.po")
    )
    for msgid in ALLAUTH_STRINGS:
        entry = ours.find(msgid)
        assert entry is not None and entry.msgstr and "fuzzy" not in entry.flags, msgid
        assert entry.msgstr != theirs.find(msgid).msgstr, msgid
        with translation.override("es"):
            assert translation.gettext(msgid) == entry.msgstr


def test_the_spanish_confirmation_email_uses_usted_and_the_site_name(
    client, outbox, home_page, roles
):
    client.post(url_in("es", "account_signup"), SIGNUP)
    assert len(outbox) == 1
    body = outbox[0].body
    assert body.startswith("Reciba un saludo de Puente.")
    assert (
        "Para confirmar su dirección de correo electrónico, abra este enlace:" in body
    )
    assert "Si usted no creó esta cuenta" in body
    for informal in ("vete", " tu ", "Estás", "introdúcelo"):
        assert informal not in body
    assert "testserver" not in body.splitlines()[0]
    assert "Gracias por capacitarse con Puente." in body


def test_the_english_confirmation_email_greets_with_the_site_name(
    client, outbox, home_page, roles
):
    client.post(url_in("en", "account_signup"), {**SIGNUP, "preferred_language": "en"})
    body = outbox[0].body
    assert body.startswith("Greetings from Puente.")
    assert re.search(r"https?://\S+/en/accounts/confirm-email/\S+/", body)


def test_the_site_name_comes_from_the_wagtail_site(client, outbox, home_page, roles):
    from wagtail.models import Site

    Site.objects.update(site_name="Puente Academia")
    client.post(url_in("es", "account_signup"), SIGNUP)
    assert outbox[0].body.startswith("Reciba un saludo de Puente Academia.")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_signing_out_leads_home_in_the_language_in_use(client, home_page, lang):
    user = UserFactory(preferred_language="en" if lang == "es" else "es")
    client.login(email=user.email, password=PASSWORD)
    response = client.post(
        url_in(lang, "account_logout"),
        HTTP_ACCEPT_LANGUAGE="en" if lang == "es" else "es",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/"
    assert client.get(url_in(lang, "dashboard")).status_code == 302
