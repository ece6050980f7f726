"""What the retention policy (docs/privacy.md) deletes after a time.

Run by ``manage.py purge_expired_data`` (daily, from cron or the task worker).
Every function is idempotent and, with ``dry_run=True``, only counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

UNVERIFIED_SIGNUP_DAYS = 30
AUDIT_IP_DAYS = 365


def unverified_signup_days() -> int:
    return int(
        getattr(settings, "PUENTE_UNVERIFIED_SIGNUP_DAYS", UNVERIFIED_SIGNUP_DAYS)
    )


def audit_ip_days() -> int:
    return int(getattr(settings, "PUENTE_AUDIT_IP_DAYS", AUDIT_IP_DAYS))


@dataclass
class PurgeResult:
    unverified_accounts: int = 0
    audit_ips: int = 0
    sessions: int | None = None  # None: the session store expires its own


def get_expired_signups(now=None):
    """Sign-ups never confirmed within the window, that never signed in and hold
    nothing: cohort invitations (which have memberships) and staff are kept."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from lms.accounts.roles import LEARNERS

    now = now or timezone.now()
    cutoff = now - timedelta(days=unverified_signup_days())
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(
            date_joined__lt=cutoff,
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
            deleted_at__isnull=True,
        )
        .exclude(pk__in=verified)
        .exclude(enrollments__isnull=False)
        .exclude(cohort_memberships__isnull=False)
        .exclude(groups__in=Group.objects.exclude(name=LEARNERS))
        .distinct()
    )


def get_entries_with_old_ips(now=None):
    """Audit entries older than the window that still hold a client IP."""
    from wagtail.models import ModelLogEntry

    now = now or timezone.now()
    cutoff = now - timedelta(days=audit_ip_days())
    return ModelLogEntry.objects.filter(timestamp__lt=cutoff, data__has_key="ip")


def purge_expired_data(*, dry_run: bool = False, now=None) -> PurgeResult:
    result = PurgeResult()
    signups = get_expired_signups(now)
    entries = get_entries_with_old_ips(now)
    result.unverified_accounts = signups.count()
    result.audit_ips = entries.count()
    if dry_run:
        return result
    from wagtail.models import ModelLogEntry

    from lms.accounts.privacy.deletion import DELETED_NAME

    User = get_user_model()
    with transaction.atomic():
        ids = list(signups.values_list("pk", flat=True))
        # Entries about those accounts (failed sign-ins) stay, without the name.
        ModelLogEntry.objects.filter(
            content_type__app_label=User._meta.app_label,
            content_type__model=User._meta.model_name,
            object_id__in=[str(pk) for pk in ids],
        ).update(label=DELETED_NAME)
        User.objects.filter(pk__in=ids).delete()
        for entry in entries.only("pk", "data").iterator():
            entry.data = {k: v for k, v in entry.data.items() if k != "ip"}
            entry.save(update_fields=["data"])
    result.sessions = _clear_expired_sessions()
    return result


def _clear_expired_sessions() -> int | None:
    """Database-backed stores keep expired rows until asked; cache stores expire
    their own (``None``)."""
    from importlib import import_module

    if not settings.SESSION_ENGINE.endswith("db"):  # db and cached_db
        return None
    from django.contrib.sessions.models import Session

    expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return expired
