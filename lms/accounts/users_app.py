"""Wagtail's user admin app, pointed at our viewset (see lms/admin_users.py), and the
account page's forms for our User (lms/accounts/admin_account.py)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PuenteUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "lms.accounts.admin_users.UserViewSet"

    def ready(self):
        super().ready()
        from lms.accounts.admin_account import install_account_forms

        install_account_forms()
