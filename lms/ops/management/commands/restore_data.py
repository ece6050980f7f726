"""``manage.py restore_data <dir>``: load a ``backup_data`` folder into an empty site.

Refuses unless the database has no tables and MEDIA_ROOT holds no files, so it can
never overwrite live data. Checksums from the manifest are verified first.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from lms.ops.management.commands.backup_data import (
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_ARCHIVE,
    POSTGRES_DUMP,
    SQLITE_COPY,
    local_media_root,
    postgres_environment,
    sha256_of,
)


class Command(BaseCommand):
    help = (
        "Restore a backup_data directory into an EMPTY database (pg_restore or a "
        "SQLite copy) and an empty media folder. Refuses to touch existing data."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory written by backup_data.")
        parser.add_argument(
            "--database",
            default="default",
            help="Database alias to restore into (default: %(default)s).",
        )
        parser.add_argument(
            "--skip-media",
            action="store_true",
            help="Restore the database only.",
        )

    def handle(self, *args, directory, database, skip_media, **options):
        source = Path(directory).resolve()
        manifest = self._read_manifest(source)
        connection = connections[database]
        if manifest["vendor"] != connection.vendor:
            raise CommandError(
                f"The backup is of a {manifest['vendor']} database; the target is "
                f"{connection.vendor}."
            )
        tables = connection.introspection.table_names()
        if tables:
            raise CommandError(
                f"The target database is not empty ({len(tables)} tables); restore "
                "only into a new, empty database."
            )
        restore_media = not skip_media and MEDIA_ARCHIVE in manifest["files"]
        media_root = local_media_root()
        if restore_media:
            if media_root is None:
                raise CommandError(
                    "Media storage is not the local disk; use --skip-media and "
                    "restore the bucket with its own tools."
                )
            if media_root.exists() and any(p.is_file() for p in media_root.rglob("*")):
                raise CommandError(f"MEDIA_ROOT {media_root} already holds files.")

        if connection.vendor == "postgresql":
            self._restore_postgres(connection.settings_dict, source / POSTGRES_DUMP)
        else:
            connection.close()
            self._restore_sqlite(connection.settings_dict, source / SQLITE_COPY)
        connection.close()
        self.stdout.write(
            f"Database restored ({len(manifest['migrations'])} migrations)."
        )

        if restore_media:
            media_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
                archive.extractall(media_root, filter="data")
            self.stdout.write(f"Media restored into {media_root}.")
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}"))

    def _read_manifest(self, source: Path) -> dict:
        try:
            manifest = json.loads((source / MANIFEST).read_text())
        except (OSError, ValueError) as error:
            raise CommandError(f"No readable {MANIFEST} in {source}: {error}") from None
        if manifest.get("format") != FORMAT_VERSION:
            raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
        for name, expected in manifest["files"].items():
            path = source / name
            if not path.is_file() or sha256_of(path) != expected["sha256"]:
                raise CommandError(f"{name} is missing or does not match its checksum.")
        return manifest

    def _restore_postgres(self, db: dict, dump: Path) -> None:
        pg_restore = shutil.which("pg_restore")
        if pg_restore is None:
            raise CommandError("pg_restore is not installed (PostgreSQL client tools).")
        env = postgres_environment(db)
        # Fixed argument list, no shell; the connection comes through libpq variables.
        result = subprocess.run(  # noqa: S603
            [
                pg_restore,
                "--no-password",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                env["PGDATABASE"],
                str(dump),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")

    def _restore_sqlite(self, db: dict, copy: Path) -> None:
        source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        target = sqlite3.connect(db["NAME"])
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
