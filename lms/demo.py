"""Demo accounts, one per role (development passwords listed in README.md), and
the demo activity: fictional learners of a border-training cohort and what they did
in the demo courses, so the reports have something to show. Called by
``manage.py load_demo_data``; every function is idempotent.

The trainer and the program administrator get an authenticator app with the fixed
development secret ``DEMO_TOTP_SECRET``; ``manage.py demo_totp`` prints its code.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, QuizPage
from courses.services import get_course_outlines, get_quiz_key

from .models import (
    AttemptStatus,
    Cohort,
    CohortMember,
    Enrollment,
    LessonProgress,
    QuizAttempt,
    User,
)
from .roles import LEARNERS, PROGRAM_ADMINS, TRAINERS, sync_roles
from .security import ensure_totp
from .services.attempts import start_attempt, submit_attempt
from .services.completion import check_course_completion
from .services.enrollment import enroll_user

# Development only (README.md): add it to an authenticator app, or run
# ``manage.py demo_totp``. load_demo_data refuses to run with production settings.
DEMO_TOTP_SECRET = "PUENTEDEMOTOTPDEVSECRETNOTFORPRD"  # noqa: S105
DEMO_TOTP_ROLES = (TRAINERS, PROGRAM_ADMINS)

DEMO_ACCOUNTS = [
    {
        "email": "learner@puente.test",
        "password": "learner-demo-2026",
        "full_name": "José Núñez Peña",
        "agency": "Policía Municipal de Tijuana",
        "agency_type": "police",
        "country": "MX",
        "state": "Baja California",
        "job_title": "Agente",
        "preferred_language": "es",
        "role": LEARNERS,
        "is_staff": False,
    },
    {
        "email": "trainer@puente.test",
        "password": "trainer-demo-2026",
        "full_name": "Dana Whitfield",
        "agency": "San Diego County Child Welfare Services",
        "agency_type": "child_protection",
        "country": "US",
        "state": "California",
        "job_title": "Training coordinator",
        "preferred_language": "en",
        "role": TRAINERS,
        "is_staff": False,
    },
    {
        "email": "admin@puente.test",
        "password": "admin-demo-2026",
        "full_name": "María Fernanda Solís",
        "agency": "Southern Border Training Program",
        "agency_type": "government",
        "country": "MX",
        "state": "Chihuahua",
        "job_title": "Program administrator",
        "preferred_language": "es",
        "role": PROGRAM_ADMINS,
        "is_staff": False,
    },
]


@transaction.atomic
def ensure_demo_accounts() -> list[User]:
    sync_roles()
    users = []
    for spec in DEMO_ACCOUNTS:
        spec = dict(spec)
        password, role = spec.pop("password"), spec.pop("role")
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = User(**spec)
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        if role in DEMO_TOTP_ROLES:
            ensure_totp(user, DEMO_TOTP_SECRET)
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        users.append(user)
    return users


# Demo activity -------------------------------------------------------------------
#
# Fictional learners of a border training cohort and what they did in the demo
# courses, so the reports, charts and approval queue show something on day one.
# Learning records go through lms's services (enrollment, grading, completion);
# lesson progress is bulk-written; dates are moved into the past afterwards so
# completions spread over about six months. Certificates follow from
# ``course_completed`` as in production. The documented accounts stay untouched.

DEMO_LEARNER_DOMAIN = "example.org"  # reserved: nothing sent there reaches anyone
DEMO_COHORT_NAME = "Southern Border Initiative — Chula Vista"
DEMO_COHORT_PLACE = "Chula Vista, California"
DEMO_COHORT_COURSES = ("victim-centered", "first-response")
DEMO_COHORT_STARTED_DAYS_AGO = 170
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip

AGENCIES = {
    "tijuana-police": (
        "Policía Municipal de Tijuana", "police", "MX", "Baja California",
    ),
    "ppnna-bc": (
        "Procuraduría de Protección de Niñas, Niños y Adolescentes de Baja California",
        "child_protection", "MX", "Baja California",
    ),
    "dif-tijuana": ("Sistema DIF Tijuana", "child_protection", "MX", "Baja California"),
    "fge-bc": (
        "Fiscalía General del Estado de Baja California", "prosecutor", "MX",
        "Baja California",
    ),
    "busqueda-bc": (
        "Comisión Estatal de Búsqueda de Personas de Baja California", "government",
        "MX", "Baja California",
    ),
    "police-sonora": (
        "Policía Estatal de Seguridad Pública de Sonora", "police", "MX", "Sonora",
    ),
    "ppnna-sonora": (
        "Procuraduría de Protección de Niñas, Niños y Adolescentes de Sonora",
        "child_protection", "MX", "Sonora",
    ),
    "fge-sonora": (
        "Fiscalía General del Estado de Sonora", "prosecutor", "MX", "Sonora",
    ),
    "fge-chihuahua": (
        "Fiscalía General del Estado de Chihuahua", "prosecutor", "MX", "Chihuahua",
    ),
    "red-noroeste": (
        "Red de Acompañamiento a Víctimas del Noroeste, A.C.", "advocate", "MX",
        "Baja California",
    ),
    "chula-vista-pd": ("Chula Vista Police Department", "police", "US", "California"),
    "sd-da": (
        "San Diego County District Attorney's Office", "prosecutor", "US", "California",
    ),
    "sd-cws": (
        "San Diego County Child Welfare Services", "child_protection", "US",
        "California",
    ),
    "imperial-sheriff": (
        "Imperial County Sheriff's Office", "police", "US", "California",
    ),
    "national-city-pd": (
        "National City Police Department", "police", "US", "California",
    ),
    "border-advocates": (
        "Border Region Victim Advocacy Network", "advocate", "US", "California",
    ),
    "az-dcs": (
        "Arizona Department of Child Safety", "child_protection", "US", "Arizona",
    ),
    "yuma-pd": ("Yuma Police Department", "police", "US", "Arizona"),
    "nogales-pd": ("Nogales Police Department", "police", "US", "Arizona"),
    "el-paso-pd": ("El Paso Police Department", "police", "US", "Texas"),
    "tx-cps": (
        "Texas Department of Family and Protective Services (CPS)", "child_protection",
        "US", "Texas",
    ),
    "hsi": ("Homeland Security Investigations", "government", "US", "Texas"),
}  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """What one demo learner did in one course (days counted back from today).

    The first ``share`` of the course outline is done in order, between
    ``enrolled`` and ``last``; quizzes are passed on the first attempt except where
    ``retake`` (the first module quiz failed once) and the course's last quiz,
    whose attempts score ``final`` in turn. ``share=0``: enrolled, not started.
    """

    course: str  # fixture key
    enrolled: int
    last: int
    share: float = 1.0
    final: tuple[int, ...] = (100,)
    retake: bool = False


@dataclass(frozen=True)
class DemoLearner:
    full_name: str
    email: str  # the part before @DEMO_LEARNER_DOMAIN
    agency: str  # key of AGENCIES
    job_title: str
    language: str
    plans: tuple[Plan, ...]
    in_cohort: bool = True


VC, FR, CQ = "victim-centered", "first-response", "consular-quick-reference"

DEMO_LEARNERS = (
    DemoLearner("Ximena Ibáñez Cordero", "ximena.ibanez", "ppnna-bc", "Abogada", "es",
                (Plan(VC, 168, 120, final=(93,)), Plan(FR, 118, 95))),
    DemoLearner("Óscar Peñaloza Ruiz", "oscar.penaloza", "tijuana-police",
                "Policía tercero", "es",
                (Plan(VC, 168, 140, final=(73, 86)), Plan(FR, 100, 80, share=0.5))),
    DemoLearner("Guadalupe Treviño Muñoz", "guadalupe.trevino", "dif-tijuana",
                "Psicóloga", "es", (Plan(VC, 167, 61),)),
    DemoLearner("Rafael Castañeda Orozco", "rafael.castaneda", "fge-bc",
                "Agente del Ministerio Público", "es",
                (Plan(VC, 166, 130, share=0.6),)),
    DemoLearner("Mónica Zúñiga Herrera", "monica.zuniga", "busqueda-bc", "Analista",
                "es", (Plan(VC, 165, 33, final=(80,)), Plan(FR, 60, 25, final=(83,)))),
    DemoLearner("Ángel Barragán Soto", "angel.barragan", "police-sonora", "Suboficial",
                "es", (Plan(VC, 164, 70, final=(60, 67, 73)),)),
    DemoLearner("Itzel Domínguez Ávila", "itzel.dominguez", "ppnna-sonora",
                "Trabajadora social", "es",
                (Plan(VC, 163, 12, final=(86,)), Plan(FR, 20, 20, share=0))),
    DemoLearner("Fernando Quiñones Lara", "fernando.quinones", "fge-sonora",
                "Agente investigador", "es",
                (Plan(FR, 150, 110), Plan(VC, 100, 45, share=0.25))),
    DemoLearner("Paulina Rentería Gómez", "paulina.renteria", "red-noroeste",
                "Acompañante de víctimas", "es",
                (Plan(VC, 160, 88, final=(93,), retake=True),)),
    DemoLearner("Tomás Echeverría Núñez", "tomas.echeverria", "tijuana-police",
                "Policía segundo", "es",
                (Plan(VC, 159, 159, share=0), Plan(FR, 90, 70, share=0.3))),
    DemoLearner("Emily Hartwell", "emily.hartwell", "chula-vista-pd", "Detective",
                "en", (Plan(VC, 168, 101, final=(86,)), Plan(CQ, 95, 94))),
    DemoLearner("Marcus Delgado", "marcus.delgado", "sd-da",
                "Deputy District Attorney", "en",
                (Plan(FR, 140, 132, final=(83,)), Plan(VC, 135, 47, final=(80,)))),
    DemoLearner("Rosa Villaseñor", "rosa.villasenor", "sd-cws", "Social worker", "es",
                (Plan(VC, 165, 75, final=(60, 93)), Plan(FR, 70, 40))),
    DemoLearner("Kevin O'Connell", "kevin.oconnell", "imperial-sheriff",
                "Deputy sheriff", "en",
                (Plan(FR, 145, 137), Plan(VC, 130, 16, share=0.8))),
    DemoLearner("Brianna Whitaker", "brianna.whitaker", "az-dcs", "CPS specialist",
                "en",
                (Plan(FR, 130, 122, final=(83,)), Plan(VC, 120, 60, share=0.45),
                 Plan(CQ, 50, 49, final=(80,)))),
    DemoLearner("Daniel Acuña", "daniel.acuna", "el-paso-pd", "Sergeant", "en",
                (Plan(VC, 162, 19), Plan(CQ, 30, 29, final=(60, 100)))),
    DemoLearner("Sarah Kowalski", "sarah.kowalski", "tx-cps", "CPS investigator", "en",
                (Plan(VC, 155, 150, share=0.1), Plan(FR, 85, 52))),
    DemoLearner("Jorge Ramírez Solano", "jorge.ramirez", "hsi", "Special agent", "es",
                (Plan(VC, 161, 26, final=(93,)), Plan(CQ, 26, 25))),
    DemoLearner("Lucía Fuentes Bravo", "lucia.fuentes", "border-advocates",
                "Victim advocate", "es",
                (Plan(VC, 158, 9, final=(86,)), Plan(FR, 40, 8, share=0.6))),
    DemoLearner("Tyler Brooks", "tyler.brooks", "national-city-pd", "Police officer",
                "en",
                (Plan(FR, 120, 100, final=(67, 83), retake=True),
                 Plan(VC, 160, 160, share=0))),
    # Not in the cohort: a learner from an earlier pilot whose two-year certificate
    # expires within the reminder window, and two officers who found the quick
    # reference on their own.
    DemoLearner("Nadia Ochoa Beltrán", "nadia.ochoa", "fge-chihuahua",
                "Fiscal especializada", "es", (Plan(VC, 740, 712, final=(100,)),),
                in_cohort=False),
    DemoLearner("Hannah Lindqvist", "hannah.lindqvist", "yuma-pd", "Detective", "en",
                (Plan(CQ, 15, 14),), in_cohort=False),
    DemoLearner("Carlos Medrano Ortega", "carlos.medrano", "nogales-pd",
                "Police officer", "es", (Plan(CQ, 10, 9, share=0.67),),
                in_cohort=False),
)  # fmt: skip

# What the demo program administrator decided (``load_demo_data`` does it with the
# certificates app's services once the certificates exist): two quick-reference
# certificates approved, the others left in the approval queue, one revoked.
DEMO_APPROVALS = (("brianna.whitaker", CQ), ("jorge.ramirez", CQ))
DEMO_REVOCATION = (
    "brianna.whitaker",
    FR,
    "Emitido por error: la agencia informó que el curso se realizó con la cuenta de "
    "otra persona. / Issued in error: the agency reported that the course was "
    "taken under another person's account.",
)
DEMO_ADMINISTRATOR = "admin@puente.test"


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
    keys = {plan.course for learner in DEMO_LEARNERS for plan in learner.plans}
    courses = {c.import_key: c for c in CoursePage.objects.filter(import_key__in=keys)}
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
    for quiz, at, targets in graded:
        for number, target in enumerate(targets):
            submitted = at - timedelta(hours=len(targets) - 1 - number)
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
        check_course_completion(enrollment)
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
    """A graded first attempt with every answer right, drawn as start_attempt
    draws (subset, question and choice order)."""
    question_ids = list(key)
    if quiz.draw_count and quiz.draw_count < len(question_ids):
        drawn = set(rng.sample(question_ids, quiz.draw_count))
        question_ids = [q for q in question_ids if q in drawn]
    if quiz.shuffle_questions:
        rng.shuffle(question_ids)
    questions = []
    for question_id in question_ids:
        choices = sorted(key[question_id].choice_ids)
        if quiz.shuffle_choices:
            rng.shuffle(choices)
        questions.append({"id": question_id, "choices": choices})
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
