"""Registrations of the accounts app: audit-log actions of the privacy flows."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.privacy import DELETE_ACTION, EXPORT_ACTION


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(
        EXPORT_ACTION, _("Download personal data"), _("Personal data downloaded")
    )
    actions.register_action(
        DELETE_ACTION, _("Delete account"), _("Account deleted and anonymised")
    )
