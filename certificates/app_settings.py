"""Tunables of the certificates app, read in one place with their defaults (like
allauth's ``app_settings``); called by the services, views and PDFs."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

ISSUER_DESCRIPTION = _(
    "Bilingual training for officers who identify and interview missing, exploited "
    "and trafficked children."
)


def serial_prefix() -> str:
    """First part of a serial (``PUE``-2026-000123): ``..._SERIAL_PREFIX``."""
    return getattr(settings, "PUENTE_CERTIFICATE_SERIAL_PREFIX", "PUE")


def letter_countries() -> set[str]:
    """Countries whose certificates default to US Letter; all others get A4.

    ``PUENTE_CERTIFICATE_LETTER_COUNTRIES``: the US and Mexico both use Letter
    ("tamaño carta") for office paper.
    """
    return set(
        getattr(settings, "PUENTE_CERTIFICATE_LETTER_COUNTRIES", {"US", "MX", "CA"})
    )


def verify_rate_limit() -> tuple[int, int]:
    """(requests, seconds) one client may make to the verification pages.

    ``PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT``, (30, 60). Counted in the default cache,
    so production needs a shared cache (Redis) for the limit to hold across workers.
    """
    return tuple(getattr(settings, "PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT", (30, 60)))


def expiry_reminder_days() -> int:
    """How many days before expiry the reminder goes out: ``..._REMINDER_DAYS``, 30."""
    return int(getattr(settings, "PUENTE_CERTIFICATE_EXPIRY_REMINDER_DAYS", 30))


def max_upload_bytes() -> int:
    """Largest PDF the "check a PDF" form accepts: ``..._MAX_UPLOAD_BYTES``, 5 MB."""
    return int(
        getattr(settings, "PUENTE_CERTIFICATE_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
    )


def issuer_name(language: str) -> str:
    """The issuer's name in a language: ``PUENTE_ISSUER_NAME`` ({"en": ..., "es": ...}
    or one string for both), "Puente"."""
    name = getattr(settings, "PUENTE_ISSUER_NAME", "Puente")
    return (
        name.get(language, name.get("en", "Puente")) if isinstance(name, dict) else name
    )


def issuer_url() -> str:
    """The issuer's home page in its credentials: ``PUENTE_ISSUER_URL``, BASE_URL."""
    return getattr(settings, "PUENTE_ISSUER_URL", "") or f"{settings.BASE_URL}/"


def issuer_description(language: str) -> str:
    with translation.override(language):
        return str(ISSUER_DESCRIPTION)


def max_credential_upload_bytes() -> int:
    """Largest file the credential verification page reads (a PDF with its
    credential, a JSON or a JWS): ``..._MAX_CREDENTIAL_UPLOAD_BYTES``, 5 MB."""
    return int(
        getattr(
            settings, "PUENTE_CERTIFICATE_MAX_CREDENTIAL_UPLOAD_BYTES", 5 * 1024 * 1024
        )
    )
