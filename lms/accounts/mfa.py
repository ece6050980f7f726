"""Who must use two-factor authentication, and the TOTP helpers around allauth.mfa.

Called by ``middleware.StaffMFAMiddleware`` (admin URLs), ``lms.demo.accounts``
(the development secret of the demo staff accounts) and the ``demo_totp`` command.
The codes themselves are computed by allauth's own functions (through
``lms.accounts.allauth_compat``), so what we print is what allauth accepts.
"""

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.conf import settings

from lms.accounts.allauth_compat import activate_totp, totp_code_for_counter
from lms.accounts.roles import PROGRAM_ADMINS, TRAINERS

ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
# Reached before the admin itself: the login redirect and Wagtail's sign-out.
MFA_EXEMPT_PATHS = ("/admin/login/", "/admin/logout/")


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PATH_PREFIXES) and not path.startswith(
        MFA_EXEMPT_PATHS
    )


def is_staff_role(user) -> bool:
    """Trainers, program administrators, superusers and anyone the admin lets in."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or user.groups.filter(name__in=[TRAINERS, PROGRAM_ADMINS]).exists()
        or user.has_perm("wagtailadmin.access_admin")
    )


def has_totp(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def session_passed_mfa(request) -> bool:
    """This session signed in, or re-authenticated, with an authenticator code.

    A session signed in by password before the authenticator existed (or right after
    setting it up) must give a code before it enters the admin.
    """
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


MFA_SETUP = "setup"
MFA_CODE = "code"


def get_admin_mfa_step(request) -> str | None:
    """What this request must do before an admin URL: set up an app, give a code."""
    if not getattr(settings, "PUENTE_STAFF_MFA_REQUIRED", True):
        return None
    if not is_staff_role(request.user):
        return None
    if not has_totp(request.user):
        return MFA_SETUP
    if not session_passed_mfa(request):
        return MFA_CODE
    return None


def ensure_totp(user, secret: str) -> Authenticator:
    """Give ``user`` a TOTP authenticator with ``secret``, stored as allauth stores it.

    Idempotent: an existing authenticator is left as it is.
    """
    existing = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).first()
    if existing is not None:
        return existing
    return activate_totp(user, secret)


def get_totp_secret(user) -> str | None:
    authenticator = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).first()
    if authenticator is None:
        return None
    return decrypt(authenticator.data["secret"])


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for ``secret`` at time ``at`` (now)."""
    moment = time.time() if at is None else at
    return totp_code_for_counter(secret, int(moment) // mfa_settings.TOTP_PERIOD)


def seconds_left_in_period(at: float | None = None) -> int:
    moment = time.time() if at is None else at
    period = mfa_settings.TOTP_PERIOD
    return period - int(moment) % period
