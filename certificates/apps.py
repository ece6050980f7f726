"""The certificates app's configuration: its name and label, and the receivers it
connects when Django is ready (``certificates.receivers``)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from certificates import receivers  # noqa: F401
