"""The credential's stable URLs: a certificate's verification page (its ``id``), and
the language-neutral issuer profile, keys, JWK set, status lists and achievements
(``certificates.credentials.urls``). Called by the builder, the signer, the views and
``certificates.services.links``.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate

STATUS_LIST_SIZE = 131_072  # bits: the Bitstring Status List's minimum, for privacy


def verification_url(certificate: Certificate, language: str | None = None) -> str:
    """Absolute verification URL; ``language`` en/es, or "both" for the neutral one.

    The neutral ``/verify/<code>/`` redirects to the reader's language; it is the
    credential's ``id``.
    """
    with translation.override(language if language in ("en", "es") else "en"):
        path = reverse("certificates:verify", args=[certificate.code])
    if language not in ("en", "es"):
        path = path.removeprefix("/en")
    return f"{settings.BASE_URL}{path}"


def absolute(name: str, *args: object) -> str:
    return f"{settings.BASE_URL}{reverse(f'credentials:{name}', args=args)}"


def issuer_id() -> str:
    return absolute("issuer")


def key_url(kid: str) -> str:
    return absolute("key", kid)


def jwks_url() -> str:
    return absolute("jwks")


def achievement_id(course_id: int) -> str:
    return absolute("achievement", course_id)


def status_list_position(certificate_id: int) -> tuple[int, int]:
    """(list number, index) of a certificate's bit: derived from its primary key, so
    issuing allocates nothing."""
    return divmod(certificate_id, STATUS_LIST_SIZE)


def status_list_url(number: int) -> str:
    return absolute("status_list", number)
