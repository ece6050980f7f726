"""The tables of the lms app, defined in the rooms that own them.

``accounts.models`` holds the account and its profile; ``learning.models`` the
enrollments, lesson progress and quiz attempts (which refer to course pages but never
change them); ``cohorts.models`` the cohorts; ``practice.models`` the
interview-practice rounds and moves. Every model keeps the ``lms`` app label, so
tables and migrations stay where they were (docs/architecture.md).
"""

from lms.accounts.models import AgencyType, Country, Language, User, UserManager
from lms.cohorts.models import Cohort, CohortMember
from lms.learning.models import AttemptStatus, Enrollment, LessonProgress, QuizAttempt
from lms.practice.models import ClassifiedBy, PracticeMove, PracticeRound

__all__ = [
    "AgencyType",
    "AttemptStatus",
    "ClassifiedBy",
    "Cohort",
    "CohortMember",
    "Country",
    "Enrollment",
    "Language",
    "LessonProgress",
    "PracticeMove",
    "PracticeRound",
    "QuizAttempt",
    "User",
    "UserManager",
]
