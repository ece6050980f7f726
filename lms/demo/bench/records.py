"""Bench learning records: enrollments, lesson progress and quiz attempts in the
proportions of a live programme, written with ``bulk_create``. Called by
``lms.demo.bench.seed``."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import partial

from courses.models import Choice, CoursePage, LessonPage, QuizPage
from courses.services import get_quiz_key
from lms.demo.bench.learners import EPOCH
from lms.models import AttemptStatus, Enrollment, LessonProgress, QuizAttempt


@dataclass
class SeedCounts:
    """What one seed wrote (the timings are not part of equality)."""

    learners: int = 0
    courses: int = 0
    enrollments: int = 0
    lesson_progress: int = 0
    attempts: int = 0
    completions: int = 0
    seconds: float = field(default=0.0, compare=False)
    certificate_seconds: float = field(default=0.0, compare=False)


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
    # Correctness through the key, as every reader outside courses; choices in order.
    correct = get_quiz_key(quiz)
    choices: dict[int, list[int]] = {}
    for question_id, choice_id in (
        Choice.objects.filter(question__quiz=quiz)
        .order_by("question__sort_order", "question_id", "sort_order", "pk")
        .values_list("question_id", "pk")
    ):
        choices.setdefault(question_id, []).append(choice_id)
    key = [(q, c, set(correct[q].correct_choice_ids)) for q, c in choices.items()]
    return CourseShape(course, lessons, quiz, key)


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
