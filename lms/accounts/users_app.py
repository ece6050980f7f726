"""Wagtail's user admin app, pointed at our viewset (see lms/admin_users.py)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PuenteUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "lms.accounts.admin_users.UserViewSet"
