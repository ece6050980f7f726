"""Tasks left "running" by a worker that died (``kill -9``, a lost machine) are put
back in the queue, and old effect markers are pruned. django-tasks' database backend
never does this itself: such a task would stay RUNNING for ever and its e-mail
would never be sent. Called by ``manage.py recover_tasks``, run from a timer and
before each worker starts (docs/deployment.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lms.ops.models import TaskEffect

# Longer than any of Puente's tasks takes (an e-mail: about a second), so a task a
# live worker is still running is not handed to another one.
DEFAULT_STALE_SECONDS = 15 * 60
DEFAULT_KEEP_EFFECTS_DAYS = 30


def stale_seconds() -> int:
    return int(getattr(settings, "PUENTE_TASK_STALE_SECONDS", DEFAULT_STALE_SECONDS))


@dataclass(frozen=True)
class Recovery:
    requeued: list[str]
    effects_pruned: int


def recover_tasks(
    *,
    stale_after: int | None = None,
    keep_effects_days: int = DEFAULT_KEEP_EFFECTS_DAYS,
    dry_run: bool = False,
) -> Recovery:
    """Requeue tasks RUNNING for more than ``stale_after`` seconds; prune markers.

    A requeued task runs again from the start, so every task must be safe to
    repeat (``lms.ops.once``). Should a worker still be running it after all, its
    late result overwrites the row and the effect is still done once.
    """
    now = timezone.now()
    seconds = stale_seconds() if stale_after is None else stale_after
    cutoff = now - timedelta(seconds=seconds)
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    )
    ids = [str(pk) for pk in stale.values_list("pk", flat=True)]
    old_effects = TaskEffect.objects.filter(
        done_at__lt=now - timedelta(days=keep_effects_days)
    )
    if dry_run:
        return Recovery(requeued=ids, effects_pruned=old_effects.count())
    # The status is checked again in the UPDATE: a task finished meanwhile stays so.
    stale.filter(pk__in=ids).update(status=TaskResultStatus.READY, started_at=None)
    pruned, _ = old_effects.delete()
    return Recovery(requeued=ids, effects_pruned=pruned)
