"""Dot-paths (/.git/, /.env, /.well-known/...) are plain 404s, never 500s or redirects.

Puente serves nothing under a dot-path, /.well-known/ included. Django's resolver
matches none of them and Wagtail's page pattern takes only word characters, so
the language middleware never redirects them to a prefixed copy either.
"""

import pytest

pytestmark = pytest.mark.django_db

DOT_PATHS = [
    "/.git/",
    "/.git/config",
    "/.git/HEAD",
    "/.env",
    "/.env.production",
    "/.htaccess",
    "/.ssh/id_rsa",
    "/.well-known/security.txt",
    "/.well-known/acme-challenge/token",
    "/.svn/entries",
    "/.DS_Store",
    "/documents/.git/config",
    "/static/.env",
    "/media/.env",
]


@pytest.mark.parametrize("prefix", ["", "/en", "/es"])
@pytest.mark.parametrize("path", DOT_PATHS)
def test_dot_paths_are_404_without_a_redirect(client, home_page, prefix, path):
    response = client.get(f"{prefix}{path}")
    assert response.status_code == 404, response.get("Location")
    language = prefix.strip("/") or "en"
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_dot_paths_are_404_whatever_the_method(client, home_page, method):
    response = getattr(client, method)(
        "/en/.git/config", data="x", content_type="text/plain"
    )
    assert response.status_code == 404


def test_dot_paths_are_404_for_signed_in_people_too(client, learner, home_page):
    client.force_login(learner)
    for path in ("/.git/config", "/es/.env"):
        assert client.get(path).status_code == 404
