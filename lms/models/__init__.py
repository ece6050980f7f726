"""Models of the learner's side: the account, and the learning records.

``user`` holds the account and its profile; ``records`` holds enrollments, lesson
progress and quiz attempts, which refer to course pages but never change them.
"""

from .cohorts import Cohort, CohortMember
from .records import AttemptStatus, Enrollment, LessonProgress, QuizAttempt
from .user import AgencyType, Country, Language, User, UserManager

__all__ = [
    "AgencyType",
    "AttemptStatus",
    "Cohort",
    "CohortMember",
    "Country",
    "Enrollment",
    "Language",
    "LessonProgress",
    "QuizAttempt",
    "User",
    "UserManager",
]
