"""The issuer's Ed25519 signing keys: read from the key set the settings name (a
file or an environment variable in production, a throw-away key in dev and tests),
published as a JWK set, generated and rotated by ``manage.py issuer_keys``. Retired
keys keep only their public half and stay published, so earlier credentials verify.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from joserfc.jwk import OKPKey

ACTIVE, RETIRED = "active", "retired"
PUBLIC_MEMBERS = ("kty", "crv", "x")
# Key ids are the first 16 characters of the RFC 7638 thumbprint: unique among a
# handful of keys, and short enough for the offline QR code's header.
KID_LENGTH = 16


class IssuerKeyError(ImproperlyConfigured):
    """No usable signing key (production without a key set, a broken key file)."""


@dataclass(frozen=True)
class IssuerKey:
    kid: str
    public_jwk: dict[str, str]
    status: str
    created: str
    private: OKPKey | None = None

    @property
    def public_key(self) -> OKPKey:
        return OKPKey.import_key(dict(self.public_jwk))


@dataclass(frozen=True)
class KeySet:
    keys: tuple[IssuerKey, ...]

    @property
    def active(self) -> IssuerKey:
        for key in self.keys:
            if key.status == ACTIVE and key.private is not None:
                return key
        raise IssuerKeyError("The issuer key set has no active private key.")

    def find(self, kid: str) -> IssuerKey | None:
        return next((key for key in self.keys if key.kid == kid), None)


def new_key_entry(now: str | None = None) -> dict[str, str]:
    """A fresh Ed25519 key as a private JWK with Puente's members (kid, status)."""
    key = OKPKey.generate_key("Ed25519")
    entry = {name: str(value) for name, value in key.as_dict(private=True).items()}
    entry["kid"] = key.thumbprint()[:KID_LENGTH]
    entry["status"] = ACTIVE
    entry["created"] = now or timezone.now().date().isoformat()
    return entry


def new_key_set() -> dict[str, Any]:
    return {"keys": [new_key_entry()]}


def rotated(data: dict[str, Any]) -> dict[str, Any]:
    """The key set with a new active key; the old ones retired, their private
    halves dropped (nothing signs with them again), their public halves kept."""
    today = timezone.now().date().isoformat()
    kept = []
    for entry in data.get("keys", []):
        entry = {k: v for k, v in entry.items() if k != "d"}
        if entry.get("status") == ACTIVE:
            entry["status"], entry["retired"] = RETIRED, today
        kept.append(entry)
    return {"keys": [new_key_entry(today), *kept]}


def parse_key_set(data: dict[str, Any]) -> KeySet:
    keys = []
    for entry in data.get("keys", []):
        if entry.get("kty") != "OKP" or entry.get("crv") != "Ed25519":
            raise IssuerKeyError("Issuer keys must be Ed25519 (OKP) JWKs.")
        public = {member: entry[member] for member in PUBLIC_MEMBERS}
        private = OKPKey.import_key(dict(entry)) if entry.get("d") else None
        kid = entry.get("kid") or OKPKey.import_key(public).thumbprint()[:KID_LENGTH]
        keys.append(
            IssuerKey(
                kid=kid,
                public_jwk=public,
                status=entry.get("status", ACTIVE if private else RETIRED),
                created=entry.get("created", ""),
                private=private,
            )
        )
    return KeySet(tuple(keys))


def write_key_file(path: Path, data: dict[str, Any]) -> None:
    """Write the key set readable by its owner only, atomically (a crash never
    leaves a half-written file where the app servers read it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".issuer-keys-")
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w") as stream:
            json.dump(data, stream, indent=2)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def configured_source() -> str:
    """Where the key set comes from: "environment", "file", "ephemeral" or ""."""
    if getattr(settings, "PUENTE_ISSUER_KEYS", ""):
        return "environment"
    if getattr(settings, "PUENTE_ISSUER_KEYS_FILE", ""):
        return "file"
    if getattr(settings, "PUENTE_ISSUER_KEYS_EPHEMERAL", False):
        return "ephemeral"
    return ""


def read_key_set_data() -> dict[str, Any]:
    source = configured_source()
    if source == "environment":
        return json.loads(settings.PUENTE_ISSUER_KEYS)
    if source == "file":
        path = Path(settings.PUENTE_ISSUER_KEYS_FILE)
        if not path.exists() and getattr(settings, "PUENTE_ISSUER_KEYS_CREATE", False):
            write_key_file(path, new_key_set())  # dev: a throw-away key, git-ignored
        return json.loads(path.read_text())
    if source == "ephemeral":
        return new_key_set()
    raise IssuerKeyError(
        "No issuer signing key: set PUENTE_ISSUER_KEYS_FILE (or PUENTE_ISSUER_KEYS) "
        "and create the key with `manage.py issuer_keys generate`."
    )


@functools.cache
def get_key_set() -> KeySet:
    """The configured key set, read once per process."""
    try:
        return parse_key_set(read_key_set_data())
    except (OSError, ValueError, KeyError) as error:
        raise IssuerKeyError(f"The issuer key set cannot be read: {error}") from error


def key_set_problem() -> str:
    """Why signing would fail, or "" (for the system check)."""
    try:
        get_key_set().active  # noqa: B018 - raises when there is none
    except IssuerKeyError as error:
        return str(error)
    return ""


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("PUENTE_ISSUER_KEYS"):
        get_key_set.cache_clear()
