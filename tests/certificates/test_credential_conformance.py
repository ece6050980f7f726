"""Conformance of the signed credential: it validates against 1EdTech's OB 3.0 JSON
schema (shipped in tests/certificates/schema/, never fetched), its signature
verifies with implementations other than the signer's (PyJWT; ``cryptography``
directly over the JWS signing input), and a tampered field, a wrong key, an expired
credential and a revoked one each fail with their own message, in both languages."""

import base64
import json
from datetime import timedelta
from pathlib import Path

import jwt
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils import timezone, translation
from jsonschema import Draft201909Validator, FormatChecker

from certificates.credentials import links
from certificates.credentials.jose import sign_compact
from certificates.credentials.keys import get_key_set, new_key_entry, parse_key_set
from certificates.credentials.signing import get_signed_credential
from certificates.credentials.verifying import verify_token
from certificates.models import Certificate
from certificates.services import revoke_certificate
from tests.certificates.support import credential_payload, replace_payload

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (
        Path(__file__).parent / "schema" / "ob_v3p0_achievementcredential_schema.json"
    ).read_text()
)


def b64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_the_credential_validates_against_the_ob30_schema(certificate):
    token, _offline = get_signed_credential(certificate)
    credential = credential_payload(token)
    validator = Draft201909Validator(SCHEMA, format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(credential)] == []
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert "OpenBadgeCredential" in credential["type"]


def test_the_schema_is_not_a_rubber_stamp(certificate):
    token, _offline = get_signed_credential(certificate)
    credential = credential_payload(token)
    del credential["credentialSubject"]["achievement"]["criteria"]
    credential["credentialSubject"]["identifier"][0]["identityType"] = "shoe size"
    validator = Draft201909Validator(SCHEMA, format_checker=FormatChecker())
    assert len(list(validator.iter_errors(credential))) >= 2


def test_pyjwt_verifies_what_joserfc_signed(certificate, client):
    token, _offline = get_signed_credential(certificate)
    header = jwt.get_unverified_header(token)
    published = client.get("/.well-known/jwks.json").json()
    jwk = next(k for k in published["keys"] if k["kid"] == header["kid"])
    key = jwt.PyJWK(jwk, algorithm="EdDSA")
    claims = jwt.decode(
        token, key=key, algorithms=["EdDSA"], options={"verify_aud": False}
    )
    assert claims["jti"] == claims["id"]
    assert claims["iss"] == claims["issuer"]["id"]
    assert claims["sub"] == claims["credentialSubject"]["id"]
    assert header == {"alg": "EdDSA", "kid": header["kid"], "typ": "JWT"}


def test_cryptography_verifies_the_signing_input_directly(certificate, client):
    token, offline = get_signed_credential(certificate)
    jwk = client.get("/.well-known/jwks.json").json()["keys"][0]
    public = Ed25519PublicKey.from_public_bytes(b64(jwk["x"]))
    for compact in (token, offline):
        head, body, signature = compact.split(".")
        public.verify(b64(signature), f"{head}.{body}".encode())  # raises if wrong
    head, body, signature = token.split(".")
    with pytest.raises(InvalidSignature):
        public.verify(b64(signature), f"{head}.{body}x".encode())


def test_a_wrong_public_key_fails_in_pyjwt_too(certificate):
    token, _offline = get_signed_credential(certificate)
    stranger = parse_key_set({"keys": [new_key_entry()]}).keys[0]
    key = jwt.PyJWK(stranger.public_jwk, algorithm="EdDSA")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, key=key, algorithms=["EdDSA"], options={"verify_exp": False})


FAILURES = {
    ("tampered", "en"): "The signature does not match",
    ("tampered", "es"): "La firma no coincide",
    ("wrong_key", "en"): "not signed with any key Puente publishes",
    ("wrong_key", "es"): "no se firmó con ninguna llave que Puente publique",
    ("expired", "en"): "Expired on",
    ("expired", "es"): "Venció el",
    ("revoked", "en"): "Revoked: Puente withdrew or replaced this credential",
    ("revoked", "es"): "Revocada: Puente retiró o sustituyó esta credencial",
}


def _failing(case, certificate, admin):
    token, _offline = get_signed_credential(certificate)
    if case == "tampered":
        payload = credential_payload(token)
        payload["credentialSubject"]["achievement"]["creditsAvailable"] = 400.0
        return replace_payload(token, payload), "signature"
    if case == "wrong_key":
        stranger = parse_key_set({"keys": [new_key_entry()]}).active
        forged = sign_compact(
            {"kid": links.key_url(stranger.kid), "typ": "JWT"},
            credential_payload(token),
            stranger.private,
        )
        return forged, "issuer"
    if case == "expired":
        Certificate.objects.filter(pk=certificate.pk).update(
            expires_at=timezone.now() - timedelta(days=1),
            credential_jws="",
            offline_jws="",
        )
        certificate.refresh_from_db()
        return get_signed_credential(certificate)[0], "expiry"
    revoke_certificate(certificate, by=admin, reason="Fraud")
    return token, "status"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("case", ["tampered", "wrong_key", "expired", "revoked"])
def test_each_failure_has_its_own_message(
    case, language, certificate, program_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        token, failing_line = _failing(case, certificate, program_admin)
    report = verify_token(token)
    assert not report.valid
    with translation.override(language):
        failed = [line.message for line in report.lines if line.ok is False]
        assert len(failed) == 1
        assert FAILURES[(case, language)] in failed[0]
        assert getattr(report, failing_line).ok is False
    # The other failures' messages are not what this case shows.
    others = {v for (c, lang), v in FAILURES.items() if c != case and lang == language}
    assert not any(text in failed[0] for text in others)


def test_a_valid_credential_passes_every_check(certificate):
    token, offline = get_signed_credential(certificate)
    for compact in (token, offline):
        report = verify_token(compact)
        assert report.valid, [line.code for line in report.lines]
    assert get_key_set().active.kid in verify_token(token).issuer.message
