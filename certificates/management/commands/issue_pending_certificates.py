"""``manage.py issue_pending_certificates``: the sweeper under the issue task. Run
every few minutes from the same timer as ``recover_tasks``; the work is
``certificates.services.sweeping.sweep_completions``."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from certificates.services.sweeping import DEFAULT_OLDER_THAN, sweep_completions


class Command(BaseCommand):
    help = (
        "Issue the certificate (or queue it for approval) of every completed "
        "enrollment that has neither a certificate nor a request, e.g. because its "
        "task was never queued or failed every retry. Safe to run repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=float,
            default=DEFAULT_OLDER_THAN.total_seconds() / 60,
            help="Only completions at least this old (default 10): newer ones are "
            "normally still in the worker's queue.",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=500,
            help="At most this many completions per run (default 500).",
        )

    def handle(self, *args, **options):
        sweep = sweep_completions(
            older_than=timedelta(minutes=options["older_than_minutes"]),
            limit=options["limit"],
        )
        self.stdout.write(
            f"{sweep.found} completion(s) without a certificate or request; "
            f"{len(sweep.failed)} failed."
        )
        if sweep.failed:
            self.stderr.write(f"Failed enrollments: {sweep.failed}")
