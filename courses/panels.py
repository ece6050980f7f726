"""Admin edit panels of course pages: a translated field's languages side by side,
the hours estimate and a question's lessons.

Used in the models' panel definitions, so this module imports no model: it reaches
pages through the instance being edited and ``courses.content_data``.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from wagtail.admin.forms.models import register_form_field_override, registry
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    Panel,
    PanelGroup,
    TitleFieldPanel,
)
from wagtail.models import Page

from courses.content_data import course_content_data
from courses.hours import READING_WPM, TOLERANCE, estimate_course_hours


def _original_field_overrides(db_field) -> dict:
    """A translated field (``summary_en``) gets the admin widget of its original
    (``summary``): Wagtail gives plain text fields an auto-sized textarea only by
    their exact class, which modeltranslation's per-field subclasses are not."""
    return registry.get(db_field.translated_field) or {}


register_form_field_override(TranslationField, override=_original_field_overrides)


def language_name(code: str) -> str:
    """A language by its own name ("English", "Español"): the same in either admin
    language, so a bilingual editor finds their column at a glance."""
    return capfirst(get_language_info(code)["name_local"])


def split_translated_name(field_name: str) -> tuple[str, str | None]:
    """``"summary_es"`` → ``("summary", "es")``; a name without a language suffix
    comes back with ``None``."""
    base, _sep, code = field_name.rpartition("_")
    if base and code in dict(settings.LANGUAGES):
        return base, code
    return field_name, None


class TranslatedFieldPanel(PanelGroup):
    """One translated field with its languages side by side: English | Español.

    Written ``TranslatedFieldPanel("summary")``, or around another panel, e.g.
    ``TranslatedFieldPanel(TitleFieldPanel("title"))``. wagtail-modeltranslation,
    which lists this class in ``WAGTAILMODELTRANSLATION_CUSTOM_COMPOSED_PANELS``,
    replaces the inner panel with one panel per language (``summary_en``,
    ``summary_es``) under its usual rules (the default language is required when the
    field is; other languages' streams are optional). This panel lays them out in
    columns (stacked on narrow screens, see static/puente-admin/editor.css), labels
    each with its language and shows the field's help text once. The language view
    (English, Spanish or both) hides columns, never panels, so inline panels stay
    reachable in every view. docs/decisions/0007-side-by-side-editing.md says why.
    """

    def __init__(self, children=(), *args, **kwargs):
        if isinstance(children, str):
            children = [FieldPanel(children)]
        elif isinstance(children, Panel):
            children = [children]
        super().__init__(children, *args, **kwargs)

    @property
    def field_name(self) -> str:
        """The untranslated field's name (``summary``)."""
        for child in self.children:
            if getattr(child, "field_name", None):
                return split_translated_name(child.field_name)[0]
        return ""

    @property
    def clean_name(self):
        # Stable ids (panel-child-content-summary-section) in either admin language.
        return self.field_name or super().clean_name

    def on_model_bound(self):
        super().on_model_bound()
        if not self.field_name:
            return
        try:
            field = self.model._meta.get_field(self.field_name)
        except FieldDoesNotExist:  # a form-only field: no heading to borrow
            return
        self.heading = self.heading or capfirst(field.verbose_name)
        self.help_text = self.help_text or field.help_text

    class BoundPanel(PanelGroup.BoundPanel):
        template_name = "courses/admin/translated_field_panel.html"

        @property
        def help_text_id(self) -> str:
            return f"{self.prefix}-helptext"

        def columns(self) -> list[dict]:
            """Each language's panel, with what its column shows."""
            columns = []
            for child in self.visible_children:
                name = getattr(child, "field_name", "")
                code = split_translated_name(name)[1] if name else None
                bound_field = getattr(child, "bound_field", None)
                if self.help_text:  # shown once, above the columns
                    child.help_text = ""
                    if bound_field is not None:
                        bound_field.help_text = ""
                if bound_field is not None:
                    self._describe_widget(bound_field, code)
                columns.append(
                    {
                        "panel": child,
                        "language": code,
                        "language_name": language_name(code) if code else "",
                        "id_for_label": child.id_for_label(),
                        "is_required": child.is_required(),
                    }
                )
            return columns

        def _describe_widget(self, bound_field, code) -> None:
            """Give the input the shared help text and, for a rich-text editor (whose
            label points at a hidden input), the column's label as its name."""
            # Imported here: Draftail's converters load models, and the models
            # import this module.
            from wagtail.admin.rich_text import DraftailRichTextArea

            widget = bound_field.field.widget
            label_id = f"{bound_field.id_for_label}-label"
            if isinstance(widget, DraftailRichTextArea):
                # A new dict: widgets are copied per form, their options are not.
                widget.options = {**widget.options, "ariaLabelledBy": label_id}
            elif self.help_text:
                widget.attrs["aria-describedby"] = self.help_text_id

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["columns"] = self.columns()
            context["help_text_id"] = self.help_text_id
            return context


def translated_title_panels() -> list[Panel]:
    """The page title, per language, each filling its own language's slug."""
    return [TranslatedFieldPanel(TitleFieldPanel("title"), classname="title")]


def translated_promote_panels() -> list[Panel]:
    """Wagtail's promote tab with each translated field's languages side by side."""
    return [
        MultiFieldPanel(
            [
                TranslatedFieldPanel("slug"),
                TranslatedFieldPanel("seo_title"),
                TranslatedFieldPanel("search_description"),
            ],
            heading=_("For search engines"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]


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
