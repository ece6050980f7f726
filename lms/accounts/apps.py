"""Account security: connects the audit receivers of ``lms.auth_audit``."""

from django.apps import AppConfig
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "puente_accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import get_user_model

        from lms import auth_audit

        uid = "puente-audit"
        user_logged_in.connect(auth_audit.log_login, dispatch_uid=f"{uid}-login")
        user_logged_out.connect(auth_audit.log_logout, dispatch_uid=f"{uid}-logout")
        user_login_failed.connect(
            auth_audit.log_login_failed, dispatch_uid=f"{uid}-failed"
        )
        m2m_changed.connect(
            auth_audit.log_role_change,
            sender=get_user_model().groups.through,
            dispatch_uid=f"{uid}-roles",
        )
