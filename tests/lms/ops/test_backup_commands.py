"""backup_data / restore_data: refusals, and a SQLite round trip (PostgreSQL: slow)."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.lms.ops.support import ROOT


def _manifest(directory, **overrides):
    directory.mkdir(exist_ok=True)
    manifest = {
        "format": 1,
        "vendor": connection.vendor,
        "migrations": [],
        "media": {"storage": "filesystem", "included": False},
        "files": {},
        **overrides,
    }
    (directory / "manifest.json").write_text(json.dumps(manifest))
    return directory


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_tables(tmp_path):
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_data", str(_manifest(tmp_path / "b")))


@pytest.mark.django_db
def test_restore_refuses_a_file_that_fails_its_checksum(tmp_path):
    backup = _manifest(
        tmp_path / "b", files={"database.dump": {"sha256": "0" * 64, "bytes": 1}}
    )
    (backup / "database.dump").write_bytes(b"x")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore_data", str(backup))


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_data", str(tmp_path))
    assert (tmp_path / "old.txt").read_text() == "keep me"


def _manage(args, database, media):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_")) and k != "REDIS_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_MEDIA_ROOT=str(media),
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sqlite_round_trip_with_media(tmp_path):
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    media_a, media_b = tmp_path / "media-a", tmp_path / "media-b"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE officer (name TEXT)")
        db.execute("INSERT INTO officer VALUES ('José Núñez')")
    (media_a / "documents").mkdir(parents=True)
    (media_a / "documents" / "guide.txt").write_text("Guía")

    result = _manage(["backup_data", str(tmp_path / "backup")], source, media_a)
    assert result.returncode == 0, result.stderr
    result = _manage(["restore_data", str(tmp_path / "backup")], target, media_b)
    assert result.returncode == 0, result.stderr

    with sqlite3.connect(target) as db:
        assert db.execute("SELECT name FROM officer").fetchall() == [("José Núñez",)]
    assert (media_b / "documents" / "guide.txt").read_text() == "Guía"
    again = _manage(["restore_data", str(tmp_path / "backup")], target, media_b)
    assert again.returncode != 0 and "not empty" in again.stderr
