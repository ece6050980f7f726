"""Checking a credential as a verifier would: the verification page (a credential
JSON, a bare JWS, a certificate PDF or the offline payload) reports in the visitor's
language whether the signature is valid, the issuer known, the dates current and
the status not revoked, and what it claims; bad input is a 4xx with a message,
never a 500; the page is rate limited like the other verification pages; and
``manage.py verify_credential`` does the same from files, offline included."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from certificates.credentials import links
from certificates.credentials.signing import enveloped, get_signed_credential
from certificates.services import render_certificate_file, revoke_certificate
from tests.certificates.support import credential_payload, replace_payload, url

pytestmark = pytest.mark.django_db

VALID = {"en": "This credential is valid.", "es": "Esta credencial es válida."}
SIGNATURE_OK = {
    "en": "The signature is valid",
    "es": "La firma es válida",
}


def post(client, language, **data):
    return client.post(url("certificates:verify_credential", lang=language), data)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("form", ["json", "jws", "pdf", "offline", "pasted"])
def test_a_genuine_credential_passes_in_every_form(client, certificate, language, form):
    token, offline = get_signed_credential(certificate)
    if form == "json":
        data = {"file": upload("c.json", json.dumps(enveloped(token)).encode())}
    elif form == "jws":
        data = {"file": upload("c.jwt", token.encode())}
    elif form == "pdf":
        pdf = render_certificate_file(certificate, language=language)
        data = {"file": upload("c.pdf", pdf, "application/pdf")}
    elif form == "offline":
        data = {"text": offline}
    else:
        data = {"text": json.dumps(enveloped(token))}
    response = post(client, language, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert VALID[language] in html
    assert SIGNATURE_OK[language] in html
    assert certificate.learner_name.replace("'", "&#x27;") in html
    assert str(certificate.credit_hours).removesuffix(".0") in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_revoked_credential_says_so_with_the_list_date(
    client, certificate, program_admin, language, django_capture_on_commit_callbacks
):
    token, _offline = get_signed_credential(certificate)
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(certificate, by=program_admin, reason="Fraud")
    html = post(client, language, text=token).content.decode()
    assert VALID[language] not in html
    expected = {"en": "status list read on", "es": "lista de estado consultada el"}
    assert expected[language] in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_tampered_credential_claims_nothing(client, certificate, language):
    token, _offline = get_signed_credential(certificate)
    payload = credential_payload(token)
    payload["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    html = post(client, language, text=replace_payload(token, payload)).content.decode()
    assert {"en": "The signature does not match", "es": "La firma no coincide"}[
        language
    ] in html
    assert "Someone Else" not in html  # an unverified claim is never shown


BAD_INPUT = {
    ("wrong_type", "en"): "not a credential Puente can read",
    ("wrong_type", "es"): "no es una credencial que Puente pueda leer",
    ("broken_json", "en"): "cannot be read: it is damaged",
    ("broken_json", "es"): "no se puede leer: está dañado",
    ("pdf_without", "en"): "carries no signed credential",
    ("pdf_without", "es"): "no contiene una credencial firmada",
    ("broken_pdf", "en"): "The PDF cannot be read",
    ("broken_pdf", "es"): "El PDF no se puede leer",
    ("unsigned", "en"): "carries no signature",
    ("unsigned", "es"): "no tiene firma",
    ("empty", "en"): "Choose a file or paste a credential",
    ("empty", "es"): "Elija un archivo o pegue una credencial",
    ("huge", "en"): "too large to be a credential",
    ("huge", "es"): "demasiado grande para ser una credencial",
}


def _bad(case, certificate):
    token, _offline = get_signed_credential(certificate)
    if case == "wrong_type":
        return {"file": upload("cat.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)}
    if case == "broken_json":
        return {"file": upload("c.json", b'{"type": "EnvelopedVerifiableCredential",')}
    if case == "pdf_without":
        from certificates.pdf import render_certificate_pdf

        plain = render_certificate_pdf(certificate, verification_url="https://x.test/")
        return {"file": upload("c.pdf", plain, "application/pdf")}
    if case == "broken_pdf":
        return {"file": upload("c.pdf", b"%PDF-1.7\n" + b"garbage" * 50)}
    if case == "unsigned":
        return {"text": json.dumps(credential_payload(token))}
    if case == "empty":
        return {"text": ""}
    return {"file": upload("big.pdf", b"%PDF-1.7\n" + b"0" * 4096)}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    "case",
    [
        "wrong_type",
        "broken_json",
        "pdf_without",
        "broken_pdf",
        "unsigned",
        "empty",
        "huge",
    ],
)
@override_settings(PUENTE_CERTIFICATE_MAX_CREDENTIAL_UPLOAD_BYTES=2048)
def test_bad_input_is_a_4xx_with_a_message(client, certificate, case, language):
    if case != "huge":
        with override_settings(PUENTE_CERTIFICATE_MAX_CREDENTIAL_UPLOAD_BYTES=10**7):
            response = post(client, language, **_bad(case, certificate))
    else:
        response = post(client, language, **_bad(case, certificate))
    assert 400 <= response.status_code < 500
    assert BAD_INPUT[(case, language)] in response.content.decode()


@override_settings(PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT=(2, 60))
def test_the_page_is_rate_limited_per_client(client, certificate):
    token, _offline = get_signed_credential(certificate)
    for _ in range(2):
        assert post(client, "en", text=token).status_code == 200
    limited = post(client, "en", text=token)
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    other = client.post(
        url("certificates:verify_credential"),
        {"text": token},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 200


def test_the_form_is_shown_in_both_languages(client):
    assert (
        "Check a signed credential"
        in client.get(url("certificates:verify_credential")).content.decode()
    )
    assert (
        "Verificar una credencial firmada"
        in client.get(url("certificates:verify_credential", lang="es")).content.decode()
    )


def command(*args):
    out = StringIO()
    call_command("verify_credential", *args, stdout=out)
    return out.getvalue()


def test_the_command_checks_a_pdf_json_and_jws(tmp_path, certificate):
    token, offline = get_signed_credential(certificate)
    files = {
        "c.pdf": render_certificate_file(certificate),
        "c.json": json.dumps(enveloped(token)).encode(),
        "c.jwt": token.encode(),
        "offline.txt": offline.encode(),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        output = command(str(tmp_path / name))
        assert output.count("[ok]") == 4, output
        assert certificate.learner_name in output
    spanish = command(str(tmp_path / "c.jwt"), "--language", "es")
    assert "La firma es válida" in spanish


def test_the_command_verifies_offline_from_downloaded_files(
    tmp_path, certificate, client, program_admin, django_capture_on_commit_callbacks
):
    token, offline = get_signed_credential(certificate)
    (tmp_path / "jwks.json").write_bytes(client.get("/.well-known/jwks.json").content)
    number, _index = links.status_list_position(certificate.pk)
    status_path = links.status_list_url(number).removeprefix("http://127.0.0.1:8000")
    (tmp_path / "status.jwt").write_bytes(client.get(status_path).content)
    (tmp_path / "offline.txt").write_text(offline)
    args = [
        "--jwks",
        str(tmp_path / "jwks.json"),
        "--status-list",
        str(tmp_path / "status.jwt"),
    ]
    assert command(str(tmp_path / "offline.txt"), *args).count("[ok]") == 4
    # Without a status list the revocation check is reported as not done.
    partial = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "verify_credential",
            str(tmp_path / "offline.txt"),
            "--jwks",
            str(tmp_path / "jwks.json"),
            stdout=partial,
        )
    assert "[not checked]" in partial.getvalue()

    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(certificate, by=program_admin, reason="Fraud")
    (tmp_path / "status.jwt").write_bytes(client.get(status_path).content)
    (tmp_path / "c.jwt").write_text(token)
    failed = StringIO()
    with pytest.raises(CommandError, match="not valid"):
        call_command("verify_credential", str(tmp_path / "c.jwt"), *args, stdout=failed)
    assert "Revoked" in failed.getvalue()


def test_the_command_refuses_what_is_not_a_credential(tmp_path):
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(CommandError, match="not a credential"):
        command(str(tmp_path / "x.txt"))
