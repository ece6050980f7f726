"""/healthz answers a load balancer with a bare status and nothing else."""

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_is_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz", secure=True)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("check", "error"),
    [
        ("_database_ok", OperationalError("password authentication failed for db")),
        ("_cache_ok", ConnectionError("Error 111 connecting to redis:6379")),
    ],
)
def test_healthz_reveals_nothing_when_a_backend_fails(
    client, monkeypatch, check, error
):
    def broken():
        raise error

    monkeypatch.setattr(f"lms.ops.health.{check}", broken)
    response = client.get("/healthz", secure=True)
    assert response.status_code == 503
    assert response.content == b'{"status": "unavailable"}'


def test_healthz_only_answers_reads(client):
    assert client.post("/healthz", secure=True).status_code == 405
