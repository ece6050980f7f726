"""English and Spanish: prefixes, redirects, the switcher and the remembered choice."""

import pytest

from tests.factories import PASSWORD, UserFactory


def test_root_redirects_by_browser_language(client, home_page):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")["Location"] == "/en/"


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [
        ("/en/", "en", "Create your account"),
        ("/es/", "es", "Cree su cuenta"),
    ],
)
def test_home_page_in_each_language(client, home_page, path, lang, text):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert text in html


def test_switcher_links_to_the_same_page_in_the_other_language(client, home_page):
    html = client.get("/en/").content.decode()
    assert 'href="/es/" hreflang="es"' in html
    html = client.get("/es/accounts/login/").content.decode()
    assert 'href="/en/accounts/login/" hreflang="en"' in html


def test_anonymous_pages_set_no_cookie(client, home_page):
    response = client.get("/es/")
    assert response.cookies == {} or not any(response.cookies.values())


def test_signed_in_users_language_is_remembered(client, home_page):
    user = UserFactory(preferred_language="en")
    client.login(email=user.email, password=PASSWORD)
    client.get("/es/")
    user.refresh_from_db()
    assert user.preferred_language == "es"
    # With no prefix, the remembered choice wins over the browser's.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/es/"


def test_unknown_page_is_a_friendly_404_in_spanish(client, home_page):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert "No encontramos la página" in response.content.decode()
