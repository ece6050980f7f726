"""Links to a certificate: the absolute verification URL printed in its QR code and
e-mails and shown on the dashboard. Called by the PDF's caller (``files``), the
e-mails, the views, the dashboard panel and the personal-data export; built in
``certificates.credentials.links``, where the signed credential's URLs live too.
"""

from __future__ import annotations

from certificates.credentials.links import verification_url

__all__ = ["verification_url"]
