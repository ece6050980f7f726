"""Reading what a verifier was given: a PDF with the credential embedded, the
credential JSON (enveloped, an OB 3.0 API response, or a JWS in a JSON string) or
the bare JWS text, into the compact JWS it carries. Refusals are
``CredentialInputError``s with a code and a message in the reader's language.
Called by the verification page and ``manage.py verify_credential``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from certificates.credentials.pdf_embed import credential_attachments
from lms.errors import PuenteError

COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
ENVELOPE_PREFIX = "data:application/vc+jwt,"

TOO_LARGE = "too_large"
EMPTY = "empty"
BROKEN_JSON = "broken_json"
UNREADABLE_PDF = "unreadable_pdf"
PDF_WITHOUT_CREDENTIAL = "pdf_without_credential"
NOT_A_CREDENTIAL = "not_a_credential"
UNSIGNED = "unsigned"


class CredentialInputError(PuenteError):
    code = NOT_A_CREDENTIAL
    message = _("This is not a credential Puente can read.")


MESSAGES = {
    TOO_LARGE: _("The file is too large to be a credential."),
    EMPTY: _("Choose a file or paste a credential to check."),
    BROKEN_JSON: _("The file looks like JSON but cannot be read: it is damaged."),
    UNREADABLE_PDF: _("The PDF cannot be read: it is damaged or not a PDF."),
    PDF_WITHOUT_CREDENTIAL: _(
        "This PDF carries no signed credential. Certificates issued before "
        "credentials existed can be checked with the check-a-PDF form."
    ),
    NOT_A_CREDENTIAL: _("This is not a credential Puente can read."),
    UNSIGNED: _(
        "This credential carries no signature, so nothing proves who issued it."
    ),
}


def refuse(code: str) -> CredentialInputError:
    return CredentialInputError(MESSAGES[code], code=code)


def _from_json(value: Any) -> str:
    if isinstance(value, str):
        token = value.strip().removeprefix(ENVELOPE_PREFIX)
        if COMPACT_JWS.match(token):
            return token
        raise refuse(NOT_A_CREDENTIAL)
    if isinstance(value, dict):
        if value.get("type") == "EnvelopedVerifiableCredential":
            return _from_json(str(value.get("id", "")))
        for field in ("compactJwsStrings", "compactJwsString", "credential", "jws"):
            if field in value:
                inner = value[field]
                return _from_json(
                    inner[0] if isinstance(inner, list) and inner else inner
                )
        if "credentialSubject" in value:
            raise refuse(UNSIGNED)
    raise refuse(NOT_A_CREDENTIAL)


def read_credential_token(data: bytes, *, max_bytes: int) -> str:
    """The compact JWS in ``data`` (a PDF, JSON or JWS text)."""
    if len(data) > max_bytes:
        raise refuse(TOO_LARGE)
    if not data.strip():
        raise refuse(EMPTY)
    if data.lstrip().startswith(b"%PDF"):
        try:
            embedded = credential_attachments(data)
        except ValueError as error:
            raise refuse(UNREADABLE_PDF) from error
        if not embedded:
            raise refuse(PDF_WITHOUT_CREDENTIAL)
        return read_credential_token(embedded[0], max_bytes=max_bytes)
    try:
        text = data.decode("utf-8").strip().lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise refuse(NOT_A_CREDENTIAL) from error
    if COMPACT_JWS.match(text.removeprefix(ENVELOPE_PREFIX)):
        return text.removeprefix(ENVELOPE_PREFIX)
    if text[:1] in '{["':
        try:
            value = json.loads(text)
        except ValueError as error:
            raise refuse(BROKEN_JSON) from error
        return _from_json(value)
    raise refuse(NOT_A_CREDENTIAL)
