"""Forms: the admin page forms of courses and quizzes, and the catalogue filter.

The page forms validate what a single model cannot see: a question's choices live
in a nested inline formset, so the rule "exactly one correct answer" is checked
here, with the same wording the demo importer uses.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
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


def _kept_forms(formset):
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


class CoursePageForm(WagtailAdminPageForm):
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


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned_data
        kept = 0
        for question_form in _kept_forms(questions):
            kept += 1
            choices = question_form.formsets.get("choices")
            if choices is None:
                continue
            chosen = list(_kept_forms(choices))
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
