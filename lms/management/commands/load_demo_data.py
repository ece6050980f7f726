from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.demo import ensure_home_page
from lms.demo import DEMO_ACCOUNTS, ensure_demo_accounts


class Command(BaseCommand):
    help = (
        "Create the home page, the demo courses and one demo account per role. "
        "Idempotent: running it again changes nothing that exists. Refuses to run "
        "with production settings."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "PUENTE_DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Demo data is not allowed with these settings (production?)."
            )
        home = ensure_home_page()
        self.stdout.write(f"Home page: {home.title} (id {home.pk})")
        for user in ensure_demo_accounts():
            self.stdout.write(f"Account: {user.email}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({len(DEMO_ACCOUNTS)} accounts).")
        )
