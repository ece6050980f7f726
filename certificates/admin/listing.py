"""The certificate listing in Wagtail's admin menu: a ``ModelViewSet`` with filters,
a "Download ZIP of these certificates" header button and per-row Manage / Download
buttons (in the row's "more" menu; the serial links to Manage too). The course is
shown in the admin's language and dates without the time. Registered from
``certificates/wagtail_hooks.py``.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton

from certificates.admin.filters import CertificateFilterSet
from certificates.models import Certificate, VerificationState


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
            Button(
                _("Manage"),
                url=reverse("certificates_admin:manage", args=[instance.pk]),
                icon_name="cog",
            ),
            Button(
                _("Download PDF"),
                url=reverse("certificates_admin:download", args=[instance.pk]),
                icon_name="download",
            ),
        ]


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT") if moment else ""


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
        Column(
            "course",
            label=_("Course"),
            accessor=lambda certificate: certificate.course_title(get_language()),
        ),
        Column(
            "status",
            label=_("Status"),
            accessor=lambda certificate: (
                VerificationState(certificate.verification_state).label
            ),
        ),
        Column(
            "issued_at",
            label=_("Issued"),
            sort_key="issued_at",
            accessor=lambda certificate: _day(certificate.issued_at),
        ),
        Column(
            "expires_at",
            label=_("Expires"),
            sort_key="expires_at",
            accessor=lambda certificate: _day(certificate.expires_at),
        ),
    ]
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False
