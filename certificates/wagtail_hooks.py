"""Registrations of the certificates app: admin viewset and URLs, menu, audit-log
actions, role permissions and the learner dashboard panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.roles import PROGRAM_ADMINS

from . import admin_views, dashboard
from .models import Certificate

register_permission_policy(
    Certificate, admin_views.CertificatePermissionPolicy(Certificate), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return admin_views.CertificateViewSet()


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path(
            "certificate-actions/",
            include(
                (admin_views.admin_urlpatterns(), "certificates_admin"),
                namespace="certificates_admin",
            ),
        )
    ]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.MANAGE)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        _("Certificate approvals"),
        reverse("certificates_admin:queue"),
        name="certificate-approvals",
        icon_name="tasks",
        order=321,
    )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(
        "certificates.issue", _("Issue certificate"), _("Certificate issued")
    )
    actions.register_action(
        "certificates.approve", _("Approve certificate"), _("Certificate approved")
    )
    actions.register_action(
        "certificates.decline",
        _("Decline certificate"),
        _("Certificate request declined"),
    )
    actions.register_action(
        "certificates.revoke", _("Revoke certificate"), _("Certificate revoked")
    )
    actions.register_action(
        "certificates.reissue", _("Reissue certificate"), _("Certificate reissued")
    )
    actions.register_action(
        "certificates.download",
        _("Download certificate"),
        _("Certificate PDF downloaded"),
    )
    actions.register_action(
        "certificates.bulk_download",
        _("Bulk download certificates"),
        _("Certificate included in a ZIP download"),
    )


@hooks.register("puente_role_permissions")
def certificate_role_permissions():
    """Only program administrators see or act on certificates in the admin."""
    return {
        PROGRAM_ADMINS: [
            ("certificates", "view_certificate"),
            ("certificates", "manage_certificates"),
            ("certificates", "view_certificaterequest"),
            ("certificates", "change_certificatesettings"),
        ]
    }


@hooks.register("puente_dashboard_panels")
def certificates_dashboard_panel(request):
    return dashboard.get_certificates_panel(request)
