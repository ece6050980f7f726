"""The certificates side of a learner's personal data and of account deletion.

Registered from ``certificates/wagtail_hooks.py`` into lms's ``puente_personal_data``
and ``puente_account_deleted`` hooks. Issued certificates are kept and stay
verifiable after deletion (docs/decisions/0005-account-deletion.md).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, CertificateRequest, RequestStatus
from certificates.services import decline_certificate_request, verification_url
from lms.accounts.privacy.export import PersonalDataSection

DECLINED_ON_DELETION = "The learner deleted their account."


def get_personal_data_sections(user) -> list[PersonalDataSection]:
    language = get_language()
    certificates = Certificate.objects.filter(user=user).order_by("issued_at", "pk")
    requests = CertificateRequest.objects.filter(user=user).select_related("course")
    return [
        PersonalDataSection(
            "certificates",
            _("Certificates"),
            [
                ("serial", _("Serial")),
                ("code", _("Verification code")),
                ("verification_url", _("Verification link")),
                ("name", _("Name on the certificate")),
                ("course", _("Course")),
                ("credit_hours", _("Credit hours")),
                ("completed_on", _("Completed on")),
                ("issued_at", _("Issued at")),
                ("expires_at", _("Valid until")),
                ("status", _("Status")),
                ("revoked_at", _("Revoked at")),
                ("revocation_reason", _("Reason for revocation")),
            ],
            [
                {
                    "serial": c.serial,
                    "code": c.code,
                    "verification_url": verification_url(c, language),
                    "name": c.learner_name,
                    "course": c.course_title(language),
                    "credit_hours": c.credit_hours,
                    "completed_on": c.completed_on,
                    "issued_at": c.issued_at,
                    "expires_at": c.expires_at,
                    "status": c.get_status_display(),
                    "revoked_at": c.revoked_at,
                    "revocation_reason": c.revocation_reason,
                }
                for c in certificates
            ],
            order=60,
        ),
        PersonalDataSection(
            "certificate_requests",
            _("Certificate requests"),
            [
                ("course", _("Course")),
                ("requested_at", _("Requested at")),
                ("status", _("Status")),
                ("decided_at", _("Decided at")),
            ],
            [
                {
                    "course": str(r.course.title),
                    "requested_at": r.requested_at,
                    "status": r.get_status_display(),
                    "decided_at": r.decided_at,
                }
                for r in requests.order_by("requested_at", "pk")
            ],
            order=61,
        ),
    ]


def handle_account_deleted(user) -> None:
    """Certificates stay as issued; nothing new is issued to, or mailed to, an
    account that no longer belongs to anyone."""
    for request in CertificateRequest.objects.filter(
        user=user, status=RequestStatus.PENDING
    ):
        decline_certificate_request(request, by=None, reason=DECLINED_ON_DELETION)
    # Nobody is left to remind before expiry: mark the reminders as dealt with.
    Certificate.objects.filter(user=user, expiry_reminder_sent_at__isnull=True).update(
        expiry_reminder_sent_at=timezone.now()
    )


def is_holder_deleted(certificate: Certificate) -> bool:
    return certificate.user.deleted_at is not None
