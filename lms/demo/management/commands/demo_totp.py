from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.accounts.mfa import get_totp_secret, seconds_left_in_period, totp_code
from lms.demo.accounts import DEMO_ACCOUNTS
from lms.models import User


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of the demo staff accounts (development "
        "only; the secret is in README.md). Refuses to run with production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "email",
            nargs="?",
            help=(
                "A demo account's email, e.g. trainer@puente.test. Without it, every "
                "demo account that has an authenticator app is listed."
            ),
        )

    def handle(self, *args, **options):
        if not getattr(settings, "PUENTE_DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Demo codes are not available with these settings (production?)."
            )
        demo_emails = [spec["email"] for spec in DEMO_ACCOUNTS]
        email = options["email"]
        if email and email.lower() not in demo_emails:
            raise CommandError(
                f"{email} is not a demo account ({', '.join(demo_emails)})."
            )
        wanted = [email.lower()] if email else demo_emails
        printed = 0
        for user in User.objects.filter(email__in=wanted).order_by("email"):
            secret = get_totp_secret(user)
            if secret is None:
                continue
            self.stdout.write(f"{user.email}: {totp_code(secret)}")
            printed += 1
        if not printed:
            raise CommandError(
                "No demo account with an authenticator app: run load_demo_data first."
            )
        self.stdout.write(f"Valid for {seconds_left_in_period()} more seconds.")
