"""The bench data set ``make bench`` measures (``manage.py seed_bench``): courses
built from the demo fixtures (``courses``), learners (``learners``) and their
enrollments, progress and attempts (``records``), all drawn from one seed.
Completions are announced with ``lms.learning.signals.course_completed`` so the
certificates app issues (odd courses) or queues (even courses, approval mode) their
certificates itself, as in production.
"""

from __future__ import annotations

import random
import time

from django.db import transaction

from courses.models import CoursePage
from lms.accounts.roles import sync_roles
from lms.demo.bench.courses import (
    KEY_PREFIX,
    LESSONS_PER_MODULE,
    MODULES,
    QUIZ_QUESTIONS,
    build_courses,
)
from lms.demo.bench.learners import (
    BENCH_PASSWORD,
    EMAIL_DOMAIN,
    bench_email,
    build_learners,
)
from lms.demo.bench.records import SeedCounts, build_records, course_shape
from lms.learning.signals import course_completed
from lms.models import Enrollment, User

__all__ = [
    "BENCH_PASSWORD",
    "DEFAULT_SEED",
    "EMAIL_DOMAIN",
    "KEY_PREFIX",
    "LESSONS_PER_MODULE",
    "MODULES",
    "QUIZ_QUESTIONS",
    "SeedCounts",
    "bench_email",
    "has_bench_data",
    "seed",
]

DEFAULT_SEED = 20261128


def has_bench_data() -> bool:
    return (
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()
        or CoursePage.objects.filter(import_key__startswith=KEY_PREFIX).exists()
    )


def seed(*, learners: int, courses: int, seed_value: int) -> SeedCounts:
    """Write the bench data set; the same arguments give the same rows."""
    started = time.perf_counter()
    rng = random.Random(seed_value)
    counts = SeedCounts(learners=learners, courses=courses)
    sync_roles()
    with transaction.atomic():
        built = build_courses(courses)
        shapes = [course_shape(course) for course in built]
        users = build_learners(learners, rng)
        completed = build_records(users, shapes, rng, counts)
    # Outside the transaction, as after a real completion commits: certificates
    # issues each one through its own service.
    certifying = time.perf_counter()
    for enrollment in completed:
        course_completed.send(sender=Enrollment, enrollment=enrollment)
    counts.completions = len(completed)
    counts.seconds = round(time.perf_counter() - started, 1)
    counts.certificate_seconds = round(time.perf_counter() - certifying, 1)
    return counts
