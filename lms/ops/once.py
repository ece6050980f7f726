"""Background tasks whose outside effect happens once, even when they run again.

A task's outside effect (an e-mail, a call to another system) goes through
``run_once(context, effect)``: the effect runs inside a transaction that first writes
a ``TaskEffect`` row keyed by the task result's id, so a task requeued after its
worker died (``manage.py recover_tasks``) or run twice at once finds the row and
skips the effect. Used by the certificate e-mail and the cohort invitation tasks;
the pattern is written down in docs/deployment.md ("Background tasks").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

from lms.ops.models import TaskEffect

logger = logging.getLogger("puente.tasks")


def effect_key(context: Any, name: str = "") -> str:
    """The marker's key: the task result's id (the same on every run of one
    enqueued task, different for each enqueue), plus ``name`` for a task with
    more than one effect."""
    key = str(context.task_result.id)
    return f"{key}:{name}" if name else key


def run_once(context: Any, effect: Callable[[], object], *, name: str = "") -> bool:
    """Run ``effect()`` unless a run of this same task result already did.

    Returns True if it ran now. The marker is inserted before the effect in one
    transaction: a second run blocks on it until the first commits (then skips) or
    rolls back (then runs), and an effect that raises leaves no marker, so the task
    can be tried again. What stays possible is the moment between the effect
    succeeding and the commit: a worker killed exactly there repeats the effect once
    (at least once, never lost).
    """
    key = effect_key(context, name)
    task = getattr(context.task_result.task, "module_path", "")
    with transaction.atomic():
        _marker, created = TaskEffect.objects.get_or_create(
            key=key, defaults={"task": task[:200]}
        )
        if not created:
            logger.info("Task %s %s: effect already done, not repeated", task, key)
            return False
        effect()
    return True
