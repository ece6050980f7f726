"""Per-field translations (``_en`` / ``_es``) of everything a person reads.

Wagtail's own Page fields (title, slug, seo_title, search_description) are
registered by wagtail-modeltranslation. tests/courses/test_translation.py fails
when a readable field of a courses model is not registered here.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    HomePage,
    InterviewPracticePage,
    LessonPage,
    ModuleObjective,
    ModulePage,
    PracticeNode,
    PracticeOption,
    Question,
    QuizPage,
    Signatory,
    Topic,
)


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(CourseIndexPage)
class CourseIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(CoursePage)
class CoursePageTR(TranslationOptions):
    fields = (
        "summary",
        "description",
        "objectives",
        "audience",
        "content_note",
        "certificate_wording",
    )


@register(ModulePage)
class ModulePageTR(TranslationOptions):
    fields = ("intro",)


@register(ModuleObjective)
class ModuleObjectiveTR(TranslationOptions):
    fields = ("text",)


@register(LessonPage)
class LessonPageTR(TranslationOptions):
    fields = ("summary", "body")


@register(QuizPage)
class QuizPageTR(TranslationOptions):
    fields = ("intro",)


@register(Question)
class QuestionTR(TranslationOptions):
    fields = ("text", "explanation")


@register(Choice)
class ChoiceTR(TranslationOptions):
    fields = ("text", "feedback")


@register(InterviewPracticePage)
class InterviewPracticePageTR(TranslationOptions):
    fields = (
        "summary",
        "case_setting",
        "case_young_person",
        "case_language",
        "case_known",
        "case_safety",
    )


@register(PracticeNode)
class PracticeNodeTR(TranslationOptions):
    fields = ("says", "context", "debrief")


@register(PracticeOption)
class PracticeOptionTR(TranslationOptions):
    fields = ("text", "feedback")


@register(Topic)
class TopicTR(TranslationOptions):
    fields = ("name",)


@register(Signatory)
class SignatoryTR(TranslationOptions):
    fields = ("title",)
