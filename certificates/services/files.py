"""A certificate's PDF files: rendered once per variant (language × paper), kept in
the default storage under their SHA-256 and handed out as stored; and finding the
certificate an uploaded PDF was handed out for. Called by the downloads, the e-mails,
the ZIP and the "check a PDF" form.
"""

from __future__ import annotations

import hashlib
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from certificates.credentials.pdf_embed import ATTACHMENT_SUFFIX, attach_credential
from certificates.credentials.signing import enveloped, get_signed_credential
from certificates.models import Certificate, IssuedFile
from certificates.pdf import render_certificate_pdf
from certificates.services.links import verification_url


def render_certificate_file(
    certificate: Certificate, *, language: str | None = None, paper: str | None = None
) -> bytes:
    """A PDF variant of the certificate, rendered once and then handed out as stored.

    The first rendering of a variant (usually by the issue e-mail's task, on the
    worker) is kept in the default storage under its SHA-256, and its hash is
    remembered for the "check a PDF" form. Later downloads and ZIPs read those bytes
    (one query and a file read instead of ~18 ms of fonts, QR code and images), so
    the holder's file, every download and every ZIP are the same document.
    """
    language = language or certificate.language
    paper = paper or certificate.paper
    digest = (
        IssuedFile.objects.filter(
            certificate=certificate, language=language, paper=paper
        )
        .order_by("pk")
        .values_list("sha256", flat=True)
        .first()
    )
    if digest is not None:
        data = _read_stored_pdf(digest)
        if data is not None:
            return data

    data = render_signed_pdf(certificate, language=language, paper=paper)
    digest = hashlib.sha256(data).hexdigest()
    IssuedFile.objects.get_or_create(
        sha256=digest,
        defaults={"certificate": certificate, "language": language, "paper": paper},
    )
    _store_pdf(digest, data)
    return data


def render_signed_pdf(certificate: Certificate, *, language: str, paper: str) -> bytes:
    """The drawn certificate, with the offline QR code beside the verification one
    and the signed credential embedded (the hash kept is of this, the file handed
    out)."""
    credential, offline = get_signed_credential(certificate)
    data = render_certificate_pdf(
        certificate,
        verification_url=verification_url(certificate, language),
        language=language,
        paper=paper,
        offline_payload=offline,
    )
    content = json.dumps(enveloped(credential), indent=2).encode()
    return attach_credential(data, f"{certificate.serial}{ATTACHMENT_SUFFIX}", content)


def _stored_pdf_name(digest: str) -> str:
    # Never served by the web server (docs/deployment.md: only media/images/ is).
    return f"certificates/issued/{digest}.pdf"


def _read_stored_pdf(digest: str) -> bytes | None:
    name = _stored_pdf_name(digest)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    # A damaged or replaced file is rendered again rather than handed out.
    return data if hashlib.sha256(data).hexdigest() == digest else None


def _store_pdf(digest: str, data: bytes) -> None:
    name = _stored_pdf_name(digest)
    if default_storage.exists(name):
        default_storage.delete(name)  # damaged (it did not match its hash)
    default_storage.save(name, ContentFile(data))


def find_issued_file(data: bytes) -> IssuedFile | None:
    digest = hashlib.sha256(data).hexdigest()
    return (
        IssuedFile.objects.select_related("certificate").filter(sha256=digest).first()
    )
