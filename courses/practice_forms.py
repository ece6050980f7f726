"""The interview practice's admin form: refuses to publish a graph that breaks the
rules of ``courses.practice`` (unreachable node, wrong number of options, option
without kind, feedback or target, ending without debrief, Spanish missing where the
course offers Spanish), each error shown on its node or option in the editor's
language. A draft may be saved half-built. Used by ``InterviewPracticePage``; imports
no model.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page

from courses.forms import PuentePageForm, kept_forms
from courses.practice import Graph, GraphNode, GraphOption, graph_errors

LANGUAGES = ("en", "es")
# Readable fields of the page itself that a published practice needs.
PAGE_FIELDS = [
    ("title", _("Title")),
    ("summary", _("Summary")),
    ("case_setting", _("Setting")),
    ("case_young_person", _("The young person")),
    ("case_language", _("Language")),
    ("case_known", _("What is known")),
    ("case_safety", _("Safety context")),
]


def course_languages(page: Page | None) -> list[str]:
    """The languages offered by the course above ``page`` (English without one)."""
    if page is None or not page.path:
        return ["en"]
    course_type = ContentType.objects.get_by_natural_key("courses", "coursepage")
    course = (
        Page.objects.ancestor_of(page, inclusive=True)
        .filter(content_type=course_type)
        .first()
    )
    if course is None:
        return ["en"]
    return [code for code in LANGUAGES if code in course.specific.language_codes]


def _values(data: dict, name: str) -> dict[str, str]:
    return {code: data.get(f"{name}_{code}") or "" for code in LANGUAGES}


class InterviewPracticePageForm(PuentePageForm):
    def clean(self):
        cleaned_data = super().clean()
        nodes = self.formsets.get("nodes")
        if nodes is None or self.is_deferred_validation:
            return cleaned_data  # saving a draft: the graph may still be half-built
        node_forms = list(kept_forms(nodes))
        option_forms = []
        graph_nodes = []
        for node_form in node_forms:
            data = node_form.cleaned_data
            options = node_form.formsets.get("options")
            kept = list(kept_forms(options)) if options is not None else []
            option_forms.append(kept)
            graph_nodes.append(
                GraphNode(
                    key=data.get("key") or "",
                    says=_values(data, "says"),
                    is_ending=bool(data.get("is_ending")),
                    debrief=_values(data, "debrief"),
                    options=[
                        GraphOption(
                            text=_values(form.cleaned_data, "text"),
                            kind=form.cleaned_data.get("kind") or "",
                            feedback=_values(form.cleaned_data, "feedback"),
                            next_key=form.cleaned_data.get("next_key") or "",
                            appropriate=bool(form.cleaned_data.get("appropriate")),
                        )
                        for form in kept
                    ],
                )
            )
        graph = Graph(
            start_key=cleaned_data.get("start_key") or "",
            nodes=graph_nodes,
            page_fields={
                str(label): _values(cleaned_data, name) for name, label in PAGE_FIELDS
            },
        )
        parent = self.instance if self.instance.pk else self.parent_page
        errors = graph_errors(graph, course_languages(parent))
        for error in errors:
            if error.node is None:
                self.add_error(None, error.message)
            elif error.option is None:
                node_forms[error.node].add_error(None, error.message)
            else:
                option_forms[error.node][error.option].add_error(None, error.message)
        if errors:
            self.add_error(
                None,
                ngettext(
                    "This conversation cannot be published yet: %(count)s problem "
                    "is marked on the Conversation tab.",
                    "This conversation cannot be published yet: %(count)s problems "
                    "are marked on the Conversation tab.",
                    len(errors),
                )
                % {"count": len(errors)},
            )
        return cleaned_data
