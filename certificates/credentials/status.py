"""The Bitstring Status List credentials (revocation): one bit per certificate at
the index its primary key gives; set when a certificate is revoked or replaced.
Built from the database, signed, and kept in the cache until a certificate's status
changes (``certificate_event``, after commit). Called by the status-list view and
the verifier.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from certificates.credentials import links
from certificates.credentials.builder import VC_CONTEXT, timestamp
from certificates.credentials.jose import sign_compact
from certificates.credentials.keys import get_key_set
from certificates.models import Certificate, CertificateStatus

VERSION_KEY = "certificates:status-list:version"
CACHE_SECONDS = 24 * 60 * 60
MARKED = (CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED)


@dataclass(frozen=True)
class StatusList:
    number: int
    jws: str
    built_at: datetime
    etag: str


def encode_bits(indexes: list[int], size: int = links.STATUS_LIST_SIZE) -> str:
    """Multibase base64url (``u``) of the GZIP of the bitstring; index 0 is the
    leftmost bit of the first byte (Bitstring Status List v1.0, section 3.2)."""
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same bits always compress to the same bytes.
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode_bits(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not multibase base64url")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise ValueError("index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def is_list_in_use(number: int) -> bool:
    """Whether any certificate has its bit in list ``number`` (others are 404s, so
    nobody fills the cache with lists that will never exist)."""
    first = number * links.STATUS_LIST_SIZE
    return Certificate.objects.filter(
        pk__gte=first, pk__lt=first + links.STATUS_LIST_SIZE
    ).exists()


def marked_indexes(number: int) -> list[int]:
    first = number * links.STATUS_LIST_SIZE
    pks = Certificate.objects.filter(
        pk__gte=first, pk__lt=first + links.STATUS_LIST_SIZE, status__in=MARKED
    ).values_list("pk", flat=True)
    return sorted(pk - first for pk in pks)


def status_list_credential(number: int, built_at: datetime) -> dict[str, Any]:
    url = links.status_list_url(number)
    issued = timestamp(built_at)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": links.issuer_id(),
        "validFrom": issued,
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bits(marked_indexes(number)),
        },
        "iss": links.issuer_id(),
        "jti": url,
        "nbf": int(built_at.timestamp()),
    }


def _version() -> int:
    return int(cache.get_or_set(VERSION_KEY, 1, timeout=None) or 1)


def get_status_list(number: int) -> StatusList:
    """The signed list, from the cache unless a status changed since it was built."""
    key = f"certificates:status-list:{_version()}:{number}"
    cached = cache.get(key)
    if cached is not None:
        return StatusList(**cached)
    built_at = timezone.now().replace(microsecond=0)
    signer = get_key_set().active
    assert signer.private is not None
    jws = sign_compact(
        {"kid": links.key_url(signer.kid), "typ": "JWT"},
        status_list_credential(number, built_at),
        signer.private,
    )
    etag = '"' + hashlib.sha256(jws.encode()).hexdigest()[:32] + '"'
    built = StatusList(number=number, jws=jws, built_at=built_at, etag=etag)
    cache.set(key, built.__dict__, timeout=CACHE_SECONDS)
    return built


def invalidate_status_lists() -> None:
    """Every list is built again on its next request (a status changed)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
