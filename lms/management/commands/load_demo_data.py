from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.demo import ensure_home_page, load_demo_courses
from lms.demo import DEMO_ACCOUNTS, ensure_demo_accounts


class Command(BaseCommand):
    help = (
        "Create the home page, the demo courses and one demo account per role. "
        "Idempotent: running it again changes nothing that exists. Refuses to run "
        "with production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--replace-courses",
            action="store_true",
            help=(
                "Delete the demo courses that exist (found by their fixture key) and "
                "import them again from fixtures/courses/, e.g. after editing them."
            ),
        )

    def handle(self, *args, **options):
        if not getattr(settings, "PUENTE_DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Demo data is not allowed with these settings (production?)."
            )
        home = ensure_home_page()
        self.stdout.write(f"Home page: {home.title} (id {home.pk})")
        for course in load_demo_courses(replace=options["replace_courses"]):
            self.stdout.write(f"Course: {course.title} (id {course.pk})")
        for user in ensure_demo_accounts():
            self.stdout.write(f"Account: {user.email}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({len(DEMO_ACCOUNTS)} accounts).")
        )
