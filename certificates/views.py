"""Public verification (by code, or by uploading a PDF) and the learner's download.

Thin views: look-ups and rendering live in ``certificates.services`` and ``.pdf``.
Verification pages show name, course, hours and dates only, and are rate limited
per client address (``lms.accounts.client_ip``) through the cache.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from certificates import app_settings
from certificates.models import CertificateLanguage, CertificateStatus, PaperSize
from certificates.privacy import is_holder_deleted
from certificates.services import (
    find_issued_file,
    get_certificate_for_code,
    render_certificate_file,
    verification_url,
)
from lms.accounts.client_ip import get_rate_limit_ip

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def is_rate_limited(request) -> bool:
    """Count this request against its client's limit; True once it is over.

    The client is the house's one client-IP policy (``lms.accounts.client_ip``):
    behind the load balancer, the address it saw, not the balancer's own.
    """
    limit, window = app_settings.verify_rate_limit()
    key = f"certificates:verify:{get_rate_limit_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def too_many_response(request) -> HttpResponse:
    response = render(request, "certificates/rate_limited.html", status=429)
    response["Retry-After"] = str(app_settings.verify_rate_limit()[1])
    return response


def _not_found(request) -> HttpResponse:
    return render(request, "certificates/not_found.html", status=404)


def verify(request, code: str):
    if is_rate_limited(request):
        return too_many_response(request)
    certificate = get_certificate_for_code(code) if CODE_PATTERN.match(code) else None
    if certificate is None:
        return _not_found(request)
    language = get_language()
    replacement = certificate.superseded_by
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "state": certificate.verification_state,
            "course_title": certificate.course_title(language),
            # The holder deleted their account: the name is withheld here (see
            # docs/decisions/0005-account-deletion.md); check-a-PDF still matches.
            "holder_deleted": is_holder_deleted(certificate),
            "is_holder": request.user.is_authenticated
            and request.user.pk == certificate.user_id,
            "replacement_url": (
                verification_url(replacement, language) if replacement else ""
            ),
        },
    )


class CheckPdfForm(forms.Form):
    pdf = forms.FileField(
        label=_("Certificate PDF"),
        help_text=_("The PDF file exactly as you received it."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > app_settings.max_upload_bytes():
            raise forms.ValidationError(_("The file is too large to be a certificate."))
        return upload


@require_http_methods(["GET", "POST"])
def check_pdf(request):
    result = None
    if request.method == "POST":
        if is_rate_limited(request):
            return too_many_response(request)
        form = CheckPdfForm(request.POST, request.FILES)
        if form.is_valid():
            issued = find_issued_file(form.cleaned_data["pdf"].read())
            result = {"matches": issued is not None}
            if issued is not None:
                certificate = issued.certificate
                result.update(
                    certificate=certificate,
                    state=certificate.verification_state,
                    course_title=certificate.course_title(get_language()),
                    verify_url=verification_url(certificate, get_language()),
                )
    else:
        form = CheckPdfForm()
    return render(
        request, "certificates/check_pdf.html", {"form": form, "result": result}
    )


@login_required
def download(request, code: str):
    """The signed-in learner's own valid certificate; anyone else's is a 404."""
    certificate = (
        request.user.certificates.filter(code=code, status=CertificateStatus.VALID)
        .select_related("logo", "signature")
        .first()
        if CODE_PATTERN.match(code)
        else None
    )
    if certificate is None:
        raise Http404
    language = request.GET.get("language")
    if language not in CertificateLanguage.values:
        language = certificate.language
    paper = request.GET.get("paper")
    if paper not in PaperSize.values:
        paper = certificate.paper
    data = render_certificate_file(certificate, language=language, paper=paper)
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"{certificate.serial}-{language}-{paper}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
