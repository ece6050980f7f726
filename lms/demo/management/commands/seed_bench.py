"""``manage.py seed_bench``: realistic, deterministic data for ``make bench``.

Courses are built from the demo fixtures through ``lms.demo.fixture_import`` (the
same path ``load_demo_data`` takes), each with three modules and a 20-question
final quiz; learners, enrollments, lesson progress and quiz attempts are written
with ``bulk_create``. Completions are announced with
``lms.learning.signals.course_completed`` so the certificates app issues (odd
courses) or queues (even courses, approval mode) their certificates itself, as in
production.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from courses.models import Choice, CoursePage, LessonPage, QuizPage
from lms.accounts.roles import LEARNERS, sync_roles
from lms.demo.courses import (
    COURSE_FIXTURES,
    MEDIA_FIXTURES,
    ensure_catalogue,
    ensure_demo_signatory,
    ensure_home_page,
    ensure_topics,
)
from lms.demo.fixture_import import MediaLibrary, import_course
from lms.learning.signals import course_completed
from lms.models import AttemptStatus, Enrollment, LessonProgress, QuizAttempt, User

DEFAULT_SEED = 20261128
EMAIL_DOMAIN = "bench.puente.test"
# Every bench learner signs in with this password (throw-away bench databases only).
BENCH_PASSWORD = "bench-learner-2026"  # noqa: S105
KEY_PREFIX = "bench-"
MODULES = 4
LESSONS_PER_MODULE = 4
QUIZ_QUESTIONS = 20
# A fixed "now" keeps dates (and so everything derived from them) reproducible.
EPOCH = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(0))

GIVEN = [
    "José", "María", "Ana", "Luis", "Carmen", "Jorge", "Lucía", "Miguel", "Sofía",
    "Daniel", "Emily", "James", "Sarah", "Michael", "Jessica", "David", "Ashley",
    "Rosa", "Héctor", "Ximena", "Raúl", "Guadalupe", "Kevin", "Brianna",
]  # fmt: skip
FAMILY = [
    "Núñez", "García", "Hernández", "López", "Martínez", "Peña", "Ramírez", "Solís",
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Ortiz",
    "Castañeda", "Ibáñez", "Wilson", "Moore", "Taylor", "Anderson", "Vázquez",
]  # fmt: skip
AGENCIES = [
    ("Policía Municipal de Tijuana", "police", "MX", "Baja California"),
    ("Fiscalía General del Estado de Chihuahua", "prosecutor", "MX", "Chihuahua"),
    ("DIF Sonora", "child_protection", "MX", "Sonora"),
    ("San Diego Police Department", "police", "US", "California"),
    ("El Paso County Sheriff's Office", "police", "US", "Texas"),
    ("Arizona Department of Child Safety", "child_protection", "US", "Arizona"),
    ("Homeland Security Investigations", "government", "US", "Texas"),
    ("Casa de Refugio Esperanza", "advocate", "MX", "Nuevo León"),
]


@dataclass
class SeedCounts:
    learners: int = 0
    courses: int = 0
    enrollments: int = 0
    lesson_progress: int = 0
    attempts: int = 0
    completions: int = 0
    seconds: float = field(default=0.0, compare=False)
    certificate_seconds: float = field(default=0.0, compare=False)


def bench_email(index: int) -> str:
    return f"learner-{index:05d}@{EMAIL_DOMAIN}"


def has_bench_data() -> bool:
    return (
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()
        or CoursePage.objects.filter(import_key__startswith=KEY_PREFIX).exists()
    )


# Courses ---------------------------------------------------------------------------


def _fixture(relative: str) -> dict:
    return json.loads((COURSE_FIXTURES / relative).read_text(encoding="utf-8"))


def _lesson_files() -> list[Path]:
    files = sorted(COURSE_FIXTURES.glob("*/*.json"))
    return [
        p for p in files if json.loads(p.read_text("utf-8")).get("type") == "lesson"
    ]


def _bilingual(en: str, es: str) -> dict:
    return {"en": en, "es": es}


def write_course_folder(folder: Path, number: int, lessons: list[Path]) -> None:
    """A fixture folder (fixtures/courses/SCHEMA.md) for bench course ``number``:
    the demo lessons in rotation and the demo final assessment's first 20 questions.
    """
    base = _fixture("victim-centered/course.json")
    quiz = _fixture("victim-centered/final-assessment.json")
    quiz.update(
        slug=_bilingual(f"final-quiz-{number}", f"cuestionario-final-{number}"),
        draw=None,
        max_attempts=None,
        cooldown_minutes=0,
        questions=quiz["questions"][:QUIZ_QUESTIONS],
    )
    (folder / "quiz.json").write_text(json.dumps(quiz), encoding="utf-8")
    modules = []
    for m in range(MODULES):
        items = []
        for i in range(LESSONS_PER_MODULE):
            source = lessons[(number * 7 + m * LESSONS_PER_MODULE + i) % len(lessons)]
            lesson = json.loads(source.read_text("utf-8"))
            lesson["slug"] = _bilingual(
                f"lesson-{m + 1}-{i + 1}", f"leccion-{m + 1}-{i + 1}"
            )
            name = f"m{m + 1}-l{i + 1}.json"
            (folder / name).write_text(json.dumps(lesson), encoding="utf-8")
            items.append(name)
        if m == MODULES - 1:
            items.append("quiz.json")
        modules.append(
            {
                "title": _bilingual(f"Module {m + 1}", f"Módulo {m + 1}"),
                "slug": _bilingual(f"module-{m + 1}", f"modulo-{m + 1}"),
                "intro": base["modules"][m]["intro"],
                "items": items,
            }
        )
    spec = {
        **base,
        "key": f"{KEY_PREFIX}{number:02d}",
        "title": _bilingual(
            f"{base['title']['en']} ({number})", f"{base['title']['es']} ({number})"
        ),
        "slug": _bilingual(f"bench-course-{number}", f"curso-bench-{number}"),
        "prerequisites": [],
        # Odd courses certify on completion, even ones wait for an administrator.
        "certificate": {
            **base["certificate"],
            "issue_mode": "automatic" if number % 2 else "approval",
        },
        "modules": modules,
    }
    (folder / "course.json").write_text(json.dumps(spec), encoding="utf-8")


def build_courses(count: int) -> list[CoursePage]:
    with translation.override("en"):
        catalogue = ensure_catalogue(ensure_home_page())
        topics = ensure_topics()
        signatory = ensure_demo_signatory()
        media = MediaLibrary(MEDIA_FIXTURES)
        lessons = _lesson_files()
        courses = []
        for number in range(1, count + 1):
            with tempfile.TemporaryDirectory() as tmp:
                write_course_folder(Path(tmp), number, lessons)
                courses.append(
                    import_course(
                        catalogue,
                        Path(tmp),
                        media=media,
                        topics=topics,
                        signatory=signatory,
                    )
                )
    return courses


# Learners and their records ---------------------------------------------------------


def build_learners(count: int, rng: random.Random) -> list[User]:
    password = make_password(BENCH_PASSWORD, salt="benchsalt")
    users = []
    for index in range(1, count + 1):
        agency, kind, country, state = rng.choice(AGENCIES)
        name = " ".join([rng.choice(GIVEN), rng.choice(FAMILY), rng.choice(FAMILY)])
        users.append(
            User(
                email=bench_email(index),
                full_name=name,
                agency=agency,
                agency_type=kind,
                country=country,
                state=state,
                job_title="Agente" if country == "MX" else "Officer",
                preferred_language="es" if country == "MX" else "en",
                password=password,
                date_joined=EPOCH - timedelta(days=rng.randint(30, 400)),
            )
        )
    User.objects.bulk_create(users, batch_size=1000)
    users = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("email")
    )
    group = Group.objects.get(name=LEARNERS)
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=u.pk, group_id=group.pk) for u in users], batch_size=1000
    )
    # allauth's mandatory verification: bench learners have verified addresses.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in users
        ],
        batch_size=1000,
    )
    return users


@dataclass
class CourseShape:
    course: CoursePage
    lessons: list[int]
    quiz: QuizPage
    key: list[tuple[int, list[int], set[int]]]  # (question, choices, correct)


def course_shape(course: CoursePage) -> CourseShape:
    lessons = list(
        LessonPage.objects.descendant_of(course)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    quiz = QuizPage.objects.descendant_of(course).get()
    key: dict[int, tuple[list[int], set[int]]] = {}
    for question_id, choice_id, correct in (
        Choice.objects.filter(question__quiz=quiz)
        .order_by("question__sort_order", "question_id", "sort_order", "pk")
        .values_list("question_id", "pk", "is_correct")
    ):
        choices, right = key.setdefault(question_id, ([], set()))
        choices.append(choice_id)
        if correct:
            right.add(choice_id)
    return CourseShape(course, lessons, quiz, [(q, c, r) for q, (c, r) in key.items()])


def _attempt(shape, enrollment, user_id, number, rng, started, *, passing, graded):
    questions = [
        {"id": q, "choices": rng.sample(choices, len(choices))}
        for q, choices, _right in shape.key
    ]
    rng.shuffle(questions)
    total = len(shape.key)
    correct = rng.randint(16, total) if passing else rng.randint(6, 15)
    answers = {}
    for index, (q, choices, right) in enumerate(shape.key):
        wrong = [c for c in choices if c not in right][:1] or choices[:1]
        answers[str(q)] = sorted(right) if index < correct else wrong
    attempt = QuizAttempt(
        enrollment=enrollment,
        quiz_id=shape.quiz.pk,
        user_id=user_id,
        number=number,
        started_at=started,
        questions=questions,
    )
    if graded:
        attempt.submitted_at = started + timedelta(minutes=rng.randint(6, 40))
        attempt.status = AttemptStatus.GRADED
        attempt.answers = answers
        attempt.score = (Decimal(correct) * 100 / Decimal(total)).quantize(
            Decimal("0.01")
        )
        attempt.passed = passing
    return attempt


def build_records(users, shapes, rng: random.Random, counts: SeedCounts) -> list:
    """Enrollments (1–3 courses each), progress, attempts; returns the completed ones.

    Proportions: ~20% of enrollments complete (a passed attempt, after a failed one
    for a third of them), ~50% part-way through the lessons (some with a failed or
    an unfinished attempt), ~30% enrolled without progress.
    """
    enrollments, plans = [], []
    for index, user in enumerate(users):
        picks = rng.sample(shapes, min(len(shapes), rng.choice([1, 1, 2, 2, 3])))
        if index == 0 and shapes[0] not in picks:
            picks[0] = shapes[0]  # learner 1 (the bench's signed-in learner)
        for shape in picks:
            enrolled = EPOCH - timedelta(days=rng.randint(1, 360))
            roll = rng.random()
            stage = "done" if roll < 0.20 else "partial" if roll < 0.70 else "new"
            if index == 0 and shape is shapes[0]:
                stage = "partial"
            enrollments.append(
                Enrollment(
                    user_id=user.pk,
                    course_id=shape.course.pk,
                    enrolled_at=enrolled,
                    content_note_acknowledged_at=(
                        None if stage == "new" else enrolled + timedelta(minutes=2)
                    ),
                    completed_at=(
                        enrolled + timedelta(days=rng.randint(2, 60))
                        if stage == "done"
                        else None
                    ),
                )
            )
            plans.append((user.pk, shape, stage, enrolled))
    Enrollment.objects.bulk_create(enrollments, batch_size=1000)
    # bulk_create sets primary keys on PostgreSQL and SQLite >= 3.35 alike.
    progress, attempts = [], []
    for enrollment, (user_id, shape, stage, enrolled) in zip(
        enrollments, plans, strict=True
    ):
        if stage == "new":
            continue
        done = (
            len(shape.lessons)
            if stage == "done"
            else rng.randint(1, len(shape.lessons))
        )
        for n, lesson_id in enumerate(shape.lessons[:done], start=1):
            progress.append(
                LessonProgress(
                    enrollment=enrollment,
                    lesson_id=lesson_id,
                    completed_at=enrolled + timedelta(hours=n * rng.randint(2, 30)),
                )
            )
        started = enrolled + timedelta(days=1)
        attempt = partial(
            _attempt, shape, enrollment, user_id, rng=rng, started=started
        )
        if stage == "done":
            number = 1
            if rng.random() < 1 / 3:
                attempts.append(attempt(1, passing=False, graded=True))
                number = 2
            attempts.append(attempt(number, passing=True, graded=True))
        elif done == len(shape.lessons) and rng.random() < 0.5:
            attempts.append(attempt(1, passing=False, graded=rng.random() < 0.6))
    LessonProgress.objects.bulk_create(progress, batch_size=2000)
    QuizAttempt.objects.bulk_create(attempts, batch_size=1000)
    counts.enrollments = len(enrollments)
    counts.lesson_progress = len(progress)
    counts.attempts = len(attempts)
    return [e for e in enrollments if e.completed_at is not None]


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
