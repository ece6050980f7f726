"""The certificates services' public face: deciding, issuing, files, links, look-ups
and reminders, re-exported so callers write ``from certificates.services import
issue_certificate``. Only re-exports; the modules of this package import each other
directly, never this face (it would close an import circle).
"""

from certificates.errors import CertificateError, HolderDeletedError
from certificates.services.deciding import (
    can_issue_certificate,
    default_language_for,
    default_paper_for,
    get_valid_certificate,
    is_renewal_due,
    needs_approval,
)
from certificates.services.files import find_issued_file, render_certificate_file
from certificates.services.issuing import (
    add_months,
    approve_certificate_request,
    decline_certificate_request,
    handle_course_completed,
    issue_certificate,
    reissue_certificate,
    request_certificate,
    revoke_certificate,
)
from certificates.services.links import verification_url
from certificates.services.lookups import (
    expiring_soon_until,
    get_approval_queue,
    get_certificate_for_code,
    get_certificates_for_user,
    get_completions_without_certificate,
    get_expiring_certificates_glimpse,
    get_pending_requests_for_user,
    get_pending_requests_glimpse,
)
from certificates.services.reminders import (
    get_certificates_due_for_reminder,
    queue_expiry_reminders,
)

__all__ = [
    "CertificateError",
    "HolderDeletedError",
    "add_months",
    "approve_certificate_request",
    "can_issue_certificate",
    "decline_certificate_request",
    "default_language_for",
    "default_paper_for",
    "expiring_soon_until",
    "find_issued_file",
    "get_approval_queue",
    "get_certificate_for_code",
    "get_certificates_due_for_reminder",
    "get_certificates_for_user",
    "get_completions_without_certificate",
    "get_expiring_certificates_glimpse",
    "get_pending_requests_for_user",
    "get_pending_requests_glimpse",
    "get_valid_certificate",
    "handle_course_completed",
    "is_renewal_due",
    "issue_certificate",
    "needs_approval",
    "queue_expiry_reminders",
    "reissue_certificate",
    "render_certificate_file",
    "request_certificate",
    "revoke_certificate",
    "verification_url",
]
