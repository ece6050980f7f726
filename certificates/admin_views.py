"""Wagtail admin for program administrators: the certificate listing (with filters
and a streamed ZIP of the filtered set), one certificate's page with its actions, and
the approval queue. Every view checks ``certificates.manage_certificates`` (or view);
the actions themselves, and their audit-log entries, are in ``certificates.services``.
"""

from __future__ import annotations

import uuid
import zipfile

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from certificates.models import (
    Certificate,
    CertificateLanguage,
    CertificateRequest,
    CertificateStatus,
    PaperSize,
    RequestStatus,
    VerificationState,
)
from certificates.services import (
    CertificateError,
    HolderDeletedError,
    approve_certificate_request,
    decline_certificate_request,
    get_completions_without_certificate,
    get_pending_requests,
    issue_certificate,
    reissue_certificate,
    render_certificate_file,
    revoke_certificate,
)
from courses.models import CoursePage
from lms.models import Enrollment
from lms.reports.filters import LearnerPlaceFilterSet

MANAGE = "certificates.manage_certificates"


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are listed, never added, edited or deleted through forms."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


def _require_manage(request) -> None:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied


class CertificateFilterSet(LearnerPlaceFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"), queryset=CoursePage.objects.order_by("title")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=CertificateStatus.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("Issued"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Certificate
        fields = ["course", "status", "issued_at", "agency", "country"]


def filtered_certificates(request):
    queryset = Certificate.objects.select_related("user", "logo", "signature")
    return CertificateFilterSet(request.GET, queryset=queryset, request=request).qs


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "course")

    def get_edit_url(self, instance):
        return reverse("certificates_admin:manage", args=[instance.pk])

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        query = self.request.GET.urlencode()
        buttons.append(
            HeaderButton(
                _("Download ZIP of these certificates"),
                url=reverse("certificates_admin:zip") + (f"?{query}" if query else ""),
                icon_name="download",
            )
        )
        return buttons

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(
                _("Manage"),
                url=reverse("certificates_admin:manage", args=[instance.pk]),
                icon_name="cog",
            ),
            ListingButton(
                _("Download PDF"),
                url=reverse("certificates_admin:download", args=[instance.pk]),
                icon_name="download",
            ),
        ]


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 320
    add_to_admin_menu = True
    name = "certificate_list"
    url_prefix = "certificates"
    index_view_class = CertificateIndexView
    filterset_class = CertificateFilterSet
    form_fields = ["revocation_reason"]
    list_display = [
        "serial",
        "learner_name",
        "course_title_en",
        Column(
            "status",
            label=_("Status"),
            accessor=lambda certificate: (
                VerificationState(certificate.verification_state).label
            ),
        ),
        "issued_at",
        "expires_at",
    ]
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False


# One certificate ------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the audit log."),
    )


class DownloadForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=CertificateLanguage)
    paper = forms.ChoiceField(label=_("Paper size"), choices=PaperSize)


def manage(request, pk: int):
    _require_manage(request)
    certificate = get_object_or_404(
        Certificate.objects.select_related("user", "issued_by", "revoked_by"), pk=pk
    )
    history = ModelLogEntry.objects.for_instance(certificate).select_related("user")
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
        },
    )


def _reason_or_back(request, pk):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for this action."))
        return None
    return form.cleaned_data["reason"]


@require_POST
def revoke(request, pk: int):
    _require_manage(request)
    certificate = get_object_or_404(Certificate, pk=pk)
    reason = _reason_or_back(request, pk)
    if reason is not None:
        try:
            revoke_certificate(certificate, by=request.user, reason=reason)
            messages.success(request, _("The certificate was revoked."))
        except CertificateError:
            messages.error(request, _("Only a valid certificate can be revoked."))
    return redirect("certificates_admin:manage", pk)


@require_POST
def reissue(request, pk: int):
    _require_manage(request)
    certificate = get_object_or_404(Certificate, pk=pk)
    reason = _reason_or_back(request, pk)
    if reason is None:
        return redirect("certificates_admin:manage", pk)
    try:
        new = reissue_certificate(certificate, by=request.user, reason=reason)
    except HolderDeletedError:
        messages.error(
            request,
            _(
                "The holder deleted their account, so a new certificate would carry no "
                "name. Revoke this one instead if it must no longer count."
            ),
        )
        return redirect("certificates_admin:manage", pk)
    except CertificateError:
        messages.error(request, _("Only a valid certificate can be reissued."))
        return redirect("certificates_admin:manage", pk)
    messages.success(request, _("The certificate was reissued."))
    return redirect("certificates_admin:manage", new.pk)


def download(request, pk: int):
    _require_manage(request)
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


# The streamed ZIP -----------------------------------------------------------------


class _ChunkStream:
    """A write-only file for zipfile that hands its bytes to a generator."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def stream_certificates_zip(certificates, *, user, query: str):
    """Yield a ZIP of the certificates, one PDF in memory at a time."""
    stream = _ChunkStream()
    batch = uuid.uuid4()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates.iterator(chunk_size=100):
            data = render_certificate_file(certificate)
            info = zipfile.ZipInfo(
                f"{certificate.serial}.pdf",
                date_time=certificate.issued_at.timetuple()[:6],
            )
            archive.writestr(info, data)
            log(
                certificate,
                "certificates.bulk_download",
                user=user,
                uuid=batch,
                data={"filters": query},
            )
            yield stream.drain()
    yield stream.drain()


def download_zip(request):
    _require_manage(request)
    certificates = filtered_certificates(request).order_by("serial")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        stream_certificates_zip(
            certificates, user=request.user, query=request.GET.urlencode()
        ),
        content_type="application/zip",
    )
    response["Content-Disposition"] = f'attachment; filename="certificates-{stamp}.zip"'
    return response


# The approval queue ---------------------------------------------------------------


def queue(request):
    _require_manage(request)
    pending = get_pending_requests()
    without = get_completions_without_certificate()
    return render(
        request,
        "certificates/admin/queue.html",
        {
            "page_title": _("Certificate approvals"),
            "header_icon": "tasks",
            "pending": pending,
            "without": without,
            "reason_form": ReasonForm(),
        },
    )


@require_POST
def decide(request):
    _require_manage(request)
    ids = request.POST.getlist("request")
    requests = list(
        CertificateRequest.objects.filter(pk__in=ids, status=RequestStatus.PENDING)
    )
    if not requests:
        messages.error(request, _("Select at least one request."))
        return redirect("certificates_admin:queue")
    if request.POST.get("action") == "decline":
        reason = _reason_or_back(request, None)
        if reason is None:
            return redirect("certificates_admin:queue")
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
    _require_manage(request)
    enrollment = get_object_or_404(
        Enrollment, pk=enrollment_id, completed_at__isnull=False
    )
    certificate = issue_certificate(enrollment, issued_by=request.user)
    messages.success(
        request,
        _("Certificate %(serial)s issued.") % {"serial": certificate.serial},
    )
    return redirect("certificates_admin:manage", certificate.pk)


def admin_urlpatterns():
    return [
        path("queue/", queue, name="queue"),
        path("queue/decide/", decide, name="decide"),
        path("issue/<int:enrollment_id>/", issue, name="issue"),
        path("zip/", download_zip, name="zip"),
        path("<int:pk>/", manage, name="manage"),
        path("<int:pk>/revoke/", revoke, name="revoke"),
        path("<int:pk>/reissue/", reissue, name="reissue"),
        path("<int:pk>/download/", download, name="download"),
    ]
