"""Choices shared by the certificate models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateLanguage(models.TextChoices):
    EN = "en", _("English")
    ES = "es", _("Spanish")
    BOTH = "both", _("Bilingual (English and Spanish)")


class PaperSize(models.TextChoices):
    LETTER = "letter", _("US Letter")
    A4 = "a4", _("A4")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


class VerificationState(models.TextChoices):
    """What the public verification page says; ``expired`` is derived from dates."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")
