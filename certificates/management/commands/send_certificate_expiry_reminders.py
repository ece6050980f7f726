"""``manage.py send_certificate_expiry_reminders``: queue reminder e-mails for the
certificates that expire soon. Run daily (cron or a scheduled job); the work is
``certificates.services.queue_expiry_reminders``."""

from django.core.management.base import BaseCommand

from certificates import app_settings
from certificates.services import queue_expiry_reminders


class Command(BaseCommand):
    help = (
        "Queue one email, in the learner's language, for every valid certificate "
        "that expires within PUENTE_CERTIFICATE_EXPIRY_REMINDER_DAYS (default 30) "
        "and has not been reminded yet. Safe to run repeatedly; run it daily."
    )

    def handle(self, *args, **options):
        count = queue_expiry_reminders()
        self.stdout.write(
            f"Queued {count} expiry reminder(s) for certificates expiring within "
            f"{app_settings.expiry_reminder_days()} days."
        )
