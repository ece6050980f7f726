"""lms.accounts.allauth_compat: the private allauth.mfa TOTP functions behind the
staff two-factor helpers still behave as the pinned version does."""

import inspect
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth
from allauth.mfa.utils import decrypt

from lms.accounts.allauth_compat import activate_totp, totp_code_for_counter
from tests.compat.support import relied_on
from tests.factories import UserFactory

# RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" at T = 59 s (time
# step 1) gives 94287082; authenticator apps show its last six digits.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def allauth(wrapper: str, what: str) -> str:
    return relied_on("django-allauth", f"lms.accounts.allauth_compat.{wrapper}", what)


@pytest.mark.parametrize(
    ("name", "parameters"),
    [
        ("hotp_value", ["secret", "counter"]),
        ("format_hotp_value", ["value"]),
        ("validate_totp_code", ["secret", "code"]),
    ],
)
def test_the_totp_functions_keep_their_signatures(name, parameters):
    function = getattr(auth, name, None)
    assert function is not None, allauth(
        "totp_code_for_counter", f"allauth.mfa.totp.internal.auth.{name} is gone"
    )
    found = list(inspect.signature(function).parameters)
    assert found == parameters, allauth(
        "totp_code_for_counter", f"{name} now takes {found}"
    )


def test_the_code_is_the_rfc_6238_one_and_allauth_accepts_ours():
    assert totp_code_for_counter(RFC_SECRET, 1) == "287082", allauth(
        "totp_code_for_counter", "codes are no longer six-digit RFC 6238 SHA-1"
    )
    now = totp_code_for_counter(RFC_SECRET, int(time.time()) // 30)
    assert auth.validate_totp_code(RFC_SECRET, now), allauth(
        "totp_code_for_counter", "allauth no longer accepts the code we compute"
    )


@pytest.mark.django_db
def test_activate_stores_the_secret_as_allauth_reads_it_back():
    parameters = list(inspect.signature(auth.TOTP.activate).parameters)
    assert parameters == ["user", "secret"], allauth(
        "activate_totp", f"TOTP.activate now takes {parameters}"
    )
    user = UserFactory()
    authenticator = activate_totp(user, RFC_SECRET)
    assert isinstance(authenticator, Authenticator) and authenticator.pk, allauth(
        "activate_totp", "TOTP.activate(...).instance is no longer the saved row"
    )
    assert authenticator.type == Authenticator.Type.TOTP
    assert decrypt(authenticator.data["secret"]) == RFC_SECRET, allauth(
        "activate_totp", "the secret is no longer stored as data['secret']"
    )
    code = totp_code_for_counter(RFC_SECRET, int(time.time()) // 30)
    assert authenticator.wrap().validate_code(code), allauth(
        "activate_totp", "allauth's sign-in check refuses the stored secret"
    )
