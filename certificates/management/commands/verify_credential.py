"""``manage.py verify_credential FILE``: check a signed credential (JSON or JWS
text), an offline payload or a certificate PDF, with this installation's keys and
status lists, or with files downloaded from the issuer (``--jwks``,
``--status-list``) and no network. Exits with an error unless every check passes."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from certificates import app_settings
from certificates.credentials.claims import claimed_rows
from certificates.credentials.reading import CredentialInputError, read_credential_token
from certificates.credentials.verifying import (
    keys_from_jwks,
    local_keys,
    local_status,
    status_from_file,
    verify_token,
)

MARKS = {True: "ok", False: "FAILED", None: "not checked"}


class Command(BaseCommand):
    help = (
        "Check a signed credential, offline payload or certificate PDF: signature, "
        "issuer, dates and revocation status, and print what it claims."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="The credential (.json, .jwt), offline payload or PDF."
        )
        parser.add_argument(
            "--jwks",
            help="A JWK set downloaded from the issuer (/.well-known/jwks.json); "
            "default: this installation's keys.",
        )
        parser.add_argument(
            "--status-list",
            help="A status list credential downloaded from the issuer; default: this "
            "installation's lists (none when --jwks is given).",
        )
        parser.add_argument(
            "--language",
            choices=["en", "es"],
            default="en",
            help="Language of the report (en or es).",
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self._check(options)

    def _check(self, options) -> None:
        try:
            data = Path(options["file"]).read_bytes()
            token = read_credential_token(
                data, max_bytes=app_settings.max_credential_upload_bytes()
            )
            keys = None
            status = local_status
            if options["jwks"]:
                keys = keys_from_jwks(json.loads(Path(options["jwks"]).read_text()))
                status = None
            if options["status_list"]:
                listed = Path(options["status_list"]).read_text().strip()
                status = status_from_file(
                    listed, keys if keys is not None else local_keys()
                )
            report = verify_token(token, keys=keys, status=status)
        except CredentialInputError as error:
            raise CommandError(str(error.message)) from error
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(str(error)) from error
        for line in report.lines:
            self.stdout.write(f"[{MARKS[line.ok]}] {line.message}")
        if report.signature.ok:
            for label, value in claimed_rows(report.kind, report.payload):
                self.stdout.write(f"    {label}: {value}")
        if not report.valid:
            raise CommandError(str(translation.gettext("The credential is not valid.")))
