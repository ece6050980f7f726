"""Check a certificate PDF: an unaltered file of a revoked, superseded or expired
certificate is recognised as Puente's *and* said to be revoked, superseded or
expired, in the visitor's language; a valid one is said to be valid."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import (
    reissue_certificate,
    render_certificate_file,
    revoke_certificate,
)
from tests.certificates.support import url

pytestmark = pytest.mark.django_db

MATCHES = {
    "en": "This file matches a certificate Puente issued.",
    "es": "Este archivo coincide con una constancia emitida por Puente.",
}
STATES = {
    ("valid", "en"): "This certificate is valid.",
    ("valid", "es"): "Esta constancia es válida.",
    ("revoked", "en"): "This certificate was revoked on",
    ("revoked", "es"): "Esta constancia fue revocada el",
    ("superseded", "en"): "has been replaced by a newer one",
    ("superseded", "es"): "fue sustituida por una más reciente",
    ("expired", "en"): "This certificate was genuine but expired on",
    ("expired", "es"): "Esta constancia fue auténtica, pero venció el",
}
OTHER_STATES = {"valid", "revoked", "superseded", "expired"}


def make_state(certificate, state, program_admin):
    if state == "revoked":
        revoke_certificate(certificate, by=program_admin, reason="Datos falsos")
    elif state == "superseded":
        reissue_certificate(certificate, by=program_admin, reason="Nombre corregido")
    elif state == "expired":
        Certificate.objects.filter(pk=certificate.pk).update(
            expires_at=timezone.now() - timedelta(days=3)
        )
    certificate.refresh_from_db()
    assert certificate.verification_state == state


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("state", ["valid", "revoked", "superseded", "expired"])
def test_a_matching_file_says_what_became_of_its_certificate(
    client, certificate, program_admin, state, language
):
    original = render_certificate_file(certificate, language="both", paper="a4")
    make_state(certificate, state, program_admin)
    response = client.post(
        url("certificates:check_pdf", lang=language),
        {"pdf": SimpleUploadedFile("c.pdf", original, "application/pdf")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert MATCHES[language] in html
    assert STATES[state, language] in html
    for other in OTHER_STATES - {state}:
        assert STATES[other, language] not in html
    assert f"verify-result--{state}" in html
    if state == "revoked":
        date = html.split(STATES[state, language], 1)[1].split("</strong>")[0]
        assert str(timezone.localdate().year) in date
