"""The one place that calls the JOSE library (joserfc): compact JWS signing and
verification with EdDSA over Ed25519, header parsing without trusting it. Called by
the signer, the status list and the verifier.
"""

from __future__ import annotations

import base64
import json
import warnings
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

# "EdDSA" is what OB 3.0 and VC-JOSE-COSE verifiers read today; RFC 9864's fully
# specified "Ed25519" is accepted when verifying.
SIGNING_ALG = "EdDSA"
ACCEPTED_ALGS = ["EdDSA", "Ed25519"]


class BadSignature(Exception):
    """The JWS does not verify with the key it was checked against."""


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same claims always give the same bytes."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def sign_compact(header: dict[str, str], payload: Any, key: OKPKey) -> str:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*EdDSA is deprecated.*")
        return jws.serialize_compact(
            {"alg": SIGNING_ALG, **header},
            canonical_json(payload),
            key,
            algorithms=[SIGNING_ALG],
        )


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def read_unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header and payload of a compact JWS, parsed but not trusted; ValueError when
    it is not one."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise ValueError("not a compact JWS")
    try:
        header = json.loads(_b64decode(parts[0]))
        payload = json.loads(_b64decode(parts[1]))
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError("not a compact JWS") from error
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise ValueError("not a compact JWS")
    return header, payload


def verify_compact(token: str, key: OKPKey) -> dict[str, Any]:
    """The payload of ``token`` if its signature verifies with ``key``."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*EdDSA is deprecated.*")
            result = jws.deserialize_compact(token, key, algorithms=ACCEPTED_ALGS)
    except (JoseError, ValueError) as error:
        raise BadSignature(str(error)) from error
    payload = json.loads(result.payload)
    if not isinstance(payload, dict):
        raise BadSignature("payload is not an object")
    return payload
