"""Admin edit panels of course pages: the hours estimate and a question's lessons.

Used in the models' panel definitions, so this module imports no model: it reaches
pages through the instance being edited and ``courses.content_data``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.models import Page

from courses.content_data import course_content_data
from courses.hours import READING_WPM, TOLERANCE, estimate_course_hours


class CourseLessonsPanel(FieldPanel):
    """Checkboxes for the lessons of the course being edited (not every lesson of
    the site), labelled "Module › Lesson"."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is None:
                return
            field = self.bound_field.field
            course = _course_being_edited(self.request, self.instance)
            if course is None:
                return
            modules = {
                page.path: page.get_admin_display_title()
                for page in Page.objects.child_of(course)
            }
            steplen = Page.steplen

            def label(lesson):
                module = modules.get(lesson.path[:-steplen], "")
                return f"{module} › {lesson.get_admin_display_title()}"

            field.queryset = field.queryset.model.objects.descendant_of(
                course
            ).order_by("path")
            field.label_from_instance = label


def _course_being_edited(request, instance) -> Page | None:
    """The course above the quiz whose question this is (or the module a new quiz
    is being added to)."""
    page = None
    quiz_id = getattr(instance, "quiz_id", None)
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    page_id = quiz_id or kwargs.get("page_id") or kwargs.get("parent_page_id")
    if page_id:
        page = Page.objects.filter(pk=page_id).first()
    while page is not None and page.specific_class.__name__ != "CoursePage":
        page = page.get_parent() if page.depth > 1 else None
    return page


class HoursEstimatePanel(Panel):
    """Declared credit hours next to the hours the course's content takes."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/hours_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            course = self.instance
            estimate = None
            if course is not None and course.pk:
                estimate = estimate_course_hours(course_content_data(course))
            context.update(
                estimate=estimate,
                percent=None
                if estimate is None or estimate.difference is None
                else round(estimate.difference * 100),
                tolerance=round(TOLERANCE * 100),
                wpm=READING_WPM,
            )
            return context

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Estimated study time"))
        super().__init__(**kwargs)
