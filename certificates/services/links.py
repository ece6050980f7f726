"""Links to a certificate: the absolute verification URL printed in its QR code and
e-mails and shown on the dashboard. Called by the PDF's caller (``files``), the
e-mails, the views, the dashboard panel and the personal-data export.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate


def verification_url(certificate: Certificate, language: str | None = None) -> str:
    """Absolute verification URL; ``language`` en/es, or "both" for the neutral one.

    The neutral ``/verify/<code>/`` redirects to the reader's language.
    """
    with translation.override(language if language in ("en", "es") else "en"):
        path = reverse("certificates:verify", args=[certificate.code])
    if language not in ("en", "es"):
        path = path.removeprefix("/en")
    return f"{settings.BASE_URL}{path}"
