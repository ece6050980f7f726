"""The signed credential for people: the holder downloads it (JSON) from the
dashboard or the certificate page, and anyone checks one (a credential JSON, a JWS
or a certificate PDF) on the verification page, rate limited like the other
verification pages. Thin: reading and checking live in ``certificates.credentials``.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from certificates import app_settings
from certificates.credentials.claims import claimed_rows
from certificates.credentials.reading import (
    CredentialInputError,
    read_credential_token,
    refuse,
)
from certificates.credentials.signing import enveloped, get_signed_credential
from certificates.credentials.verifying import verify_token
from certificates.models import CertificateStatus
from certificates.views import CODE_PATTERN, is_rate_limited, too_many_response


@login_required
def download_credential(request: HttpRequest, code: str) -> HttpResponse:
    """The signed-in holder's own valid certificate as a signed credential (VC Data
    Model 2.0 enveloped JSON); anyone else's is a 404."""
    certificate = (
        request.user.certificates.filter(
            code=code, status=CertificateStatus.VALID
        ).first()
        if CODE_PATTERN.match(code)
        else None
    )
    if certificate is None:
        raise Http404
    credential, _offline = get_signed_credential(certificate)
    body = json.dumps(enveloped(credential), indent=2).encode()
    response = HttpResponse(body, content_type="application/json")
    filename = f"{certificate.serial}-credential.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class VerifyCredentialForm(forms.Form):
    file = forms.FileField(
        label=_("Credential or certificate PDF"),
        help_text=_("A credential (.json or .jwt) or a certificate PDF from Puente."),
        required=False,
    )
    text = forms.CharField(
        label=_("Or paste the credential"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        required=False,
        max_length=200_000,
    )

    def read(self) -> bytes:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            if upload.size > app_settings.max_credential_upload_bytes():
                raise refuse("too_large")
            return upload.read()
        return (self.cleaned_data.get("text") or "").encode()


@require_http_methods(["GET", "POST"])
def verify_credential(request: HttpRequest) -> HttpResponse:
    form = VerifyCredentialForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    status = 200
    if request.method == "POST":
        if is_rate_limited(request):
            return too_many_response(request)
        try:
            if not form.is_valid():
                raise refuse("not_a_credential")
            token = read_credential_token(
                form.read(), max_bytes=app_settings.max_credential_upload_bytes()
            )
            try:
                report = verify_token(token)
            except (ValueError, KeyError, TypeError) as error:
                raise refuse("not_a_credential") from error
            context.update(
                report=report, claims=claimed_rows(report.kind, report.payload)
            )
        except CredentialInputError as error:
            context["error"] = error.message
            status = 413 if error.code == "too_large" else 400
    return render(
        request, "certificates/verify_credential.html", context, status=status
    )
