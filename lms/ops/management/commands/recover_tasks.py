"""``manage.py recover_tasks``: requeue background tasks whose worker died.

Run it every few minutes (cron, a systemd timer) and before starting a worker; see
docs/deployment.md ("Background tasks"). The work is ``lms.ops.task_recovery``.
"""

from django.core.management.base import BaseCommand

from lms.ops.task_recovery import DEFAULT_KEEP_EFFECTS_DAYS, recover_tasks


class Command(BaseCommand):
    help = (
        "Put tasks that have been RUNNING longer than --stale-after seconds back in "
        "the queue (their worker died), and delete effect markers older than "
        "--keep-effects-days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-after",
            type=int,
            default=None,
            help="Seconds a task may run before it counts as abandoned (default: "
            "PUENTE_TASK_STALE_SECONDS, 900).",
        )
        parser.add_argument(
            "--keep-effects-days",
            type=int,
            default=DEFAULT_KEEP_EFFECTS_DAYS,
            help="Days to keep the markers of effects already done (default: 30; "
            "longer than any task result is kept).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say what would be requeued and pruned.",
        )

    def handle(self, *args, stale_after, keep_effects_days, dry_run, **options):
        result = recover_tasks(
            stale_after=stale_after,
            keep_effects_days=keep_effects_days,
            dry_run=dry_run,
        )
        verb = "Would requeue" if dry_run else "Requeued"
        self.stdout.write(f"{verb} {len(result.requeued)} abandoned task(s).")
        for task_id in result.requeued:
            self.stdout.write(f"  {task_id}")
        verb = "Would prune" if dry_run else "Pruned"
        self.stdout.write(f"{verb} {result.effects_pruned} old effect marker(s).")
