"""``manage.py backup_data <dir>``: the database and the media in one folder.

PostgreSQL is dumped with ``pg_dump --format=custom``; SQLite is copied with SQLite's
online backup API. Media on the local disk go into ``media.tar.gz``. ``manifest.json``
records what was taken and the checksums ``restore_data`` verifies.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def postgres_environment(db: dict) -> dict[str, str]:
    """libpq variables for pg_dump/pg_restore, so no password is on a command line."""
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env


def local_media_root() -> Path | None:
    """MEDIA_ROOT when media live on the local disk; None for object storage."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or a SQLite copy) and the media "
        "folder into a new, empty directory, with a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            help="Where to write the backup; must not exist yet or be empty.",
        )
        parser.add_argument(
            "--database",
            default="default",
            help="Database alias to back up (default: %(default)s).",
        )
        parser.add_argument(
            "--skip-media",
            action="store_true",
            help="Back up the database only.",
        )

    def handle(self, *args, directory, database, skip_media, **options):
        target = Path(directory).resolve()
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty; choose a new directory.")
        target.mkdir(mode=0o700, parents=True, exist_ok=True)

        connection = connections[database]
        vendor = connection.vendor
        files: dict[str, dict] = {}
        if vendor == "postgresql":
            self._dump_postgres(connection.settings_dict, target / POSTGRES_DUMP)
            files[POSTGRES_DUMP] = {}
        elif vendor == "sqlite":
            self._copy_sqlite(connection.settings_dict, target / SQLITE_COPY)
            files[SQLITE_COPY] = {}
        else:
            raise CommandError(f"Backups of {vendor} databases are not supported.")

        media: dict = {"storage": "filesystem", "included": False}
        media_root = local_media_root()
        if media_root is None:
            media = {"storage": type(default_storage).__name__, "included": False}
            self.stdout.write(
                "Media are in object storage: back them up with the bucket's own "
                "versioning or replication."
            )
        elif not skip_media:
            count = self._archive_media(media_root, target / MEDIA_ARCHIVE)
            files[MEDIA_ARCHIVE] = {}
            media = {"storage": "filesystem", "included": True, "files": count}

        for name in files:
            path = target / name
            files[name] = {"sha256": sha256_of(path), "bytes": path.stat().st_size}
        recorder = MigrationRecorder(connection)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "vendor": vendor,
            "migrations": sorted(
                f"{app}.{name}" for app, name in recorder.applied_migrations()
            ),
            "media": media,
            "files": files,
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))

    def _dump_postgres(self, db: dict, destination: Path) -> None:
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise CommandError("pg_dump is not installed (PostgreSQL client tools).")
        # Fixed argument list, no shell; the connection comes through libpq variables.
        result = subprocess.run(  # noqa: S603
            [pg_dump, "--format=custom", "--no-password", "--file", str(destination)],
            env=postgres_environment(db),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            destination.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")

    def _copy_sqlite(self, db: dict, destination: Path) -> None:
        source = sqlite3.connect(f"file:{db['NAME']}?mode=ro", uri=True)
        copy = sqlite3.connect(destination)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()

    def _archive_media(self, media_root: Path, destination: Path) -> int:
        count = 0
        with tarfile.open(destination, "w:gz") as archive:
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, arcname=str(path.relative_to(media_root)))
                        count += 1
        return count
