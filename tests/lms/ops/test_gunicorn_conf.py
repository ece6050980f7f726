"""gunicorn.conf.py: workers from the CPU count, capped; settings from GUNICORN_*."""

import runpy

import pytest

from tests.lms.ops.support import ROOT

CONF = str(ROOT / "gunicorn.conf.py")


@pytest.mark.parametrize(
    ("cores", "cap", "expected"), [(1, 8, 3), (2, 8, 5), (16, 8, 8), (4, 1, 1)]
)
def test_workers_are_two_per_core_plus_one_up_to_the_cap(cores, cap, expected):
    assert runpy.run_path(CONF)["default_workers"](cores, cap) == expected


def test_environment_overrides(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    conf = runpy.run_path(CONF)
    assert conf["bind"] == ["0.0.0.0:9000"]
    assert conf["workers"] == 3
    assert conf["wsgi_app"] == "lms.wsgi:application"
    assert conf["control_socket_disable"] is True


def test_default_workers_are_capped(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.setenv("GUNICORN_MAX_WORKERS", "2")
    assert runpy.run_path(CONF)["workers"] <= 2
