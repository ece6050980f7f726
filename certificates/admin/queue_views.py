"""The approval queue in the admin: pending requests with their completion evidence
(approve a selection, or decline it with a reason) and completions without a
certificate (issue one by hand). Thin: the queue is
``certificates.services.get_approval_queue``, the decisions are the services'.
Messages use ``gettext`` (now, in the admin's language; see ``certificate_views``).
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from certificates.admin.forms import DeclineForm
from certificates.admin.permissions import require_manage
from certificates.models import CertificateRequest, RequestStatus
from certificates.services import (
    approve_certificate_request,
    decline_certificate_request,
    get_approval_queue,
    issue_certificate,
)
from lms.learning.services.evidence import get_completed_enrollment


def queue(request, *, decline_form=None, selected=(), status=200):
    require_manage(request)
    approval_queue = get_approval_queue()
    return render(
        request,
        "certificates/admin/queue.html",
        {
            "page_title": _("Certificate approvals"),
            "header_icon": "tasks",
            "pending": approval_queue.pending,
            "without": approval_queue.without,
            "decline_form": decline_form or DeclineForm(),
            "selected": {str(pk) for pk in selected},
        },
        status=status,
    )


@require_POST
def decide(request):
    require_manage(request)
    ids = request.POST.getlist("request")
    requests = list(
        CertificateRequest.objects.filter(pk__in=ids, status=RequestStatus.PENDING)
    )
    if not requests:
        messages.error(request, _("Select at least one request."))
        return redirect("certificates_admin:queue")
    if request.POST.get("action") == "decline":
        form = DeclineForm(request.POST)
        if not form.is_valid():
            # The same page again, the selection kept and the box open with its
            # error: nothing was declined.
            messages.error(request, _("Give a reason for declining."))
            return queue(
                request,
                decline_form=form,
                selected=[item.pk for item in requests],
                status=400,
            )
        reason = form.cleaned_data["reason"]
        with transaction.atomic():
            for item in requests:
                decline_certificate_request(item, by=request.user, reason=reason)
        messages.success(
            request,
            ngettext(
                "%(count)d request declined.",
                "%(count)d requests declined.",
                len(requests),
            )
            % {"count": len(requests)},
        )
    else:
        for item in requests:
            approve_certificate_request(item, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d certificate issued.",
                "%(count)d certificates issued.",
                len(requests),
            )
            % {"count": len(requests)},
        )
    return redirect("certificates_admin:queue")


@require_POST
def issue(request, enrollment_id: int):
    require_manage(request)
    enrollment = get_completed_enrollment(enrollment_id)
    if enrollment is None:
        raise Http404
    certificate = issue_certificate(enrollment, issued_by=request.user)
    messages.success(
        request,
        _("Certificate %(serial)s issued.") % {"serial": certificate.serial},
    )
    return redirect("certificates_admin:manage", certificate.pk)
