"""In-process half of ``make bench-burst`` (run by scripts/bench/burst.py, never
imported). Both print one JSON object on stdout.

``setup``, on a database ``seed_bench`` has just seeded with one course: makes
``--learners`` accounts (``cohort-NNN@burst.puente.test``, the bench password,
verified addresses, in the Learners group) enrolled in bench course 1 (certified
on completion) as a cohort about to start: the content note not yet acknowledged,
and every lesson but the first two recorded as done (the pre-work), so that a
passed quiz completes the course and the worker has certificates to issue. Prints
the URLs, the learners and the quiz's answer key (half of the learners answer with
it, as ``measure.py prepare`` does for the submit load).

``check --journeys FILE`` (the locustfile's output), after the worker has drained:
the cohort's rows. Every attempt whose submission the load saw answered is graded
(one attempt per enrollment, graded, with a score and a submission time); every
graded attempt passed exactly when its learner answered with the key (every other
learner: cohort-001, -003, ...); every completion has exactly one certificate and
nothing else has one; the tasks by name and state.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.utils import translation  # noqa: E402

from certificates.models import Certificate  # noqa: E402
from courses.models import CoursePage, LessonPage, QuizPage  # noqa: E402
from courses.services import get_quiz_key  # noqa: E402
from lms.accounts.roles import LEARNERS  # noqa: E402
from lms.demo.bench import BENCH_PASSWORD, KEY_PREFIX  # noqa: E402
from lms.models import (  # noqa: E402
    AttemptStatus,
    Enrollment,
    LessonProgress,
    QuizAttempt,
    User,
)

EMAIL_DOMAIN = "burst.puente.test"
LESSONS_READ = 2  # read in the burst; the others are the cohort's pre-work


def cohort_email(index: int) -> str:
    return f"cohort-{index:03d}@{EMAIL_DOMAIN}"


def setup(args) -> dict:
    course = CoursePage.objects.get(import_key=f"{KEY_PREFIX}01")
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path").specific())
    quiz = QuizPage.objects.descendant_of(course).get()
    password = make_password(BENCH_PASSWORD, salt="burstsalt")
    User.objects.bulk_create(
        [
            User(
                email=cohort_email(i),
                full_name=f"Cohort Learner {i:03d}",
                agency="San Diego Police Department",
                agency_type="police",
                country="US",
                state="California",
                job_title="Officer",
                preferred_language="en",
                password=password,
            )
            for i in range(1, args.learners + 1)
        ]
    )
    users = list(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}"))
    group = Group.objects.get(name=LEARNERS)
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=u.pk, group_id=group.pk) for u in users]
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in users
        ]
    )
    enrollments = Enrollment.objects.bulk_create(
        [Enrollment(user_id=u.pk, course_id=course.pk) for u in users]
    )
    LessonProgress.objects.bulk_create(
        [
            LessonProgress(enrollment=e, lesson_id=lesson.pk)
            for e in enrollments
            for lesson in lessons[LESSONS_READ:]
        ]
    )
    key = get_quiz_key(quiz)
    with translation.override("en"):
        out = {
            "course_url": course.get_url(),
            "lesson_urls": [lesson.get_url() for lesson in lessons[:LESSONS_READ]],
            "quiz_url": quiz.get_url(),
            "course_id": course.pk,
            "quiz_id": quiz.pk,
            "lessons": len(lessons),
            "content_note": bool(course.content_note),
            "learners": sorted(u.email for u in users),
            "password": BENCH_PASSWORD,
            "key": {str(q): sorted(k.correct_choice_ids) for q, k in key.items()},
        }
    return out


def check(args) -> dict:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    journeys = json.loads(args.journeys.read_text())["journeys"]
    cohort = {"user__email__endswith": f"@{EMAIL_DOMAIN}"}
    attempts = {a.user.email: a for a in QuizAttempt.objects.filter(**cohort)}
    per_enrollment = (
        QuizAttempt.objects.filter(**cohort)
        .values("enrollment")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    submitted = [j for j in journeys if j.get("submitted")]
    wrong = []
    for journey in submitted:
        attempt = attempts.get(journey["email"])
        if (
            attempt is None
            or attempt.pk != journey["attempt"]
            or attempt.status != AttemptStatus.GRADED
            or attempt.submitted_at is None
            or attempt.score is None
        ):
            wrong.append(journey["email"])
    graded = [a for a in attempts.values() if a.is_graded]
    mismatched = [
        email
        for email, a in attempts.items()
        if a.is_graded and a.passed != (int(email[7:10]) % 2 == 1)
    ]
    enrollments = Enrollment.objects.filter(**cohort).annotate(
        n_certificates=Count("certificates", distinct=True),
        lessons_done=Count("lesson_progress", distinct=True),
    )
    completed = [e for e in enrollments if e.completed_at is not None]
    tasks = {}
    for row in DBTaskResult.objects.values("task_path", "status").annotate(
        n=Count("pk")
    ):
        name = row["task_path"].rsplit(".", 1)[1]
        tasks.setdefault(name, {})[row["status"]] = row["n"]
    return {
        "journeys": len(journeys),
        "journeys_submitted": len(submitted),
        "attempts": len(attempts),
        "attempts_graded": len(graded),
        "attempts_passed": sum(a.passed for a in graded),
        "attempts_in_progress": len(attempts) - len(graded),
        "enrollments_with_several_attempts": per_enrollment,
        "submitted_not_graded_once": wrong,
        "graded_pass_not_as_answered": mismatched,
        "all_lessons_done": sum(e.lessons_done == args.lessons for e in enrollments),
        "completions": len(completed),
        "completions_expected": sum(a.passed for a in graded),
        "completions_without_one_certificate": [
            e.pk for e in completed if e.n_certificates != 1
        ],
        "certificates": Certificate.objects.filter(**cohort).count(),
        "certificates_without_completion": sum(
            e.n_certificates for e in enrollments if e.completed_at is None
        ),
        "tasks": tasks,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup").add_argument("--learners", type=int, default=300)
    checking = commands.add_parser("check")
    checking.add_argument("--journeys", type=Path, required=True)
    checking.add_argument("--lessons", type=int, default=16)
    args = parser.parse_args()
    print(json.dumps((setup if args.command == "setup" else check)(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
