"""The read-only outline of an interview practice in its editor: every node, what the
young person says, each option's kind, class and target, and what still keeps the
graph from being published. For reviewers; used by ``InterviewPracticePage``'s
edit handler, so it imports no model.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from courses.practice import MoveKind, graph_errors, graph_from_page, move_class
from courses.practice_forms import course_languages


class PracticeOutlinePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/practice_outline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            language = (get_language() or "en")[:2]
            if language not in ("en", "es"):
                language = "en"
            graph = graph_from_page(page)
            labels = dict(MoveKind.choices)
            nodes = []
            for node in graph.nodes:
                nodes.append(
                    {
                        "key": node.key,
                        "is_ending": node.is_ending,
                        "is_start": node.key == graph.start_key,
                        "says": node.says.get(language) or node.says.get("en"),
                        "options": [
                            {
                                "text": option.text.get(language)
                                or option.text.get("en"),
                                "kind": labels.get(option.kind, "—"),
                                "class": move_class(option.kind, option.appropriate),
                                "next_key": option.next_key,
                            }
                            for option in node.options
                        ],
                    }
                )
            parent = page if page.pk else None
            context.update(
                start_key=graph.start_key,
                nodes=nodes,
                errors=graph_errors(graph, course_languages(parent)),
            )
            return context

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Outline of the conversation"))
        super().__init__(**kwargs)
