"""Expiry reminders: which valid certificates expire within the reminder window, and
queueing one e-mail for each, once. Called daily by
``manage.py send_certificate_expiry_reminders``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from certificates import app_settings
from certificates.models import Certificate, CertificateStatus
from certificates.signals import announce_certificate_event


def get_certificates_due_for_reminder(
    now: datetime | None = None,
) -> QuerySet[Certificate]:
    now = now or timezone.now()
    horizon = now + timedelta(days=app_settings.expiry_reminder_days())
    return Certificate.objects.filter(
        status=CertificateStatus.VALID,
        expires_at__gt=now,
        expires_at__lte=horizon,
        expiry_reminder_sent_at__isnull=True,
    )


def queue_expiry_reminders(now: datetime | None = None) -> int:
    """Queue one reminder per certificate expiring soon; returns how many."""
    count = 0
    for certificate in get_certificates_due_for_reminder(now):
        updated = Certificate.objects.filter(
            pk=certificate.pk, expiry_reminder_sent_at__isnull=True
        ).update(expiry_reminder_sent_at=timezone.now())
        if updated:
            announce_certificate_event(certificate, "expiring")
            count += 1
    return count
