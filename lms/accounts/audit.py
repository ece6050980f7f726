"""Sign-ins, failed sign-ins, sign-outs and role changes in Wagtail's audit log.

Receivers connected by ``lms.accounts.apps.AccountsConfig``; the action names are
registered from ``lms/wagtail_hooks.py``. Each entry records the time (the entry's
timestamp), the actor (its user) and the client IP (``lms.accounts.client_ip``, as
every rate limit sees it).
Entries never hold passwords, tokens, codes or session ids: ``data`` is built here
from an explicit list of keys, never copied from a request or from credentials.
"""

from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

from lms.accounts.client_ip import get_client_ip

LOGIN = "puente.auth.login"
LOGIN_FAILED = "puente.auth.login_failed"
LOGOUT = "puente.auth.logout"
ROLES_CHANGED = "puente.auth.roles_changed"

# The request being served, set by ``middleware.AuditContextMiddleware`` so that a role
# change made deep inside a form save still knows its actor and IP.
current_request: ContextVar = ContextVar("puente_audit_request", default=None)


class RolesChangedFormatter(LogFormatter):
    label = _("Change roles")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Roles changed. Added: %(added)s. Removed: %(removed)s.") % {
            "added": ", ".join(data.get("added", [])) or "—",
            "removed": ", ".join(data.get("removed", [])) or "—",
        }


def register_actions(actions) -> None:
    actions.register_action(
        LOGIN, pgettext_lazy("audit log", "Sign in"), _("Signed in")
    )
    actions.register_action(LOGIN_FAILED, _("Failed sign-in"), _("Sign-in failed"))
    actions.register_action(
        LOGOUT, pgettext_lazy("audit log", "Sign out"), _("Signed out")
    )
    actions.register_action(ROLES_CHANGED)(RolesChangedFormatter)


def _log(instance, action: str, *, user=None, request=None, **data) -> None:
    if instance is None or instance.pk is None:
        return
    entry = {"ip": get_client_ip(request)}
    entry.update(data)
    wagtail_log(instance, action, user=user, data=entry)


def log_login(sender, request, user, **kwargs) -> None:
    _log(user, LOGIN, user=user, request=request)


def log_logout(sender, request, user, **kwargs) -> None:
    if user is not None and user.is_authenticated:
        _log(user, LOGOUT, user=user, request=request)


def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Logged against the account tried; an unknown address against the site.

    What was typed as the login is not stored for unknown accounts: people type
    their password into the email field.
    """
    login = credentials.get("email") or credentials.get("username") or ""
    account = None
    if login:
        account = (
            get_user_model().objects.filter(email__iexact=str(login).strip()).first()
        )
    if account is not None:
        _log(account, LOGIN_FAILED, request=request, account_exists=True)
        return
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    _log(site, LOGIN_FAILED, request=request, account_exists=False)


def _actor():
    request = current_request.get()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None


def log_role_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    """``user.groups`` and ``group.user_set`` changes, whichever side made them."""
    if action == "pre_clear":
        # pk_set is empty on clear: remember what is about to go.
        if reverse:
            instance._puente_cleared_users = list(instance.user_set.all())
        else:
            instance._puente_cleared_groups = list(
                instance.groups.values_list("name", flat=True)
            )
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    added = action == "post_add"
    if reverse:  # instance is a Group, pk_set holds users
        if action == "post_clear":
            users = getattr(instance, "_puente_cleared_users", [])
        else:
            users = list(get_user_model().objects.filter(pk__in=pk_set or []))
        changes = [(user, [instance.name]) for user in users]
    else:
        if action == "post_clear":
            names = getattr(instance, "_puente_cleared_groups", [])
        else:
            names = list(
                Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True)
            )
        changes = [(instance, sorted(names))]
    request = current_request.get()
    for user, names in changes:
        if names:
            _log(
                user,
                ROLES_CHANGED,
                user=_actor(),
                request=request,
                added=names if added else [],
                removed=[] if added else names,
            )
