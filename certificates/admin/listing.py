"""The certificate listing in Wagtail's admin menu: a ``ModelViewSet`` with filters,
a "Download ZIP of these certificates" header button and per-row Manage / Download
buttons. Registered from ``certificates/wagtail_hooks.py``.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton

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
