"""Checking a signed credential or offline payload: the signature against the keys
Puente publishes, the issuer, the dates and the revocation status list; a report of
four lines (each with its own message, in the reader's language) and exactly what
it claims. Keys and status lists come from this installation, or from files a
verifier downloaded (``keys_from_jwks``, ``status_from_file``), so it runs offline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from joserfc.jwk import OKPKey

from certificates.credentials import links
from certificates.credentials.builder import CREDENTIAL_TYPE
from certificates.credentials.jose import BadSignature, read_unverified, verify_compact
from certificates.credentials.keys import get_key_set
from certificates.credentials.status import decode_bits, get_status_list, is_set

STATUS_URL = re.compile(r"/issuer/status/(\d+)$")


@dataclass(frozen=True)
class PublishedKey:
    kid: str  # as published: the key's URL
    key: OKPKey
    issuer: str

    def matches(self, kid: str) -> bool:
        return bool(kid) and (self.kid == kid or self.kid.endswith(f"/keys/{kid}"))


def local_keys() -> list[PublishedKey]:
    return [
        PublishedKey(links.key_url(k.kid), k.public_key, links.issuer_id())
        for k in get_key_set().keys
    ]


def keys_from_jwks(data: dict[str, Any]) -> list[PublishedKey]:
    """Keys from a downloaded JWK set; each key's issuer is the profile its URL
    sits under (``<issuer>keys/<kid>``)."""
    keys = []
    for jwk in data.get("keys", []):
        kid = str(jwk.get("kid", ""))
        public = {m: jwk[m] for m in ("kty", "crv", "x") if m in jwk}
        keys.append(
            PublishedKey(kid, OKPKey.import_key(public), kid.rsplit("keys/", 1)[0])
        )
    return keys


# A status source gives (bitstring, when it was read) for a list URL, or None.
StatusSource = Callable[[str], tuple[bytes, datetime] | None]


def local_status(url: str) -> tuple[bytes, datetime] | None:
    found = STATUS_URL.search(url)
    if found is None or url != links.status_list_url(int(found.group(1))):
        return None
    status_list = get_status_list(int(found.group(1)))
    _header, payload = read_unverified(status_list.jws)
    return decode_bits(payload["credentialSubject"]["encodedList"]), timezone.now()


def status_from_file(token: str, keys: list[PublishedKey]) -> StatusSource:
    """A status list credential a verifier downloaded, checked with ``keys``."""
    header, _payload = read_unverified(token)
    key = next((k for k in keys if k.matches(str(header.get("kid", "")))), None)
    if key is None:
        raise ValueError("the status list is not signed by a published key")
    payload = verify_compact(token, key.key)
    read_at = datetime.fromtimestamp(int(payload.get("nbf", 0)), tz=UTC)
    bits = decode_bits(payload["credentialSubject"]["encodedList"])

    def source(url: str) -> tuple[bytes, datetime] | None:
        return (bits, read_at) if url == payload.get("id") else None

    return source


MESSAGES = {
    "signature_valid": _("The signature is valid: nothing was changed since signing."),
    "signature_invalid": _(
        "The signature does not match: the credential was changed after it was "
        "signed, or it is a forgery."
    ),
    "signature_unchecked": _("The signature could not be checked."),
    "issuer_known": _("Issued by %(issuer)s, signed with its published key %(kid)s."),
    "key_unknown": _("It was not signed with any key Puente publishes."),
    "issuer_mismatch": _("It names an issuer other than the owner of the key."),
    "not_expired": _("Not expired: valid until %(date)s."),
    "no_expiry": _("Not expired: it has no expiry date."),
    "expired": _("Expired on %(date)s."),
    "not_yet_valid": _("Not valid yet: valid from %(date)s."),
    "status_valid": _("Not revoked (status list read on %(date)s)."),
    "status_revoked": _(
        "Revoked: Puente withdrew or replaced this credential (status list read "
        "on %(date)s)."
    ),
    "status_unknown": _("The revocation status could not be checked."),
    "not_checked": _("Not checked, because the signature could not be trusted."),
}


@dataclass
class Line:
    code: str
    ok: bool | None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        values = {}
        for name, value in self.params.items():
            if isinstance(value, datetime):
                value = formats.date_format(
                    timezone.localtime(value), "DATETIME_FORMAT"
                )
            values[name] = value
        return str(MESSAGES[self.code]) % values if values else str(MESSAGES[self.code])


@dataclass
class Report:
    kind: str  # "credential" or "offline"
    signature: Line
    issuer: Line
    expiry: Line
    status: Line
    payload: dict[str, Any]

    @property
    def lines(self) -> list[Line]:
        return [self.signature, self.issuer, self.expiry, self.status]

    @property
    def valid(self) -> bool:
        return all(line.ok for line in self.lines)


def _moment(seconds: object) -> datetime | None:
    return datetime.fromtimestamp(int(seconds), tz=UTC) if seconds else None  # type: ignore[call-overload]


def _dates(payload: dict[str, Any], now: datetime) -> Line:
    starts, ends = _moment(payload.get("nbf")), _moment(payload.get("exp"))
    if starts and starts > now:
        return Line("not_yet_valid", False, {"date": starts})
    if ends is None:
        return Line("no_expiry", True)
    if ends <= now:
        return Line("expired", False, {"date": ends})
    return Line("not_expired", True, {"date": ends})


def _status(url: str, index: int, source: StatusSource | None) -> Line:
    found = source(url) if source and url else None
    if found is None:
        return Line("status_unknown", None)
    bits, read_at = found
    try:
        revoked = is_set(bits, index)
    except ValueError:
        return Line("status_unknown", None)
    return Line(
        "status_revoked" if revoked else "status_valid", not revoked, {"date": read_at}
    )


def _status_target(payload: dict[str, Any], kind: str) -> tuple[str, int]:
    if kind == "offline":
        number, index = links.status_list_position(int(payload.get("si", -1)))
        return links.status_list_url(number) if index >= 0 else "", index
    status = payload.get("credentialStatus") or {}
    if not isinstance(status, dict) or status.get("statusPurpose") != "revocation":
        return "", -1
    try:
        return str(status.get("statusListCredential", "")), int(
            status["statusListIndex"]
        )
    except (KeyError, TypeError, ValueError):
        return "", -1


def verify_token(
    token: str,
    *,
    keys: list[PublishedKey] | None = None,
    status: StatusSource | None = local_status,
    now: datetime | None = None,
) -> Report:
    """Check a compact JWS (credential or offline payload); ValueError when it is
    not a Puente credential at all."""
    now = now or timezone.now()
    header, unverified = read_unverified(token)
    types = unverified.get("type") or []
    kind = "credential" if CREDENTIAL_TYPE in types else "offline"
    if kind == "offline" and not {"jti", "n", "c"} <= set(unverified):
        raise ValueError("neither a credential nor an offline payload")
    skipped = Line("not_checked", None)
    keys = local_keys() if keys is None else keys
    key = next((k for k in keys if k.matches(str(header.get("kid", "")))), None)
    if key is None:
        return Report(
            kind,
            Line("signature_unchecked", None),
            Line("key_unknown", False),
            skipped,
            skipped,
            unverified,
        )
    try:
        payload = verify_compact(token, key.key)
    except BadSignature:
        return Report(
            kind,
            Line("signature_invalid", False),
            skipped,
            skipped,
            skipped,
            unverified,
        )
    issuer_id = payload.get("iss")
    if kind == "credential":
        declared = (payload.get("issuer") or {}).get("id")
        issuer_ok = issuer_id == key.issuer and declared == issuer_id
    else:
        issuer_ok = issuer_id == key.issuer
    issuer = (
        Line("issuer_known", True, {"issuer": issuer_id, "kid": key.kid})
        if issuer_ok
        else Line("issuer_mismatch", False)
    )
    url, index = _status_target(payload, kind)
    return Report(
        kind,
        Line("signature_valid", True),
        issuer,
        _dates(payload, now),
        _status(url, index, status),
        payload,
    )
