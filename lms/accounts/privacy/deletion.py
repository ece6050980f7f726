"""Self-service account deletion: anonymise the person, keep the records.

``get_deletion_refusal(user)`` decides, ``delete_account(user)`` does it. The
learning records stay (programme statistics count them) but point at an anonymous
account; other apps react through the ``puente_account_deleted`` hook inside the
same transaction (certificates keeps issued certificates verifiable). See
docs/decisions/0005-account-deletion.md.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log

from lms.accounts.privacy import DELETE_ACTION
from lms.hooks import ACCOUNT_DELETED

# Stored, not translated: it replaces a name, in every language.
DELETED_NAME = "Deleted account"
DELETED_EMAIL_DOMAIN = "deleted.invalid"  # RFC 2606: can never receive mail


def get_deletion_refusal(user) -> str | None:
    """Why this account cannot delete itself, or ``None``.

    Staff accounts hold other people's work (approvals, issued certificates,
    imports); a superuser removes their roles first, so the programme is never
    left without the person who can act.
    """
    from lms.accounts.roles import LEARNERS

    if user.is_deleted:
        return str(_("This account has already been deleted."))
    if (
        user.is_superuser
        or user.is_staff
        or user.groups.exclude(name=LEARNERS).exists()
    ):
        return str(
            _(
                "Staff accounts cannot be deleted here. Ask a superuser to remove "
                "your trainer or administrator role first."
            )
        )
    return None


def can_delete_account(user) -> bool:
    return get_deletion_refusal(user) is None


def anonymous_email() -> str:
    return f"deleted-{uuid.uuid4().hex}@{DELETED_EMAIL_DOMAIN}"


def delete_account(user) -> None:
    """Anonymise ``user`` in one transaction; refuses what ``get_deletion_refusal``
    refuses.

    The password becomes unusable, which also ends every other session (their
    stored password hash no longer matches) and the account is made inactive; the
    caller signs the current session out.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.models import ModelLogEntry

    refusal = get_deletion_refusal(user)
    if refusal:
        raise PermissionError(refusal)
    with transaction.atomic():
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.full_name = DELETED_NAME
        user.email = anonymous_email()
        user.agency = ""
        user.state = ""
        user.job_title = ""
        user.set_unusable_password()
        user.is_active = False
        user.deleted_at = timezone.now()
        user.save()
        # Earlier entries about the account were labelled with the person's name.
        ModelLogEntry.objects.for_instance(user).update(label=DELETED_NAME)
        # After anonymising: whatever the hooks log is labelled without the name.
        for fn in hooks.get_hooks(ACCOUNT_DELETED):
            fn(user)
        log(user, DELETE_ACTION, user=user, data={})
