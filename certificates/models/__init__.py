"""Certificates: the issued record (with a snapshot of everything printed on it),
the approval queue, per-year serial counters, hashes of every PDF handed out
(``certificates``), and the programme-wide certificate settings (``settings``).
Written only by ``certificates.services``.
"""

from certificates.models.certificates import (
    Certificate,
    CertificateRequest,
    IssuedFile,
    RequestStatus,
    SerialCounter,
    SnapshotImage,
)
from certificates.models.choices import (
    CertificateLanguage,
    CertificateStatus,
    PaperSize,
    VerificationState,
)
from certificates.models.settings import (
    LETTERHEAD_CACHE_KEY,
    LOGO_SNAPSHOT_CACHE_KEY,
    CertificateSettings,
)

__all__ = [
    "LETTERHEAD_CACHE_KEY",
    "LOGO_SNAPSHOT_CACHE_KEY",
    "Certificate",
    "CertificateLanguage",
    "CertificateRequest",
    "CertificateSettings",
    "CertificateStatus",
    "IssuedFile",
    "PaperSize",
    "RequestStatus",
    "SerialCounter",
    "SnapshotImage",
    "VerificationState",
]
