"""What the signed-in pages keep per learner in the cache, and when it is dropped.

Each learner has a version (``learner_version``); everything kept for them is stored
under it, so ``forget_learner`` makes it all stale at once, on every server. It is
called by the receivers below on any save or delete of the learner's records
(enrollments, lesson progress, attempts, practice rounds), by the services that
write with ``update()`` (completion, content note, last page), and by certificates
when a certificate or request changes. Values stored here are one learner's: their
keys always carry the user's id. Read by ``lms.learning.lesson_shell`` and the
dashboard (docs/decisions/0011).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from lms.models import Enrollment, LessonProgress, PracticeRound, QuizAttempt, User

T = TypeVar("T")

VERSION_KEY = "puente:learner:{user_id}:version"
VALUE_KEY = "puente:learner:{user_id}:{version}:{name}"
PERMISSIONS_KEY = "puente:permissions:generation"
# Long enough to be worth it, short enough that anything written past the
# receivers (a raw SQL fix, a restore) is seen within minutes.
LEARNER_SECONDS = 10 * 60


def _new_version() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def _bump(user_id: int) -> None:
    cache.set(VERSION_KEY.format(user_id=user_id), _new_version(), LEARNER_SECONDS)


def forget_learner(user_id: int | None) -> None:
    """Drop what is kept for this learner: now, and again once the transaction
    commits, so a page read from the old rows in between is stored under a version
    nobody asks for any more."""
    if user_id is None:
        return
    _bump(user_id)
    transaction.on_commit(lambda: _bump(user_id))


def learner_version(user_id: int) -> str:
    key = VERSION_KEY.format(user_id=user_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, _new_version(), LEARNER_SECONDS)
        version = cache.get(key) or _new_version()
    return version


def remember_for_learner(
    user_id: int, name: str, build: Callable[[], T], seconds: int = LEARNER_SECONDS
) -> T:
    """``build()``, kept for this learner until ``forget_learner`` (or ``seconds``)."""
    key = VALUE_KEY.format(user_id=user_id, version=learner_version(user_id), name=name)
    found = cache.get(key)
    if found is not None:
        return found[0]
    value = build()
    cache.set(key, (value,), seconds)
    return value


def can_access_admin(user: User) -> bool:
    """``perms.wagtailadmin.access_admin`` for the layout's Admin link, kept per
    user until any group or permission assignment changes (two queries saved)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    generation = cache.get(PERMISSIONS_KEY)
    if generation is None:
        cache.add(PERMISSIONS_KEY, _new_version(), None)
        generation = cache.get(PERMISSIONS_KEY)
    key = f"puente:permissions:{generation}:{user.pk}:admin"
    found = cache.get(key)
    if found is None:
        found = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, found, LEARNER_SECONDS)
    return found


def forget_permissions(**kwargs: Any) -> None:
    cache.set(PERMISSIONS_KEY, _new_version(), None)


# Receivers ---------------------------------------------------------------------------


def _record_changed(sender, instance, **kwargs) -> None:
    user_id = getattr(instance, "user_id", None)
    if user_id is None and hasattr(instance, "enrollment_id"):
        # Progress and rounds belong to an enrollment: its learner, without a
        # query when the service passed the enrollment it wrote for.
        if sender.enrollment.is_cached(instance):
            user_id = instance.enrollment.user_id
        else:
            user_id = (
                Enrollment.objects.filter(pk=instance.enrollment_id)
                .values_list("user_id", flat=True)
                .first()
            )
    forget_learner(user_id)


def _user_changed(sender, instance, **kwargs) -> None:
    forget_learner(instance.pk)


def connect_receivers() -> None:
    """Called by ``LmsConfig.ready``."""
    for model in (Enrollment, LessonProgress, QuizAttempt, PracticeRound):
        uid = f"lms_learner_cache_{model.__name__}"
        post_save.connect(_record_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"{uid}_d")
    post_save.connect(_user_changed, sender=User, dispatch_uid="lms_learner_cache_u")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(forget_permissions, sender=through)
    m2m_changed.connect(forget_permissions, sender=Group.permissions.through)
    for model in (Group, Permission):
        post_delete.connect(forget_permissions, sender=model)
