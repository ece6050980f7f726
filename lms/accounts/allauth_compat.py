"""The private django-allauth APIs lms relies on, each behind one function.

Pinned in requirements.txt: django-allauth 65.22.1. allauth offers no public way to
give a user a TOTP authenticator with a known secret (the demo staff accounts, the
tests) or to compute the code an app shows, so ``lms.accounts.mfa`` calls these.
tests/compat/test_allauth_compat.py fails, naming the pinned version, when an upgrade
changes what they rely on: then mend the function here, and only here.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value


def activate_totp(user, secret: str) -> Authenticator:
    """Save a TOTP authenticator for ``user`` with the base32 ``secret``.

    Relies on ``allauth.mfa.totp.internal.auth.TOTP.activate(user, secret)``
    (65.22.1): it saves an ``Authenticator`` of type TOTP holding the secret
    encrypted as allauth's sign-in reads it back, and returns a wrapper whose
    ``instance`` is that row.
    """
    return TOTP.activate(user, secret).instance


def totp_code_for_counter(secret: str, counter: int) -> str:
    """The code an authenticator app shows for ``secret`` in time step ``counter``.

    Relies on ``hotp_value(secret, counter) -> int`` and ``format_hotp_value(value)
    -> str`` of ``allauth.mfa.totp.internal.auth`` (65.22.1), the two functions
    allauth's own ``validate_totp_code`` compares a typed code against.
    """
    return format_hotp_value(hotp_value(secret, counter))
