"""Wagtail pages and snippets: what is taught. Content only; no learner state here.

Tree: HomePage → CourseIndexPage (catalogue) → CoursePage → ModulePage →
LessonPage | QuizPage | InterviewPracticePage. Quiz questions and choices, and a
practice's nodes and options, are ordered child models, so each has one id whatever
language the learner reads.
"""

from courses.models.base import (
    LEARNER_PREVIEW_MODES,
    SIMPLE_RICH_TEXT,
    LearnerPreviewMixin,
)
from courses.models.course import CertificateIssueMode, CourseIndexPage, CoursePage
from courses.models.home import HomePage
from courses.models.lesson import LessonPage, ModulePage
from courses.models.objectives import ModuleObjective
from courses.models.practice import (
    InterviewPracticePage,
    PracticeNode,
    PracticeOption,
)
from courses.models.quiz import Choice, Question, QuestionKind, QuizPage, RevealPolicy
from courses.models.snippets import Signatory, Topic

__all__ = [
    "LEARNER_PREVIEW_MODES",
    "SIMPLE_RICH_TEXT",
    "CertificateIssueMode",
    "Choice",
    "CourseIndexPage",
    "CoursePage",
    "HomePage",
    "InterviewPracticePage",
    "LearnerPreviewMixin",
    "LessonPage",
    "ModuleObjective",
    "ModulePage",
    "PracticeNode",
    "PracticeOption",
    "Question",
    "QuestionKind",
    "QuizPage",
    "RevealPolicy",
    "Signatory",
    "Topic",
]
