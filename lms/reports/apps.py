"""The reports room as an app of its own: it registers its admin menu and URLs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lms.reports"
    label = "puente_reports"
    verbose_name = _("Reports")
