"""The demo activity: makes the records of ``lms.demo.learners`` so the reports,
charts and approval queue have something to show on day one.

Enrollment, the content note, failed and retaken quizzes, final quizzes and
completion go through lms's services (and their gates); lesson progress and module
quizzes passed at the first try are bulk-written; dates are then moved into the
past so completions spread over about six months. Certificates follow from
``course_completed`` as in production. The documented demo accounts are never
touched. Called by ``load_demo_data``.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, QuizPage
from courses.services import get_course_outlines, get_quiz_key
from lms.accounts.roles import LEARNERS
from lms.demo.learners import (
    AGENCIES,
    DEMO_COHORT_COURSES,
    DEMO_COHORT_NAME,
    DEMO_COHORT_PLACE,
    DEMO_COHORT_STARTED_DAYS_AGO,
    DEMO_LEARNER_DOMAIN,
    DEMO_LEARNERS,
    MONTHS,
    Plan,
)
from lms.demo.practice_activity import play_demo_practices
from lms.learning.services.attempts import draw_questions, start_attempt, submit_attempt
from lms.learning.services.completion import record_completion_if_done
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import (
    AttemptStatus,
    Cohort,
    CohortMember,
    Enrollment,
    LessonProgress,
    QuizAttempt,
    User,
)


def demo_learner_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_LEARNER_DOMAIN}"


def demo_learner_emails() -> list[str]:
    return [demo_learner_email(learner.email) for learner in DEMO_LEARNERS]


def has_demo_activity() -> bool:
    return User.objects.filter(email__in=demo_learner_emails()).exists()


def get_demo_cohorts():
    return Cohort.objects.filter(
        name__startswith=DEMO_COHORT_NAME, place=DEMO_COHORT_PLACE
    )


@dataclass
class DemoActivity:
    cohort: Cohort
    learners: int = 0
    enrollments: int = 0
    completions: int = 0
    attempts: int = 0


@transaction.atomic
def ensure_demo_activity(*, now: datetime | None = None) -> DemoActivity | None:
    """Create the demo learners, their cohort and their activity, once.

    Returns None when the demo learners exist already (nothing is changed, so the
    activity stays as it was first made, dates included). Certificates are issued
    or queued by the ``course_completed`` receivers after the transaction commits.
    """
    if has_demo_activity():
        return None
    now = now or timezone.now()
    wanted = {plan.course for learner in DEMO_LEARNERS for plan in learner.plans}
    courses = {
        c.import_key: c for c in CoursePage.objects.filter(import_key__in=wanted)
    }
    outlines = get_course_outlines(list(courses.values()))
    quiz_ids = [
        item.pk
        for outline in outlines.values()
        for item in outline.items
        if item.kind == "quiz"
    ]
    quizzes = QuizPage.objects.in_bulk(quiz_ids)
    keys = {}  # answer keys by quiz id, read once
    users = _create_demo_learners()
    activity = DemoActivity(
        cohort=_create_demo_cohort(users, courses, now), learners=len(users)
    )
    for index, learner in enumerate(DEMO_LEARNERS):
        rng = random.Random(f"puente-demo-{learner.email}")  # noqa: S311 (not secret)
        for plan in learner.plans:
            course = courses.get(plan.course)
            if course is None:  # a demo course an editor deleted
                continue
            enrollment = _follow_plan(
                users[learner.email],
                course,
                outlines[course.pk],
                quizzes,
                keys,
                plan,
                now=now,
                minute=(index * 37) % 420,
                rng=rng,
                activity=activity,
            )
            activity.enrollments += 1
            activity.completions += enrollment is not None
    return activity


def remove_demo_activity() -> int:
    """Delete the demo learners (their records and certificates go with them) and
    the demo cohort, e.g. before the demo courses are imported again. Returns how
    many learners were deleted."""
    with transaction.atomic():
        get_demo_cohorts().delete()
        count = User.objects.filter(email__in=demo_learner_emails()).count()
        User.objects.filter(email__in=demo_learner_emails()).delete()
    return count


def _create_demo_learners() -> dict[str, User]:
    """Accounts that cannot sign in (unusable password, no verified address)."""
    learners = []
    for learner in DEMO_LEARNERS:
        agency, agency_type, country, state = AGENCIES[learner.agency]
        learners.append(
            User(
                email=demo_learner_email(learner.email),
                password=make_password(None),
                full_name=learner.full_name,
                agency=agency,
                agency_type=agency_type,
                country=country,
                state=state,
                job_title=learner.job_title,
                preferred_language=learner.language,
            )
        )
    User.objects.bulk_create(learners)
    users = {
        user.email.split("@")[0]: user
        for user in User.objects.filter(email__in=demo_learner_emails())
    }
    group = Group.objects.get(name=LEARNERS)
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=user.pk, group_id=group.pk) for user in users.values()]
    )
    return users


def _local_day(now: datetime, days_ago: int, minute: int) -> datetime:
    """``days_ago`` days before ``now``, during office hours (local time)."""
    day = timezone.localtime(now) - timedelta(days=days_ago)
    moment = day.replace(hour=8, minute=0, second=0, microsecond=0)
    return min(moment + timedelta(minutes=minute), now - timedelta(hours=1))


def _create_demo_cohort(users: dict, courses: dict, now: datetime) -> Cohort:
    start = timezone.localdate(now) - timedelta(days=DEMO_COHORT_STARTED_DAYS_AGO)
    cohort = Cohort.objects.create(
        name=f"{DEMO_COHORT_NAME}, {MONTHS[start.month - 1]} {start.year}",
        start_date=start,
        end_date=start + timedelta(days=2),
        place=DEMO_COHORT_PLACE,
        created_at=_local_day(now, DEMO_COHORT_STARTED_DAYS_AGO + 20, 0),
    )
    cohort.courses.set([courses[key] for key in DEMO_COHORT_COURSES if key in courses])
    added_at = _local_day(now, DEMO_COHORT_STARTED_DAYS_AGO, 0)
    CohortMember.objects.bulk_create(
        [
            CohortMember(cohort=cohort, user=users[learner.email], added_at=added_at)
            for learner in DEMO_LEARNERS
            if learner.in_cohort
        ]
    )
    return cohort


def _follow_plan(
    user, course, outline, quizzes, keys, plan: Plan, *, now, minute, rng, activity
) -> Enrollment | None:
    """Enroll, read and take the quizzes of ``plan``; returns the enrollment when
    the course was completed (through the completion service), else None."""
    enrollment = enroll_user(user, course)
    items = outline.items
    done = items[: round(plan.share * len(items))]
    enrolled_at = _local_day(now, plan.enrolled, minute)
    last_at = max(_local_day(now, plan.last, minute + 240), enrolled_at)
    step = (last_at - enrolled_at) / max(len(done), 1)
    moments = [enrolled_at + step * (number + 1) for number in range(len(done))]
    LessonProgress.objects.bulk_create(
        [
            LessonProgress(enrollment=enrollment, lesson_id=item.pk, completed_at=at)
            for item, at in zip(done, moments, strict=True)
            if item.kind == "lesson"
        ]
    )
    quiz_items = [item for item in items if item.kind == "quiz"]
    final_quiz_id = quiz_items[-1].pk if quiz_items else None
    first_quiz_id = quiz_items[0].pk if quiz_items else None
    finished_at = moments[-1] if done else None
    perfect, graded = [], []
    for item, at in zip(done, moments, strict=True):
        if item.kind != "quiz":
            continue
        quiz = quizzes[item.pk]
        if quiz.pk not in keys:
            keys[quiz.pk] = get_quiz_key(quiz.pk)
        if item.pk == final_quiz_id:
            graded.append((quiz, at, plan.final))
        elif plan.retake and item.pk == first_quiz_id:
            graded.append((quiz, at, (rng.choice((43, 57, 60)), 100)))
        else:
            perfect.append(_perfect_attempt(enrollment, quiz, keys[quiz.pk], at, rng))
    # A module quiz passed at the first try with every answer right scores 100 %
    # by construction: written in bulk. Failures, retakes and the final quiz, whose
    # grades vary and which complete the course, go through the grading service.
    QuizAttempt.objects.bulk_create(perfect)
    activity.attempts += len(perfect)
    # Practices before the quizzes: a required one must be met for the course to
    # complete when its last quiz is passed.
    reached = zip(done, moments, strict=True)
    play_demo_practices(
        enrollment, [(i.pk, at) for i, at in reached if i.kind == "practice"], rng
    )
    if graded and course.content_note:
        # start_attempt's gate wants the content note read, as a learner's does;
        # its date is moved with the others below.
        acknowledge_content_note(enrollment)
    for quiz, at, targets in graded:
        # Retakes wait out the quiz's cooldown, as start_attempt requires: an hour
        # apart, or the cooldown and a quarter of an hour when that is longer.
        gap = timedelta(minutes=max(60, (quiz.cooldown_minutes or 0) + 15))
        for number, target in enumerate(targets):
            submitted = at - gap * (len(targets) - 1 - number)
            attempt = start_attempt(
                enrollment, quiz, now=submitted - timedelta(minutes=14), rng=rng
            )
            answers = _choose_answers(attempt, keys[quiz.pk], target, rng)
            attempt = submit_attempt(attempt, answers, now=submitted)
            activity.attempts += 1
            if attempt.passed:
                finished_at = submitted
                break
    if plan.share >= 1 and done and done[-1].kind == "lesson":
        # A course ending on a lesson completes there, as mark_lesson_complete
        # would record it (a quiz's submit already did).
        record_completion_if_done(enrollment)
    updates = {
        "enrolled_at": enrolled_at,
        "last_page_id": done[-1].pk if done else None,
    }
    if done and course.content_note:
        updates["content_note_acknowledged_at"] = enrolled_at + timedelta(minutes=3)
    Enrollment.objects.filter(pk=enrollment.pk).update(**updates)
    # Completion was recorded "now" by the service: move it to when it happened,
    # before the transaction commits and certificates read it.
    completed = Enrollment.objects.filter(
        pk=enrollment.pk, completed_at__isnull=False
    ).update(completed_at=finished_at)
    return enrollment if completed else None


def _perfect_attempt(enrollment, quiz, key, at, rng) -> QuizAttempt:
    """A graded first attempt with every answer right, its questions drawn by
    the service start_attempt uses (subset, question and choice order)."""
    questions = draw_questions(quiz, rng)
    question_ids = [question["id"] for question in questions]
    return QuizAttempt(
        enrollment=enrollment,
        quiz=quiz,
        user_id=enrollment.user_id,
        number=1,
        started_at=at - timedelta(minutes=14),
        submitted_at=at,
        status=AttemptStatus.GRADED,
        questions=questions,
        answers={str(q): sorted(key[q].correct_choice_ids) for q in question_ids},
        score=Decimal(100),
        passed=True,
    )


def _choose_answers(attempt, key, target: int, rng) -> dict[int, list[int]]:
    """Answers that score about ``target`` %: at least it when it passes the quiz,
    below the pass mark when it does not. Wrong answers favour one distractor per
    question, as real cohorts do, so question statistics have a pattern."""
    question_ids = attempt.question_ids
    total = sum(key[q].points for q in question_ids) or 1
    passing = target >= attempt.quiz.pass_mark
    order = list(question_ids)
    rng.shuffle(order)
    right, earned = set(), 0
    for question_id in order:
        if 100 * earned / total >= target:
            break
        gain = earned + key[question_id].points
        if not passing and 100 * gain / total >= attempt.quiz.pass_mark:
            continue
        right.add(question_id)
        earned = gain
    answers = {}
    for entry in attempt.questions:
        question = key[entry["id"]]
        if entry["id"] in right:
            answers[entry["id"]] = sorted(question.correct_choice_ids)
            continue
        wrong = sorted(set(entry["choices"]) - question.correct_choice_ids)
        if wrong:
            answers[entry["id"]] = [
                wrong[0] if rng.random() < 0.6 else rng.choice(wrong)
            ]
    return answers
