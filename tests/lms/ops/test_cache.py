"""The production cache while Redis does not answer (nothing listens on its port):
reads miss, writes are skipped, one log line, the rate-limit keys count in the
fallback cache, and a sign-in page, a login limit and a public page still work.
Stopping and restarting a real Redis is tests/lms/ops/test_fault_redis.py."""

import logging

import pytest
from django.core.cache import caches
from django.urls import reverse

from lms.ops.cache import ResilientRedisCache
from tests.factories import UserFactory
from tests.lms.ops.support import REDIS_URL, free_port

pytestmark = pytest.mark.django_db


def unreachable_redis() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"  # bound and released: refused


def resilient(location: str, **params) -> dict:
    return {
        "BACKEND": "lms.ops.cache.ResilientRedisCache",
        "LOCATION": location,
        "KEY_PREFIX": "t",
        "FALLBACK_ALIAS": "ratelimits",
        "FALLBACK_KEY_PREFIXES": ("allauth:rl:",),
        "RETRY_SECONDS": 60,
        **params,
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": resilient(unreachable_redis()),
        "ratelimits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimits-fallback",
        },
    }
    caches["ratelimits"].clear()
    yield caches["default"]
    caches["ratelimits"].clear()


def test_reads_miss_and_writes_are_skipped_with_one_log_line(redis_down, caplog):
    assert isinstance(redis_down, ResilientRedisCache)
    with caplog.at_level(logging.WARNING, logger="puente.cache"):
        assert redis_down.get("page", "missing") == "missing"
        redis_down.set("page", "body")
        assert redis_down.get_many(["page", "other"]) == {}
        assert redis_down.add("lock", 1) is False
        assert redis_down.has_key("page") is False
        assert redis_down.delete("page") is False
        assert redis_down.set_many({"a": 1, "b": 2}) == ["a", "b"]
        redis_down.delete_many(["a", "b"])
        with pytest.raises(ValueError):  # as for a missing key: callers handle it
            redis_down.incr("generation")
        assert redis_down.get_or_set("built", lambda: "fresh") == "fresh"
    lines = [r.getMessage() for r in caplog.records if r.name == "puente.cache"]
    assert len(lines) == 1, lines
    assert "unreachable" in lines[0] and "rate limits count in the database" in lines[0]
    assert redis_down.is_available() is False
    # Deleted when Redis answers again, so no value older than the outage is read.
    assert {key for key, _version in redis_down.outage.dirty} >= {
        "page",
        "a",
        "b",
        "generation",
    }


def test_rate_limit_keys_count_in_the_fallback_cache(redis_down):
    key = "allauth:rl:allauth.account:login_failed:5/5m/key:abc"
    assert redis_down.add(f"{key}:lock", True, timeout=10) is True
    assert redis_down.add(f"{key}:lock", True, timeout=10) is False  # a real lock
    redis_down.set(key, [1.0, 2.0], 300)
    assert redis_down.get(key) == [1.0, 2.0]
    assert caches["ratelimits"].get(key) == [1.0, 2.0]
    redis_down.delete(f"{key}:lock")
    assert caches["ratelimits"].get(f"{key}:lock") is None
    assert redis_down.get_many([key, "page"]) == {key: [1.0, 2.0]}


def test_a_failed_login_limit_still_holds_and_pages_still_answer(
    redis_down, client, home_page
):
    user = UserFactory()
    assert client.get("/en/").status_code == 200
    login = reverse("account_login")
    assert client.get(login).status_code == 200
    answers = []
    for _ in range(6):  # login_failed is 5 per 5 minutes per address (the key)
        response = client.post(login, {"login": user.email, "password": "wrong"})
        answers.append(
            (response.status_code, "Too many failed login attempts" in response.text)
        )
    # Counted in the fallback: without it allauth's counter lock could not be taken
    # and every attempt would be refused; with writes skipped none would be.
    assert answers[:5] == [(200, False)] * 5
    assert answers[5] == (200, True)


@pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL")
def test_the_redis_cache_makes_one_client_for_its_pool(settings):
    """Django makes a redis-py client per operation; ours keeps the first (its
    pool holds the connections), and every operation still reaches Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.ops.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "t-shared-client",
        }
    }
    shared = caches["default"]
    shared.set("page", "body", 30)
    assert shared.get("page") == "body"
    assert shared.get_many(["page", "other"]) == {"page": "body"}
    client = shared._cache.get_client()
    assert shared._cache.get_client(write=True) is client
    assert client.exists(shared.make_and_validate_key("page")) == 1
    shared.delete("page")
    assert shared.get("page") is None
