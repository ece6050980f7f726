"""Issue 20, point 3: sign-up, password reset and login cost the same whichever the
address, so their timing does not tell whether an account exists.

A taken e-mail answered sign-up in 36-78 ms and a new one in 269-454 ms (a password
hash and an SMTP send only for the new one). Two proofs: the work is counted (one
password hash and one queued e-mail in either case, a deterministic test), and the
medians of repeated, interleaved requests are compared with a tolerance (slow: real
PBKDF2 hashing; never a timing assertion on one request).
"""

from __future__ import annotations

import statistics
import time
from itertools import count

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.test import Client

from tests.factories import PASSWORD, UserFactory
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
_serial = count(1)


class CountingHasher(PBKDF2PasswordHasher):
    """PBKDF2 as in production, with fewer rounds, counting what it hashes."""

    iterations = 120_000
    hashed = 0

    def encode(self, password, salt, iterations=None):
        CountingHasher.hashed += 1
        return super().encode(password, salt, iterations)


HASHER = f"{__name__}.CountingHasher"


class QuarterPBKDF2Hasher(PBKDF2PasswordHasher):
    iterations = PBKDF2PasswordHasher.iterations // 4


@pytest.fixture
def hashing(settings):
    settings.PASSWORD_HASHERS = [HASHER]
    CountingHasher.hashed = 0
    return CountingHasher


def _fresh() -> str:
    return f"probe-{next(_serial)}@agency.test"


def _existing() -> str:
    return UserFactory(email=_fresh(), password=PASSWORD).email


def _signup(client, language, email):
    return client.post(url_in(language, "account_signup"), {**SIGNUP, "email": email})


def _reset(client, language, email):
    return client.post(url_in(language, "account_reset_password"), {"email": email})


def _login(client, language, email):
    return client.post(
        url_in(language, "account_login"),
        {"login": email, "password": "wrong-password-1"},
    )


# Each request uses an address never used before: an attacker probes each address
# once, and allauth's per-address limits then treat both cases alike.
FLOWS = {"signup": _signup, "reset": _reset, "login": _login}


def _work(hashing, outbox, flow, language, email) -> tuple[int, int, int]:
    """(status, passwords hashed, e-mails sent) of one request, counted alone."""
    cache.clear()  # rate limits: one request of each kind is never limited
    hashed, sent = hashing.hashed, len(outbox)
    status = FLOWS[flow](Client(), language, email).status_code
    return status, hashing.hashed - hashed, len(outbox) - sent


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("flow", list(FLOWS))
def test_existing_and_unknown_addresses_cost_the_same_work(
    hashing, outbox, roles, flow, language
):
    existing = _existing()  # the factory hashes too: not counted below
    first = _work(hashing, outbox, flow, language, existing)
    second = _work(hashing, outbox, flow, language, _fresh())
    assert first == second, (flow, first, second)
    status, hashed, sent = first
    # Sign-up hashes the password it was given (stored, or thrown away for a taken
    # address); reset hashes none; a failed login two (Django's ModelBackend, then
    # allauth's backend: each checks the password or runs the hasher on a miss).
    # Each sends one e-mail except a failed login.
    assert hashed == {"signup": 1, "reset": 0, "login": 2}[flow], first
    assert sent == {"signup": 1, "reset": 1, "login": 0}[flow], first


def _medians(flow: str, rounds: int) -> tuple[float, float]:
    """Median seconds for an existing and an unknown address over ``rounds``
    interleaved pairs (the order alternates, so a slower moment of the machine
    hits both alike). Accounts are made before any request is timed."""
    existing = [_existing() for _round in range(rounds)]
    times: dict[str, list[float]] = {"exists": [], "absent": []}
    for round_ in range(rounds):
        pair = [("exists", existing[round_]), ("absent", _fresh())]
        for case, email in pair if round_ % 2 == 0 else reversed(pair):
            cache.clear()
            client = Client()
            started = time.perf_counter()
            response = FLOWS[flow](client, "es", email)
            times[case].append(time.perf_counter() - started)
            assert response.status_code in (200, 302), response.status_code
    return statistics.median(times["exists"]), statistics.median(times["absent"])


@pytest.mark.slow
@pytest.mark.parametrize("flow", list(FLOWS))
def test_median_timings_do_not_tell_whether_an_account_exists(
    settings, outbox, roles, flow
):
    # Production's hasher (PBKDF2), at a quarter of Django's rounds to keep the test
    # short: still several times what a request costs without it.
    settings.PASSWORD_HASHERS = [f"{__name__}.QuarterPBKDF2Hasher"]
    _medians(flow, rounds=2)  # warm caches, templates, connections
    median_exists, median_absent = _medians(flow, rounds=9)
    slower, faster = sorted((median_exists, median_absent), reverse=True)
    print(f"{flow}: exists {median_exists:.3f} s, absent {median_absent:.3f} s")
    # Within a third of each other, or 25 ms on a fast path (shared, busy cores).
    assert slower <= max(faster * 1.33, faster + 0.025), (
        flow,
        round(median_exists * 1000),
        round(median_absent * 1000),
    )
