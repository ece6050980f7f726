"""``manage.py seed_bench``: realistic, deterministic data for ``make bench``.

Arguments and output only; the data set is written by ``lms.demo.bench.seed``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.demo.bench import BENCH_PASSWORD, DEFAULT_SEED, has_bench_data, seed


class Command(BaseCommand):
    help = (
        "Seed a throw-away database for `make bench`: courses built from the demo "
        "fixtures (4 modules, 16 lessons, a 20-question quiz), learners, enrollments, "
        "lesson progress, quiz attempts and certificates, all derived from --seed. "
        f"Every learner's password is {BENCH_PASSWORD!r}. Refuses production "
        "settings unless --force-production, and any database that already holds "
        "bench data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--learners", type=int, default=200, help="Learners to create (200)."
        )
        parser.add_argument(
            "--courses", type=int, default=3, help="Courses to build (3)."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed; the same seed gives the same data ({DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--force-production",
            action="store_true",
            help="Run even where demo data is not allowed (production settings).",
        )

    def handle(self, *args, **options):
        allowed = getattr(settings, "PUENTE_DEMO_DATA_ALLOWED", False)
        if not allowed and not options["force_production"]:
            raise CommandError(
                "Refusing to seed bench data with these settings (production?); "
                "pass --force-production if this really is a throw-away database."
            )
        if options["learners"] < 1 or options["courses"] < 1:
            raise CommandError("--learners and --courses must be at least 1.")
        if has_bench_data():
            raise CommandError(
                "This database already holds bench data; seed a freshly migrated "
                "database (make bench creates one)."
            )
        counts = seed(
            learners=options["learners"],
            courses=options["courses"],
            seed_value=options["seed"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {counts.learners} learners, {counts.courses} courses, "
                f"{counts.enrollments} enrollments, {counts.lesson_progress} lessons "
                f"completed, {counts.attempts} quiz attempts, {counts.completions} "
                f"completions, in {counts.seconds} s ({counts.certificate_seconds} s "
                "issuing certificates)."
            )
        )
