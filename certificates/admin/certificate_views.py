"""One certificate in the admin: its page (details, actions, audit history), revoke,
reissue and an administrator's download in any language and paper. Thin: the actions
and their audit-log entries are ``certificates.services``'. Messages are made into
text here, inside Wagtail's override of the admin's language (stored lazily, they
would be rendered after it, in the site's language).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from certificates.admin.forms import DownloadForm, ReasonForm, posted_reason
from certificates.admin.permissions import require_manage
from certificates.models import Certificate
from certificates.services import (
    CertificateError,
    reissue_certificate,
    render_certificate_file,
    revoke_certificate,
)


def manage(request, pk: int):
    require_manage(request)
    certificate = get_object_or_404(
        Certificate.objects.select_related("user", "issued_by", "revoked_by"), pk=pk
    )
    history = ModelLogEntry.objects.for_instance(certificate).select_related("user")
    # Correcting the name (lms.accounts.admin_users) and then reissuing is how a
    # corrected name gets printed.
    can_correct_name = policy_registry.get_by_type(
        type(certificate.user)
    ).user_has_permission_for_instance(request.user, "change", certificate.user)
    return render(
        request,
        "certificates/admin/manage.html",
        {
            "page_title": certificate.serial,
            "header_icon": "doc-full",
            "certificate": certificate,
            "reason_form": ReasonForm(),
            "download_form": DownloadForm(
                initial={"language": certificate.language, "paper": certificate.paper}
            ),
            "history": history,
            "can_correct_name": can_correct_name,
        },
    )


@require_POST
def revoke(request, pk: int):
    require_manage(request)
    certificate = get_object_or_404(Certificate, pk=pk)
    reason = posted_reason(request)
    if reason is not None:
        try:
            revoke_certificate(certificate, by=request.user, reason=reason)
            messages.success(request, _("The certificate was revoked."))
        except CertificateError as error:
            messages.error(request, str(error.message))
    return redirect("certificates_admin:manage", pk)


@require_POST
def reissue(request, pk: int):
    require_manage(request)
    certificate = get_object_or_404(Certificate, pk=pk)
    reason = posted_reason(request)
    if reason is None:
        return redirect("certificates_admin:manage", pk)
    try:
        new = reissue_certificate(certificate, by=request.user, reason=reason)
    except CertificateError as error:
        messages.error(request, str(error.message))
        return redirect("certificates_admin:manage", pk)
    messages.success(request, _("The certificate was reissued."))
    return redirect("certificates_admin:manage", new.pk)


def download(request, pk: int):
    require_manage(request)
    certificate = get_object_or_404(
        Certificate.objects.select_related("logo", "signature"), pk=pk
    )
    form = DownloadForm(request.GET)
    language, paper = (
        (form.cleaned_data["language"], form.cleaned_data["paper"])
        if form.is_valid()
        else (certificate.language, certificate.paper)
    )
    data = render_certificate_file(certificate, language=language, paper=paper)
    log(
        certificate,
        "certificates.download",
        user=request.user,
        data={"language": language, "paper": paper},
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate.serial}-{language}-{paper}.pdf"'
    )
    return response
