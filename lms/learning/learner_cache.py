"""What the signed-in pages keep per learner in the cache, and when it is dropped.

Each learner has a version (``VERSION_KEY``); everything kept for them is stored
under it, so ``forget_learner`` makes it all stale at once, on every server. It is
called by the receivers below on any save or delete of the learner's records
(enrollments, lesson progress, attempts, practice rounds), by the services that
write with ``update()`` (completion, content note, last page), and by certificates
when a certificate or request changes. Values stored here are one learner's: their
keys always carry the user's id. They may show what the learner's permissions allow
(the layout's Admin link), so they are kept under the permission generation too, and
any group or permission change makes them stale with the rest. Read by
``lms.learning.lesson_shell`` and the dashboard (docs/decisions/0011).
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

from courses.cache import GENERATION_KEY, generation_from
from lms.models import Enrollment, LessonProgress, PracticeRound, QuizAttempt, User

T = TypeVar("T")

VERSION_KEY = "puente:learner:{user_id}:version"
VALUE_KEY = "puente:learner:{user_id}:{stamp}:{name}"
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


def _started(key: str, seconds: int | None) -> str:
    """The value of a version key that was not found: set now, unless another
    request set it meanwhile."""
    cache.add(key, _new_version(), seconds)
    return cache.get(key) or _new_version()


def _stamp(user_id: int, *, content: bool) -> str:
    """What this learner's keys carry so that a change makes them stale: their
    version, the permission generation and, with ``content``, the content
    generation. One cache read for all."""
    version_key = VERSION_KEY.format(user_id=user_id)
    keys = [version_key, PERMISSIONS_KEY, *([GENERATION_KEY] if content else [])]
    found = cache.get_many(keys)
    version = found.get(version_key) or _started(version_key, LEARNER_SECONDS)
    permissions = found.get(PERMISSIONS_KEY) or _started(PERMISSIONS_KEY, None)
    if not content:
        return f"{version}:{permissions}"
    return f"{version}:{permissions}:{generation_from(found)}"


def learner_key(user_id: int, name: str, *, content: bool = False) -> str:
    """The cache key of this learner's value ``name`` as things stand (one cache
    read), for callers that read and write it themselves."""
    stamp = _stamp(user_id, content=content)
    return VALUE_KEY.format(user_id=user_id, stamp=stamp, name=name)


def remember_for_learner(
    user_id: int,
    name: str,
    build: Callable[[], T],
    seconds: int = LEARNER_SECONDS,
    *,
    content: bool = False,
) -> T:
    """``build()``, kept for this learner until ``forget_learner``, a permission
    change, ``seconds`` and, with ``content``, the next content change (two cache
    reads)."""
    key = learner_key(user_id, name, content=content)
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
    generation = cache.get(PERMISSIONS_KEY) or _started(PERMISSIONS_KEY, None)
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
