"""The invitation a new account gets when a cohort import creates it: in the
learner's language, with a link to set a password (allauth's password-reset key).

Built here and sent by ``lms.cohorts.tasks.send_cohort_invitation``. Setting the
password through that link verifies the address (``verify_invited_address``, on
allauth's ``password_reset`` signal; connected from ``lms.apps``).
"""

from __future__ import annotations

from urllib.parse import quote

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def set_password_url(user, language: str) -> str:
    """Absolute link to allauth's "set a new password" form, valid for
    ``PASSWORD_RESET_TIMEOUT`` and only until the password changes."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    with translation.override(language):
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        )
    return f"{settings.BASE_URL}{path.replace('UID-KEY', quote(key))}"


def build_invitation_email(user, cohort) -> EmailMultiAlternatives:
    language = (
        user.preferred_language if user.preferred_language in ("en", "es") else "en"
    )
    with translation.override(language):
        context = {
            "name": user.full_name,
            "cohort": cohort.name if cohort else "",
            "courses": [str(c.title) for c in cohort.courses.all()] if cohort else [],
            "url": set_password_url(user, language),
        }
        subject = render_to_string(
            "lms/admin/email/invitation_subject.txt", context
        ).strip()
        body = render_to_string("lms/admin/email/invitation_body.txt", context)
    return EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def is_unconfirmed_invitee(user) -> bool:
    """An account a cohort import created that has not been used yet: it belongs
    to a cohort, has never signed in and its address is not verified."""
    return (
        user.last_login is None
        and user.cohort_memberships.exists()
        and EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified=False
        ).exists()
    )


def verify_invited_address(user) -> bool:
    """The invitation's set-password link was mailed to ``user.email`` and only
    works for this account: setting the password with it proves the learner
    reads that address, so it becomes verified and primary and allauth asks for no
    confirmation at the first sign-in. Returns whether anything changed."""
    if not is_unconfirmed_invitee(user):
        return False
    address = EmailAddress.objects.get(user=user, email__iexact=user.email)
    address.verified = True
    address.save(update_fields=["verified"])
    address.set_as_primary()
    return True


@receiver(password_reset)
def verify_address_of_invitee(sender, request, user, **kwargs):
    verify_invited_address(user)
