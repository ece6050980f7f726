"""Deletes what the retention policy (docs/privacy.md) keeps only for a time."""

from django.core.management.base import BaseCommand

from lms.accounts.privacy.retention import (
    audit_ip_days,
    purge_expired_data,
    unverified_signup_days,
)


class Command(BaseCommand):
    help = (
        "Delete sign-ups never confirmed after "
        "PUENTE_UNVERIFIED_SIGNUP_DAYS (30) days, remove client IP addresses from "
        "audit-log entries older than PUENTE_AUDIT_IP_DAYS (365) days and clear "
        "expired database sessions. Idempotent: run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be deleted; change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        result = purge_expired_data(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {result.unverified_accounts} unconfirmed sign-up(s) older than "
            f"{unverified_signup_days()} days."
        )
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(
            f"{verb} the IP address from audit entries older than "
            f"{audit_ip_days()} days: {result.audit_ips}."
        )
        if result.sessions is not None:
            self.stdout.write(f"Cleared {result.sessions} expired session(s).")
        elif not dry_run:
            self.stdout.write("Sessions expire in the cache on their own.")
