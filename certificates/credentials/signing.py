"""Signing a certificate's credential and its offline payload with the issuer's
active key, once: the first rendering of a PDF (usually the issue e-mail's, on the
worker) or the first download stores both, and later ones hand the stored text out,
so issuing costs no signature and rotation never changes what a holder has.
"""

from __future__ import annotations

from typing import Any

from certificates.credentials import links
from certificates.credentials.builder import build_credential, offline_claims
from certificates.credentials.jose import sign_compact
from certificates.credentials.keys import get_key_set
from certificates.models import Certificate

VC_MEDIA_TYPE = "application/vc+jwt"
# OB 3.0 allows only alg, kid, jwk and typ ("JWT") in the header (section 8.2.3).
CREDENTIAL_TYP = "JWT"


def sign_credential(certificate: Certificate) -> str:
    key = get_key_set().active
    assert key.private is not None
    header = {"kid": links.key_url(key.kid), "typ": CREDENTIAL_TYP}
    return sign_compact(header, build_credential(certificate), key.private)


def sign_offline_payload(certificate: Certificate) -> str:
    key = get_key_set().active
    assert key.private is not None
    return sign_compact({"kid": key.kid}, offline_claims(certificate), key.private)


def get_signed_credential(certificate: Certificate) -> tuple[str, str]:
    """(credential JWS, offline JWS), signed and stored the first time.

    The first signature stored wins: a concurrent signer's update finds the field
    filled and reads the stored one instead.
    """
    if certificate.credential_jws and certificate.offline_jws:
        return certificate.credential_jws, certificate.offline_jws
    credential, offline = (
        sign_credential(certificate),
        sign_offline_payload(certificate),
    )
    stored = Certificate.objects.filter(pk=certificate.pk, credential_jws="").update(
        credential_jws=credential, offline_jws=offline
    )
    if not stored:
        credential, offline = Certificate.objects.values_list(
            "credential_jws", "offline_jws"
        ).get(pk=certificate.pk)
    certificate.credential_jws, certificate.offline_jws = credential, offline
    return credential, offline


def enveloped(credential_jws: str) -> dict[str, Any]:
    """The signed credential as VC Data Model 2.0 JSON (an enveloped credential)."""
    return {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "id": f"data:{VC_MEDIA_TYPE},{credential_jws}",
        "type": "EnvelopedVerifiableCredential",
    }
