"""Who may do what in the certificates' admin: certificates are listed but never
added, edited or deleted through forms, and every action needs
``certificates.manage_certificates``. Used by the admin views and wagtail_hooks.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy

MANAGE = "certificates.manage_certificates"


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are listed, never added, edited or deleted through forms."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


def can_manage_certificates(user) -> bool:
    return user.has_perm(MANAGE)


def require_manage(request) -> None:
    """Refuse (403) anyone who may not manage certificates."""
    if not can_manage_certificates(request.user):
        raise PermissionDenied
