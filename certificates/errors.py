"""What the certificates services refuse, as ``lms.errors.PuenteError`` subclasses.

Raised by ``certificates.services.issuing``; the admin views show ``error.message``
(a lazy translation, read in the language of whoever is shown it) as it is. ``code``
names the reason for callers, tests and logs.
"""

from django.utils.translation import gettext_lazy as _

from lms.errors import PuenteError

# CertificateError codes.
NOT_COMPLETE = "not_complete"
REQUEST_DECLINED = "request_declined"
REQUEST_NOT_PENDING = "request_not_pending"
NOT_VALID = "not_valid"
HOLDER_DELETED = "holder_deleted"


class CertificateError(PuenteError):
    """An action that cannot be done to this certificate (already revoked, ...)."""

    code = "certificate_refused"
    message = _("This cannot be done to this certificate.")


class HolderDeletedError(CertificateError):
    """The holder deleted their account: revoke the certificate, do not reissue it."""

    code = HOLDER_DELETED
    message = _(
        "The holder deleted their account, so a new certificate would carry no "
        "name. Revoke this one instead if it must no longer count."
    )
