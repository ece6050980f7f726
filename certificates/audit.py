"""The audit-log actions the certificates services write (``wagtail.log_actions``),
with their labels and messages, in one table. Registered from
``certificates/wagtail_hooks.py`` into Wagtail's ``register_log_actions``.
"""

from django.utils.translation import gettext_lazy as _

# (action, label, message shown in the history)
LOG_ACTIONS = [
    ("certificates.issue", _("Issue certificate"), _("Certificate issued")),
    ("certificates.approve", _("Approve certificate"), _("Certificate approved")),
    (
        "certificates.decline",
        _("Decline certificate"),
        _("Certificate request declined"),
    ),
    ("certificates.revoke", _("Revoke certificate"), _("Certificate revoked")),
    ("certificates.reissue", _("Reissue certificate"), _("Certificate reissued")),
    (
        "certificates.download",
        _("Download certificate"),
        _("Certificate PDF downloaded"),
    ),
    (
        "certificates.bulk_download",
        _("Bulk download certificates"),
        _("Certificate included in a ZIP download"),
    ),
]


def register_log_actions(actions) -> None:
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
