"""``manage.py check_demo_content``: the demo course fixtures against the content rules.

Reads fixtures/courses/*/ (no database) through ``lms.demo.content_check`` and prints,
per course, words, hours, quiz figures, near-duplicates and one line per problem.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from lms.demo.content_check import check_demo_course, describe
from lms.demo.courses import COURSE_FIXTURES, COURSE_ORDER, MEDIA_FIXTURES
from lms.demo.fixture_reader import course_folders


class Command(BaseCommand):
    # Reads files only: it runs while the rest of the project is mid-change.
    requires_system_checks = []
    help = (
        "Check the demo course fixtures (fixtures/courses/) against the rules of the "
        "curriculum plan: both languages, quiz pools, draws, attempts and cooldowns, "
        "option-length bias, near-duplicate questions, objectives and their "
        "coverage, lesson references and declared vs estimated hours. Needs no "
        "database. Exits with status 1 when a rule is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--course",
            action="append",
            metavar="KEY",
            help=(
                "Check only this course folder (e.g. victim-centered); repeat for "
                "several. Default: every folder with a course.json."
            ),
        )
        parser.add_argument(
            "--no-warnings",
            action="store_true",
            help=(
                "Print problems only, not warnings (option-length ratios, similar "
                "question pairs, lesson durations)."
            ),
        )

    def handle(self, *args, **options):
        folders = course_folders(COURSE_FIXTURES, COURSE_ORDER)
        wanted = options["course"]
        if wanted:
            unknown = set(wanted) - {folder.name for folder in folders}
            if unknown:
                raise CommandError(f"No course folder {', '.join(sorted(unknown))}.")
            folders = [folder for folder in folders if folder.name in wanted]
        total = 0
        with translation.override("en"):
            for folder in folders:
                check = check_demo_course(folder, MEDIA_FIXTURES)
                for line in describe(check, warnings=not options["no_warnings"]):
                    self.stdout.write(line)
                total += len(check.problems)
        if total:
            self.stdout.write(self.style.ERROR(f"{total} problems."))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("No problems."))
