"""Modules and lessons: the course's outline and its reading material."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock
from courses.forms import PuentePageForm
from courses.models.base import LearnerPreviewMixin
from courses.outline import get_course_position
from courses.panels import (
    TranslatedFieldPanel,
    translated_promote_panels,
    translated_title_panels,
)
from courses.serving import CachedViewRestrictionsMixin


class CourseItemMixin:
    """Context every page inside a course needs: its course, module and outline.

    A fixed number of queries whatever the course's size (``courses.outline``).
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(get_course_position(self))
        return context


class ModulePage(
    CachedViewRestrictionsMixin, CourseItemMixin, LearnerPreviewMixin, Page
):
    """A module: an ordered group of lessons, interview practices and quizzes."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *translated_title_panels(),
        TranslatedFieldPanel("intro"),
        InlinePanel(
            "objectives",
            heading=_("Module objectives"),
            label=_("Objective"),
            help_text=_(
                "Two to four things a learner can be seen doing after this module."
            ),
        ),
    ]
    promote_panels = translated_promote_panels()
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = PuentePageForm
    parent_page_types = ["courses.CoursePage"]
    subpage_types = [
        "courses.LessonPage",
        "courses.InterviewPracticePage",
        "courses.QuizPage",
    ]
    template = "courses/module_page.html"
    admin_default_ordering = "ord"  # lessons, practices and quizzes in course order

    class Meta:
        verbose_name = pgettext_lazy("part of a course", "module")
        verbose_name_plural = pgettext_lazy("parts of a course", "modules")


class LessonPage(
    CachedViewRestrictionsMixin, CourseItemMixin, LearnerPreviewMixin, Page
):
    """A lesson: text, images, captioned video, scenarios and knowledge checks."""

    summary = models.TextField(_("summary"), help_text=_("One sentence."))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=15
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = [
        *translated_title_panels(),
        TranslatedFieldPanel("summary"),
        FieldPanel("duration_minutes"),
        TranslatedFieldPanel("body"),
    ]
    promote_panels = translated_promote_panels()
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    base_form_class = PuentePageForm
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
