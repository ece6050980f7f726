"""What the certificates services refuse, as exceptions the admin views show.

Raised by ``certificates.services.issuing``; caught by ``certificates.admin``.
"""


class CertificateError(Exception):
    """An action that cannot be done to this certificate (already revoked, ...)."""


class HolderDeletedError(CertificateError):
    """The holder deleted their account: revoke the certificate, do not reissue it."""
