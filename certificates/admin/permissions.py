"""Who may do what in the certificates' admin: certificates are listed but never
added, edited or deleted through forms, and every action needs
``certificates.manage_certificates``, which only program administrators hold. Used by
the admin views and ``certificates/wagtail_hooks.py``.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy

from lms.accounts.roles import PROGRAM_ADMINS

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


def get_role_permissions() -> dict[str, list[tuple[str, str]]]:
    """Only program administrators see or act on certificates in the admin
    (``lms.hooks.ROLE_PERMISSIONS``)."""
    return {
        PROGRAM_ADMINS: [
            ("certificates", "view_certificate"),
            ("certificates", "manage_certificates"),
            ("certificates", "view_certificaterequest"),
            ("certificates", "change_certificatesettings"),
        ]
    }
