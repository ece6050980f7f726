"""Response headers and cookies (issue 10, point 4).

CSP without inline scripts on learner pages, frame protection, Referrer-Policy,
nosniff, HttpOnly + SameSite cookies, and ``no-store`` on pages for a signed-in
person while anonymous pages stay cacheable. ``check --deploy`` is proven clean in
tests/lms/settings/test_settings.py.
"""

import re

import pytest

from tests.factories import UserFactory
from tests.security.helpers import post_password

ANONYMOUS_PAGES = [
    "/en/",
    "/es/",
    "/en/accounts/login/",
    "/es/accounts/signup/",
    "/en/accounts/password/reset/",
]
SIGNED_IN_PAGES = ["/en/dashboard/", "/es/dashboard/", "/en/accounts/profile/"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_hardened(response):
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT.search(response.content.decode())
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_anonymous_pages_are_hardened(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_hardened(response)


@pytest.mark.parametrize("path", ["/en/", "/es/"])
def test_public_pages_stay_cacheable(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_are_hardened_and_never_stored(client, home_page, path):
    post_password(client, UserFactory().email)
    response = client.get(path)
    assert response.status_code == 200
    assert_hardened(response)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_cookies_are_httponly_and_samesite(client, home_page):
    client.get("/en/accounts/login/")  # sets the CSRF cookie
    user = UserFactory()
    response = post_password(client, user.email)
    client.get("/es/dashboard/")
    cookies = {**response.cookies}
    for name in ["sessionid", "csrftoken"]:
        cookie = cookies.get(name) or client.cookies[name]
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name
