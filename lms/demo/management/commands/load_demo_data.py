"""``manage.py load_demo_data``: the demo site in one idempotent command.

It composes courses (pages), lms (accounts, cohort and learning activity) and
certificates (the decisions a program administrator took on the demo certificates),
all through ``lms.demo``, which production settings do not install.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from lms.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from lms.demo.activity import (
    ensure_demo_activity,
    remove_demo_activity,
)
from lms.demo.certificates import decide_demo_certificates
from lms.demo.courses import ensure_home_page, load_demo_courses

# The demo learners are fictional (addresses at example.org): the certificate
# emails the app sends them on issue, approval and revocation go nowhere, rather
# than filling the console with PDF attachments while ``make setup`` runs.
SILENT_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create the home page, the demo courses, one demo account per role and the "
        "demo activity (a cohort of fictional learners with enrollments, quiz "
        "attempts and certificates, for the reports). Idempotent: running it again "
        "changes nothing that exists. Refuses to run with production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--replace-courses",
            action="store_true",
            help=(
                "Delete the demo courses that exist (found by their fixture key) and "
                "import them again from fixtures/courses/, e.g. after editing them. "
                "The demo activity is made again too (it points at the courses)."
            ),
        )
        parser.add_argument(
            "--replace-activity",
            action="store_true",
            help=(
                "Delete the demo learners (with their records and certificates) and "
                "the demo cohort, and make them again with dates counted from today."
            ),
        )

    def handle(self, *args, **options):
        if not getattr(settings, "PUENTE_DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Demo data is not allowed with these settings (production?)."
            )
        if options["replace_courses"] or options["replace_activity"]:
            removed = remove_demo_activity()
            self.stdout.write(f"Removed the demo activity ({removed} learners).")
        home = ensure_home_page()
        self.stdout.write(f"Home page: {home.title} (id {home.pk})")
        for course in load_demo_courses(replace=options["replace_courses"]):
            self.stdout.write(f"Course: {course.title} (id {course.pk})")
        for user in ensure_demo_accounts():
            self.stdout.write(f"Account: {user.email}")
        with override_settings(EMAIL_BACKEND=SILENT_EMAIL), transaction.atomic():
            activity = ensure_demo_activity()
            if activity is not None:
                # Runs after the certificates app's own receivers, which issue or
                # queue the certificates once this transaction commits.
                transaction.on_commit(decide_demo_certificates)
        if activity is None:
            self.stdout.write("Demo activity: already there, left as it is.")
        else:
            self.stdout.write(
                f"Demo activity: cohort “{activity.cohort.name}”, "
                f"{activity.learners} learners, {activity.enrollments} enrollments, "
                f"{activity.completions} completions, {activity.attempts} quiz "
                "attempts."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({len(DEMO_ACCOUNTS)} accounts).")
        )
