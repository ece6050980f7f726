"""/healthz answers a load balancer with a bare status and nothing else: 503 only
when the database does not answer, "degraded" (200) when the cache does not."""

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_is_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz", secure=True)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reveals_nothing_when_the_database_fails(client, monkeypatch):
    def broken():
        raise OperationalError("password authentication failed for db")

    monkeypatch.setattr("lms.ops.health._database_ok", broken)
    response = client.get("/healthz", secure=True)
    assert response.status_code == 503
    assert response.content == b'{"status": "unavailable"}'


@pytest.mark.django_db
@pytest.mark.parametrize(
    "failure", [ConnectionError("Error 111 connecting to redis:6379"), None]
)
def test_healthz_keeps_the_server_in_when_only_the_cache_fails(
    client, monkeypatch, failure
):
    """Pages keep serving without Redis (lms.ops.cache): a balancer that took every
    server out over it would turn a degraded cache into an outage."""

    def broken():
        if failure is not None:
            raise failure
        return False  # the resilient cache misses instead of raising

    monkeypatch.setattr("lms.ops.health._cache_ok", broken)
    response = client.get("/healthz", secure=True)
    assert response.status_code == 200
    assert response.content == b'{"status": "degraded"}'


def test_healthz_only_answers_reads(client):
    assert client.post("/healthz", secure=True).status_code == 405
