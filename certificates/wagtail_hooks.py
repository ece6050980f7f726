"""Registrations of the certificates app, and nothing else: the admin listing, URLs,
menu, permission policy and audit-log actions (Wagtail's hooks), and its parts of
lms's pages through the hooks named in ``lms/hooks.py``. What each registers lives in
the module that owns it.
"""

from django.urls import include, path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

import lms.hooks
from certificates import audit, completion_links, dashboard, privacy, report_sections
from certificates.admin import home, menu, permissions
from certificates.admin.listing import CertificateViewSet
from certificates.models import Certificate
from certificates.services import is_renewal_due

register_permission_policy(
    Certificate, permissions.CertificatePermissionPolicy(Certificate), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet()


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path(
            "certificate-actions/",
            include("certificates.admin.urls", namespace="certificates_admin"),
        )
    ]


for menu_entry in menu.MENU_ITEMS:
    hooks.register("register_admin_menu_item", menu_entry)

hooks.register("register_log_actions", audit.register_log_actions)
hooks.register("construct_homepage_panels", home.construct_panels)
hooks.register("construct_homepage_summary_items", home.construct_summary_items)

hooks.register(lms.hooks.ROLE_PERMISSIONS, permissions.get_role_permissions)
hooks.register(lms.hooks.DASHBOARD_PANELS, dashboard.get_certificates_panel)
hooks.register(lms.hooks.DASHBOARD_PANELS, dashboard.get_transcript_panel)
hooks.register(lms.hooks.COMPLETION_LINKS, completion_links.get_completion_links)
hooks.register(lms.hooks.RENEWAL_DUE, is_renewal_due)
hooks.register(lms.hooks.REPORT_SECTIONS, report_sections.get_report_section)
hooks.register(lms.hooks.LEARNER_REPORT_COLUMNS, report_sections.get_learner_column)
hooks.register(lms.hooks.PERSONAL_DATA, privacy.get_personal_data_sections)
hooks.register(lms.hooks.ACCOUNT_DELETED, privacy.handle_account_deleted)
