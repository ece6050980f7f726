"""The certificates' admin menu items beside the listing's own (its viewset adds
that one): one table of entries, each shown only to those who may manage
certificates. Registered from ``certificates/wagtail_hooks.py``.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from certificates.admin.permissions import can_manage_certificates


class ManageCertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_certificates(request.user)


@dataclass(frozen=True)
class MenuEntry:
    """A ``register_admin_menu_item`` hook: called when the menu is built, once the
    admin's URLs exist."""

    label: Promise
    url_name: str
    name: str
    icon: str
    order: int

    def __call__(self) -> MenuItem:
        return ManageCertificatesMenuItem(
            self.label,
            reverse(self.url_name),
            name=self.name,
            icon_name=self.icon,
            order=self.order,
        )


MENU_ITEMS = [
    MenuEntry(
        _("Certificate approvals"),
        "certificates_admin:queue",
        "certificate-approvals",
        "tasks",
        321,
    ),
]
