"""``manage.py issuer_keys generate|list|rotate``: the issuer's Ed25519 signing keys
(certificates.credentials.keys). Runs without the system checks, so a new
production site can create the key the checks ask for."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.credentials import links
from certificates.credentials.keys import (
    IssuerKeyError,
    new_key_set,
    parse_key_set,
    read_key_set_data,
    rotated,
    write_key_file,
)


class Command(BaseCommand):
    help = (
        "Create, list or rotate the issuer's Ed25519 keys that sign credentials. "
        "Rotation keeps the old public keys published, so credentials signed "
        "earlier still verify."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        generate = actions.add_parser(
            "generate", help="Create a new key set with one active key."
        )
        rotate = actions.add_parser(
            "rotate",
            help="Add a new active key; retire the old one (its public half stays "
            "published, its private half is dropped).",
        )
        for sub in (generate, rotate):
            sub.add_argument(
                "--file",
                help="Key-set file to write (mode 0600); default: "
                "PUENTE_ISSUER_KEYS_FILE.",
            )
            sub.add_argument(
                "--stdout",
                action="store_true",
                dest="to_stdout",
                help="Print the key set's JSON instead of writing a file (for "
                "PUENTE_ISSUER_KEYS in a secret store). It contains the private key.",
            )
        generate.add_argument(
            "--force",
            action="store_true",
            help="Overwrite an existing file (every credential signed with its keys "
            "stops verifying: use rotate instead).",
        )
        actions.add_parser(
            "list",
            help="Show the configured keys (id, status, dates, URL); never "
            "the private halves.",
        )

    def _target(self, options) -> Path | None:
        if options["to_stdout"]:
            return None
        path = options["file"] or settings.PUENTE_ISSUER_KEYS_FILE
        if not path:
            raise CommandError(
                "Give --file PATH or --stdout (no PUENTE_ISSUER_KEYS_FILE)."
            )
        return Path(path)

    def _write(self, data: dict, target: Path | None) -> None:
        if target is None:
            self.stdout.write(json.dumps(data, indent=2))
        else:
            write_key_file(target, data)
            self.stdout.write(f"Wrote {target} (readable by its owner only).")
        self.stdout.write(f"Active key: {data['keys'][0]['kid']}", self.style.SUCCESS)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "list":
            return self._list()
        target = self._target(options)
        if action == "generate":
            if target is not None and target.exists() and not options["force"]:
                raise CommandError(
                    f"{target} exists: use `issuer_keys rotate` to add a key."
                )
            return self._write(new_key_set(), target)
        if target is not None and target.exists():
            current = json.loads(target.read_text())
        else:
            current = self._configured()
        self._write(rotated(current), target)
        self.stdout.write(
            "Restart the app servers and workers so they sign with the new key."
        )

    def _configured(self) -> dict:
        try:
            return read_key_set_data()
        except (IssuerKeyError, OSError, ValueError) as error:
            raise CommandError(str(error)) from error

    def _list(self) -> None:
        try:
            key_set = parse_key_set(self._configured())
        except IssuerKeyError as error:
            raise CommandError(str(error)) from error
        for key in key_set.keys:
            private = "private key present" if key.private else "public key only"
            self.stdout.write(
                f"{key.kid}  {key.status:<8} created {key.created or '?'}  "
                f"{private}  {links.key_url(key.kid)}"
            )
