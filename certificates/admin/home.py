"""The certificates' part of Puente's admin home, for those who may manage
certificates: the approval queue (how many wait, the oldest, a link to decide),
certificates expiring soon and the number of certificates in the summary line.
Registered from ``certificates/wagtail_hooks.py`` through Wagtail's
``construct_homepage_panels`` and ``construct_homepage_summary_items``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from certificates.admin.permissions import can_manage_certificates
from certificates.models import Certificate, CertificateStatus
from certificates.services import (
    expiring_soon_until,
    get_expiring_certificates_glimpse,
    get_pending_requests_glimpse,
)
from lms.admin_home import CountSummaryItem


class ManagersPanel(Component):
    def render_html(self, parent_context=None) -> str:
        if not can_manage_certificates(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)


class ApprovalsPanel(ManagersPanel):
    name = "puente_certificate_approvals"
    template_name = "certificates/admin/home_approvals.html"
    order = 10

    def get_context_data(self, parent_context):
        return {
            "pending": get_pending_requests_glimpse(),
            "queue_url": reverse("certificates_admin:queue"),
        }


class ExpiringPanel(ManagersPanel):
    name = "puente_certificates_expiring"
    template_name = "certificates/admin/home_expiring.html"
    order = 20

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        until = timezone.localtime(expiring_soon_until()).date()
        query = urlencode(
            {
                "status": CertificateStatus.VALID,
                "expires_at_from": today.isoformat(),
                "expires_at_to": until.isoformat(),
            }
        )
        return {
            "expiring": get_expiring_certificates_glimpse(),
            "until": until,
            "listing_url": f"{reverse('certificate_list:index')}?{query}",
        }


def construct_panels(request, panels: list) -> None:
    panels += [ApprovalsPanel(), ExpiringPanel()]


def construct_summary_items(request, items: list) -> None:
    items.append(
        CountSummaryItem(
            request,
            count=lambda: Certificate.objects.count(),
            label=lambda n: (
                ngettext("%(count)s certificate", "%(count)s certificates", n)
                % {"count": n}
            ),
            url=lambda: reverse("certificate_list:index"),
            icon="doc-full",
            order=130,
            shown=can_manage_certificates(request.user),
        )
    )
