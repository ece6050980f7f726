"""Signing in as a person with two-factor authentication, for tests.

``login_with_totp(client, email)`` posts the password, then the authenticator code
computed from the secret with allauth's own TOTP functions (via ``lms.accounts.mfa``).
"""

import time
from dataclasses import dataclass

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation

from lms.accounts.mfa import ensure_totp, seconds_left_in_period, totp_code
from tests.factories import PASSWORD

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass
class TOTPLogin:
    password_response: HttpResponse
    code_response: HttpResponse
    code: str


def enrol_totp(user, secret: str = TEST_TOTP_SECRET):
    """An authenticator app for ``user``, stored as allauth stores it."""
    return ensure_totp(user, secret)


def wait_for_fresh_code(min_seconds: int = 3) -> None:
    """Sleep into the next period if the current code is about to expire."""
    left = seconds_left_in_period()
    if left < min_seconds:
        time.sleep(left + 0.2)


def url_in(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


def post_password(client, email: str, password: str = PASSWORD, language="en", **extra):
    return client.post(
        url_in(language, "account_login"),
        {"login": email, "password": password},
        **extra,
    )


def post_code(client, code: str, language="en"):
    return client.post(url_in(language, "mfa_authenticate"), {"code": code})


def login_with_totp(
    client,
    email: str,
    password: str = PASSWORD,
    secret: str = TEST_TOTP_SECRET,
    *,
    code: str | None = None,
    language: str = "en",
    min_seconds: int = 3,
) -> TOTPLogin:
    """Password, then the current code (or ``code``); asserts the code was asked for.

    Waits for the next period when fewer than ``min_seconds`` are left in this one.
    """
    wait_for_fresh_code(min_seconds)
    first = post_password(client, email, password, language)
    assert first.status_code == 302, first.content.decode()[:500]
    assert first["Location"] == url_in(language, "mfa_authenticate"), first["Location"]
    code = code or totp_code(secret)
    second = post_code(client, code, language)
    return TOTPLogin(password_response=first, code_response=second, code=code)
