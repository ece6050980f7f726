"""Forms: the admin page forms of Puente's page types, and the catalogue filter.

``PuentePageForm`` is the base of every Puente page type's admin form, and
``PuenteModelForm`` of its snippets and settings: a crafted post whose inline rows
(questions, choices, nodes, comments) carry ids that are missing or not numbers is
refused with a message (django-modelcluster converted them unguarded: a 500), and a
chosen id that is not a number is an invalid choice (a chooser raised: a 500). The
quiz form validates what a single model cannot see: a question's choices live in a
nested inline formset, so the rule "exactly one correct answer" is checked here,
with the same wording the demo importer uses; and an unlimited quiz's cover against
repetition at publish.
"""

import re

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.pages import WagtailAdminPageForm

from courses.compat import is_marked_for_deletion


def choice_rule_error(kind: str | None, total: int, correct: int) -> str | None:
    """Why a question's choices are invalid for its kind, or None if they are fine."""
    if total < 2:
        return _("A question needs at least two choices.")
    if kind == "true_false" and total != 2:
        return _("A true/false question has exactly two choices: true and false.")
    if kind in ("single", "true_false") and correct != 1:
        return _("Mark exactly one choice as correct for this kind of question.")
    if kind == "multiple" and correct < 1:
        return _("Mark at least one choice as correct.")
    return None


def kept_forms(formset):
    """Forms of a formset that will be saved: not deleted, not untouched extras."""
    formset.errors  # noqa: B018 (cleans every form of the formset)
    for form in formset.forms:
        if not hasattr(form, "cleaned_data"):
            continue
        if is_marked_for_deletion(formset, form):
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        yield form


MAX_ID_DIGITS = 18
MAX_INLINE_ROWS = 1000  # what DATA_UPLOAD_MAX_NUMBER_FIELDS lets through anyway
TOTAL_FORMS = re.compile(r"^(?P<prefix>.+)-TOTAL_FORMS$")
TAMPERED_ROWS = _(
    "This form was changed outside the editor (a row has no valid id), so nothing "
    "was saved. Reload the page and make your changes again."
)


def _is_row_id(value) -> bool:
    if not isinstance(value, str):
        return False
    digits = value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS
    return value == "" or digits


def without_tampered_row_ids(data) -> tuple[object, bool]:
    """``data`` with every existing inline row's id made readable, and whether
    any had to be: ids missing or not numbers become "" (a new, unsaved row)."""
    if data is None or not hasattr(data, "keys"):
        return data, False
    repaired = None
    for key in list(data.keys()):
        match = TOTAL_FORMS.match(key)
        if match is None:
            continue
        prefix = match.group("prefix")
        initial = data.get(f"{prefix}-INITIAL_FORMS", "0")
        rows = int(initial) if _is_row_id(initial) and initial else 0
        for index in range(min(rows, MAX_INLINE_ROWS)):
            name = f"{prefix}-{index}-id"
            if name in data and _is_row_id(data.get(name)):
                continue
            if repaired is None:
                repaired = data.copy() if isinstance(data, QueryDict) else dict(data)
            repaired[name] = ""
    return (data, False) if repaired is None else (repaired, True)


INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField"}


def _has_integer_ids(model) -> bool:
    pk = model._meta.pk
    while pk.is_relation:  # a page's id is its link to wagtailcore.Page
        pk = pk.target_field
    return pk.get_internal_type() in INTEGER_KEYS | {"BigIntegerField"}


def _id_choice_names(form):
    """(posted name) of every field of ``form`` and its nested inline forms that
    chooses rows by integer id (page, snippet, image choosers, checkboxes)."""
    for name, field in form.fields.items():
        if (
            isinstance(field, forms.ModelChoiceField)
            and field.to_field_name in (None, field.queryset.model._meta.pk.attname)
            and _has_integer_ids(field.queryset.model)
        ):
            yield form.add_prefix(name)
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            yield from _id_choice_names(child)


class GuardedAdminFormMixin:
    """Bad ids in a crafted admin post are form errors, never 500s.

    Inline-row ids that are missing or not numbers are refused (``TAMPERED_ROWS``);
    a chosen id that is not a number (``"‮evil"``, or past 64 bits) is read as id 0,
    which no row has: the field says "Select a valid choice" instead of Wagtail's
    chooser raising while the form is shown again (it catches only DoesNotExist).
    """

    def __init__(self, data=None, *args, **kwargs):
        data, self.rows_tampered = without_tampered_row_ids(data)
        if isinstance(data, QueryDict):
            data = data.copy()  # mutable: ids are read below once fields exist
        super().__init__(data, *args, **kwargs)
        if isinstance(data, QueryDict):
            for name in _id_choice_names(self):
                values = data.getlist(name)
                if not all(_is_row_id(value) for value in values):
                    data.setlist(name, [v if _is_row_id(v) else "0" for v in values])

    def clean(self):
        cleaned_data = super().clean()
        if self.rows_tampered:
            raise forms.ValidationError(TAMPERED_ROWS, code="tampered_rows")
        return cleaned_data


class PuentePageForm(GuardedAdminFormMixin, WagtailAdminPageForm):
    """Base admin form of every Puente page type (``base_form_class``)."""


class PuenteModelForm(GuardedAdminFormMixin, WagtailAdminModelForm):
    """Base admin form of Puente's snippets and settings (``base_form_class``)."""


class CoursePageForm(PuentePageForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages offered"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Spanish can be offered only when every page of the course is complete "
            "in Spanish."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.initial.get("languages")
        if isinstance(stored, str):
            self.initial["languages"] = [code for code in stored.split(",") if code]

    def clean_languages(self):
        order = [code for code, _name in settings.LANGUAGES]
        chosen = self.cleaned_data["languages"]
        return ",".join(code for code in order if code in chosen)


class QuizPageForm(PuentePageForm):
    def clean(self):
        cleaned_data = super().clean()
        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned_data
        kept = 0
        for question_form in kept_forms(questions):
            kept += 1
            choices = question_form.formsets.get("choices")
            if choices is None:
                continue
            chosen = list(kept_forms(choices))
            correct = sum(bool(f.cleaned_data.get("is_correct")) for f in chosen)
            error = choice_rule_error(
                question_form.cleaned_data.get("kind"), len(chosen), correct
            )
            if error:
                question_form.add_error(None, error)
        draw = cleaned_data.get("draw_count")
        if draw and draw > kept:
            self.add_error(
                "draw_count",
                ngettext(
                    "The pool holds only %(count)s question.",
                    "The pool holds only %(count)s questions.",
                    kept,
                )
                % {"count": kept},
            )
        if not self.is_deferred_validation:  # publish or submit, not a draft
            problem = self._meta.model.repetition_problem(
                cleaned_data.get("max_attempts"),
                cleaned_data.get("cooldown_minutes"),
                draw,
                kept,
            )
            if problem:
                self.add_error("max_attempts", problem)
        return cleaned_data


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    language = forms.ChoiceField(label=_("Language"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *settings.LANGUAGES]
        self.fields["topic"].choices = [("", _("Any topic"))] + [
            (topic.slug, topic.name) for topic in topics
        ]
