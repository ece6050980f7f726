"""Registrations of the certificates app: admin viewset and URLs, menu, audit-log
actions, role permissions, the learner dashboard panel and the personal-data
hooks."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from certificates import dashboard, privacy
from certificates.admin.listing import CertificateViewSet
from certificates.admin.permissions import (
    CertificatePermissionPolicy,
    can_manage_certificates,
)
from certificates.models import Certificate
from lms.accounts.roles import PROGRAM_ADMINS

register_permission_policy(
    Certificate, CertificatePermissionPolicy(Certificate), exact_class=True
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


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_certificates(request.user)


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


@hooks.register("puente_report_sections")
def certificates_report_section(filters):
    """Certificates issued, revoked and expiring soon, for lms's enrollment report
    (issued and revoked within its date range, for its course, country and agency)."""
    from datetime import timedelta

    from django.utils import timezone

    from certificates import app_settings
    from certificates.models import CertificateStatus
    from lms.reports.sections import ReportSection

    certificates = Certificate.objects.all()
    if filters.get("course"):
        certificates = certificates.filter(course=filters["course"])
    if filters.get("country"):
        certificates = certificates.filter(user__country=filters["country"])
    if filters.get("agency"):
        certificates = certificates.filter(user__agency__icontains=filters["agency"])
    if filters.get("cohort"):
        certificates = certificates.filter(
            user__cohort_memberships__cohort=filters["cohort"]
        )
    issued, revoked = (
        certificates,
        certificates.filter(status=CertificateStatus.REVOKED),
    )
    period = filters.get("enrolled_at")
    if period and period.start:
        issued = issued.filter(issued_at__gte=period.start)
        revoked = revoked.filter(revoked_at__gte=period.start)
    if period and period.stop:
        issued = issued.filter(issued_at__lte=period.stop)
        revoked = revoked.filter(revoked_at__lte=period.stop)
    now = timezone.now()
    days = app_settings.expiry_reminder_days()
    expiring = certificates.filter(
        status=CertificateStatus.VALID,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=days),
    )
    return ReportSection(
        title=str(_("Certificates")),
        rows=[
            (str(_("Issued")), issued.count()),
            (str(_("Revoked")), revoked.count()),
            (
                _("Expiring in the next %(days)s days") % {"days": days},
                expiring.count(),
            ),
        ],
        order=10,
    )


@hooks.register("puente_learner_report_columns")
def certificate_learner_report_column():
    """The serial of each enrollment's valid certificate, for lms's per-learner
    progress table (one query per page of the table)."""
    from certificates.models import CertificateStatus
    from lms.reports.sections import LearnerColumn

    def serials(enrollments):
        return dict(
            Certificate.objects.filter(
                enrollment__in=enrollments, status=CertificateStatus.VALID
            ).values_list("enrollment_id", "serial")
        )

    return LearnerColumn(
        key="certificate", heading=str(_("Certificate")), values=serials, order=10
    )


@hooks.register("puente_dashboard_panels")
def transcript_dashboard_panel(request):
    from certificates.transcripts import get_transcript_panel

    return get_transcript_panel(request)


@hooks.register("puente_renewal_due")
def certificate_renewal_due(enrollment):
    from certificates.services import is_renewal_due

    return is_renewal_due(enrollment)


@hooks.register("puente_personal_data")
def certificates_personal_data(user):
    return privacy.get_personal_data_sections(user)


@hooks.register("puente_account_deleted")
def certificates_account_deleted(user):
    privacy.handle_account_deleted(user)
