"""Operations: health checks, backup and restore, fault handling (lms/ops/__init__)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "lms.ops"
    label = "puente_ops"
    verbose_name = _("Operations")
