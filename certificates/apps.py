"""The certificates app's configuration: its name and label, the receivers it
connects when Django is ready (``certificates.receivers``) and the system check that
refuses to run without an issuer signing key."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from certificates import receivers  # noqa: F401
        from certificates.credentials.checks import check_issuer_key

        checks.register(check_issuer_key, checks.Tags.security)
