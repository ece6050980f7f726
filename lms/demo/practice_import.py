"""Build an interview practice page from a ``"type": "practice"`` fixture file
(notes/PRACTICE.md's format, fixtures/courses/SCHEMA.md).

Called from the item dispatch of ``lms.demo.fixture_import``; the tests' builder uses
it too. The graph is checked with ``courses.practice.graph_errors`` before the page
is made, so a fixture the admin would refuse to publish is refused here as well.
"""

from __future__ import annotations

from courses.models import InterviewPracticePage, PracticeNode, PracticeOption
from courses.practice import Graph, GraphNode, GraphOption, graph_errors
from lms.demo.fixture_blocks import LANGUAGES, rich, set_translated, text
from lms.demo.fixture_reader import FixtureError

__all__ = ["build_practice"]

CASE_FIELDS = {
    "setting": ("case_setting", True),
    "young_person": ("case_young_person", False),
    "language": ("case_language", False),
    "known": ("case_known", True),
    "safety": ("case_safety", True),
}


def _values(values, languages) -> dict[str, str]:
    return {code: text(values, code) if code in languages else "" for code in LANGUAGES}


def _graph(spec: dict, languages) -> Graph:
    case = spec.get("case") or {}
    return Graph(
        start_key=spec.get("start", ""),
        nodes=[
            GraphNode(
                key=node.get("key", ""),
                says=_values(node.get("says"), languages),
                is_ending=bool(node.get("ending")),
                debrief=_values(node.get("debrief"), languages),
                options=[
                    GraphOption(
                        text=_values(option.get("text"), languages),
                        kind=option.get("kind", ""),
                        feedback=_values(option.get("feedback"), languages),
                        next_key=option.get("next", ""),
                        appropriate=bool(option.get("appropriate")),
                    )
                    for option in node.get("options") or []
                ],
            )
            for node in spec.get("nodes") or []
        ],
        page_fields={
            "title": _values(spec.get("title"), languages),
            "summary": _values(spec.get("summary"), languages),
            **{name: _values(case.get(name), languages) for name in CASE_FIELDS},
        },
    )


def build_practice(spec: dict, languages) -> InterviewPracticePage:
    """An unsaved practice page with its nodes and options, ready to be added under
    a module. Raises ``FixtureError`` listing every rule the graph breaks."""
    errors = graph_errors(_graph(spec, languages), list(languages))
    if errors:
        raise FixtureError("; ".join(str(error.message) for error in errors))
    case = spec["case"]
    completion = spec.get("completion") or {}
    page = InterviewPracticePage(
        duration_minutes=spec.get("duration_minutes") or 15,
        objective_keys=", ".join(spec.get("objectives") or []),
        case_age=case["age"],
        start_key=spec["start"],
        min_recommended_percent=completion.get("min_recommended_percent", 70),
        allow_harmful=bool(completion.get("allow_harmful", False)),
        required_for_completion=spec.get("required", True),
    )
    set_translated(page, "title", spec["title"], languages)
    set_translated(page, "slug", spec["slug"], languages)
    set_translated(page, "summary", spec.get("summary"), languages)
    for name, (field, is_rich) in CASE_FIELDS.items():
        transform = rich if is_rich else None
        set_translated(page, field, case.get(name), languages, transform=transform)
    nodes = []
    for number, node_spec in enumerate(spec["nodes"]):
        node = PracticeNode(
            key=node_spec["key"],
            is_ending=bool(node_spec.get("ending")),
            sort_order=number,
        )
        set_translated(node, "says", node_spec.get("says"), languages)
        set_translated(node, "context", node_spec.get("context"), languages)
        set_translated(
            node, "debrief", node_spec.get("debrief"), languages, transform=rich
        )
        options = []
        for index, option_spec in enumerate(node_spec.get("options") or []):
            option = PracticeOption(
                sort_order=index,
                kind=option_spec["kind"],
                appropriate=bool(option_spec.get("appropriate")),
                next_key=option_spec["next"],
            )
            set_translated(option, "text", option_spec["text"], languages)
            set_translated(option, "feedback", option_spec["feedback"], languages)
            options.append(option)
        node.options = options
        nodes.append(node)
    page.nodes = nodes
    return page
