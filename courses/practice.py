"""Interview practice, below the models: move kinds, what each kind counts as, and the
rules a conversation graph must keep before it is published.

The graph is checked as plain data (``Graph``), so the admin form, the demo importer
and the tests apply one set of rules. Imported by ``courses.models.practice`` and by
lms through ``courses.services``; imports no model. docs/decisions/0009.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise, lazy
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MIN_OPTIONS = 3
MAX_OPTIONS = 5
KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"


class MoveKind(models.TextChoices):
    """What a move is, as the author labels an option and the classifier a typed
    question (NICHD protocol terms, PRACTICE.md)."""

    INVITATION = "invitation", _("Invitation")
    CUED_INVITATION = "cued_invitation", _("Cued invitation")
    DIRECTIVE = "directive", _("Directive (wh- question)")
    OPTION_POSING = "option_posing", _("Option-posing (yes/no, either/or)")
    SUGGESTIVE = "suggestive", _("Suggestive (leading)")
    RAPPORT = "rapport", _("Rapport and ground rules")
    SAFETY = "safety", _("Safety and needs check")
    CLOSING = "closing", _("Closing")
    HARMFUL = "harmful", _("Harmful")


class MoveClass(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended")
    WEAK = "weak", _("Weak")
    HARMFUL = "harmful", _("Harmful")


RECOMMENDED_KINDS = frozenset(
    {
        MoveKind.INVITATION,
        MoveKind.CUED_INVITATION,
        MoveKind.RAPPORT,
        MoveKind.SAFETY,
        MoveKind.CLOSING,
    }
)

# "Nearest" kind, for a typed question whose kind no option of the node has: kinds on
# one line from the most open to the most harmful; the nearest is the fewest steps
# away, a tie goes to the option authored first. docs/decisions/0009.
KIND_LINE = [
    MoveKind.CLOSING,
    MoveKind.RAPPORT,
    MoveKind.SAFETY,
    MoveKind.INVITATION,
    MoveKind.CUED_INVITATION,
    MoveKind.DIRECTIVE,
    MoveKind.OPTION_POSING,
    MoveKind.SUGGESTIVE,
    MoveKind.HARMFUL,
]


def move_class(kind: str, appropriate: bool = False) -> MoveClass:
    """Recommended, weak or harmful: a directive counts as recommended only where
    the author marked it appropriate."""
    if kind == MoveKind.HARMFUL:
        return MoveClass.HARMFUL
    if kind in RECOMMENDED_KINDS or (kind == MoveKind.DIRECTIVE and appropriate):
        return MoveClass.RECOMMENDED
    return MoveClass.WEAK


def kind_distance(a: str, b: str) -> int:
    line = [str(kind) for kind in KIND_LINE]
    return abs(line.index(a) - line.index(b))


def nearest_option(options: list, kind: str):
    """The option (any object with ``kind``, in authoring order) nearest ``kind``."""
    candidates = [o for o in options if o.kind in MoveKind.values]
    if not candidates:
        return None
    # min() keeps the first of equals: authoring order breaks ties.
    return min(candidates, key=lambda option: kind_distance(option.kind, kind))


# The graph as plain data --------------------------------------------------------


@dataclass
class GraphOption:
    text: dict[str, str]
    kind: str
    feedback: dict[str, str]
    next_key: str
    appropriate: bool = False


@dataclass
class GraphNode:
    key: str
    says: dict[str, str]
    is_ending: bool = False
    debrief: dict[str, str] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    options: list[GraphOption] = field(default_factory=list)


@dataclass
class Graph:
    start_key: str
    nodes: list[GraphNode]
    # Readable fields of the page itself (summary, case), by field label.
    page_fields: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphError:
    """One rule broken. ``node`` and ``option`` are indexes (None: the page)."""

    code: str
    message: Promise
    node: int | None = None
    option: int | None = None


def later(message: Promise, **params) -> Promise:
    """``message % params``, translated when shown (the editor's language)."""
    return lazy(lambda: message % params, str)()


def _filled(value: str | None) -> bool:
    # Rich text of an empty editor is "<p></p>"; strip tags before judging.
    return bool(strip_tags(value or "").strip())


def _language_name(code: str) -> Promise:
    return {"en": _("English"), "es": _("Spanish")}.get(code, code)


def _missing(values: dict[str, str], languages: list[str]) -> list[str]:
    return [code for code in languages if not _filled(values.get(code))]


def reachable_keys(graph: Graph) -> set[str]:
    nodes = {node.key: node for node in graph.nodes}
    seen, queue = set(), deque([graph.start_key])
    while queue:
        key = queue.popleft()
        if key in seen or key not in nodes:
            continue
        seen.add(key)
        if not nodes[key].is_ending:
            queue.extend(option.next_key for option in nodes[key].options)
    return seen


def _reaching_an_ending(graph: Graph) -> set[str]:
    """Keys of the nodes from which some ending can be reached."""
    good = {node.key for node in graph.nodes if node.is_ending}
    changed = True
    while changed:
        changed = False
        for node in graph.nodes:
            if node.key not in good and any(o.next_key in good for o in node.options):
                good.add(node.key)
                changed = True
    return good


def graph_errors(graph: Graph, languages: list[str]) -> list[GraphError]:
    """Every rule the graph breaks, in the order an author reads the page."""
    errors: list[GraphError] = []
    for label, values in graph.page_fields.items():
        for code in _missing(values, languages):
            errors.append(
                GraphError(
                    "missing_language",
                    later(
                        _("%(field)s is missing in %(language)s."),
                        field=label,
                        language=_language_name(code),
                    ),
                )
            )
    keys = [node.key for node in graph.nodes]
    if not graph.nodes:
        errors.append(
            GraphError("no_nodes", _("Add the conversation's nodes before publishing."))
        )
        return errors
    if graph.start_key not in keys:
        errors.append(
            GraphError(
                "unknown_start",
                later(
                    _("The start node “%(key)s” is not a node of this practice."),
                    key=graph.start_key,
                ),
            )
        )
    reachable = reachable_keys(graph)
    finishing = _reaching_an_ending(graph)
    seen: set[str] = set()
    for index, node in enumerate(graph.nodes):
        errors += _node_errors(index, node, keys, seen, languages)
        seen.add(node.key)
        if graph.start_key in keys and node.key not in reachable:
            errors.append(
                GraphError(
                    "unreachable",
                    later(
                        _("Node “%(key)s” cannot be reached from the start node."),
                        key=node.key,
                    ),
                    node=index,
                )
            )
        elif node.key in reachable and node.key not in finishing:
            errors.append(
                GraphError(
                    "no_way_out",
                    later(
                        _("No ending can be reached from node “%(key)s”."),
                        key=node.key,
                    ),
                    node=index,
                )
            )
    if not any(node.is_ending for node in graph.nodes):
        errors.append(
            GraphError("no_ending", _("Mark at least one node as an ending."))
        )
    return errors


def _node_errors(index, node, keys, seen, languages) -> list[GraphError]:
    errors = []

    def add(code, message, option=None):
        errors.append(GraphError(code, message, node=index, option=option))

    if node.key in seen:
        add(
            "duplicate_key",
            later(_("Two nodes have the key “%(key)s”."), key=node.key),
        )
    for code in _missing(node.says, languages):
        add(
            "no_words",
            later(
                _(
                    "Node “%(key)s”: what the young person says is missing in "
                    "%(language)s."
                ),
                key=node.key,
                language=_language_name(code),
            ),
        )
    if node.is_ending:
        for code in _missing(node.debrief, languages):
            add(
                "no_debrief",
                later(
                    _("Ending “%(key)s” needs a debrief in %(language)s."),
                    key=node.key,
                    language=_language_name(code),
                ),
            )
        if node.options:
            add(
                "ending_with_options",
                later(
                    _("Ending “%(key)s” has options: an ending has none."),
                    key=node.key,
                ),
            )
        return errors
    count = len(node.options)
    if not MIN_OPTIONS <= count <= MAX_OPTIONS:
        add(
            "option_count",
            later(
                ngettext_lazy(
                    "Node “%(key)s” has %(count)s option: give it 3 to 5, or mark "
                    "it as an ending.",
                    "Node “%(key)s” has %(count)s options: give it 3 to 5, or mark "
                    "it as an ending.",
                    "count",
                ),
                key=node.key,
                count=count,
            ),
        )
    for number, option in enumerate(node.options, start=1):
        found = _option_errors(node.key, number, option, keys, languages)
        errors += [
            GraphError(code, message, node=index, option=number - 1)
            for code, message in found
        ]
    return errors


def _option_errors(key, number, option, keys, languages):
    where = {"key": key, "number": number}
    for code in _missing(option.text, languages):
        yield (
            "no_text",
            later(
                _(
                    "Node “%(key)s”, option %(number)s: the text is missing in "
                    "%(language)s."
                ),
                language=_language_name(code),
                **where,
            ),
        )
    if option.kind not in MoveKind.values:
        yield (
            "no_kind",
            later(_("Node “%(key)s”, option %(number)s needs a kind."), **where),
        )
    for code in _missing(option.feedback, languages):
        yield (
            "no_feedback",
            later(
                _(
                    "Node “%(key)s”, option %(number)s: the feedback is missing in "
                    "%(language)s."
                ),
                language=_language_name(code),
                **where,
            ),
        )
    if not option.next_key:
        yield (
            "no_target",
            later(
                _("Node “%(key)s”, option %(number)s must say which node it leads to."),
                **where,
            ),
        )
    elif option.next_key not in keys:
        yield (
            "unknown_target",
            later(
                _(
                    "Node “%(key)s”, option %(number)s leads to “%(target)s”, which "
                    "is not a node of this practice."
                ),
                target=option.next_key,
                **where,
            ),
        )


def _translations(obj, name: str, languages=("en", "es")) -> dict[str, str]:
    return {code: getattr(obj, f"{name}_{code}", None) or "" for code in languages}


def graph_from_page(page) -> Graph:
    """The graph of a practice page as it is held (a revision's in-memory nodes
    included): for the outline panel and for checks over stored pages."""
    return Graph(
        start_key=page.start_key or "",
        nodes=[
            GraphNode(
                key=node.key,
                says=_translations(node, "says"),
                is_ending=node.is_ending,
                debrief=_translations(node, "debrief"),
                context=_translations(node, "context"),
                options=[
                    GraphOption(
                        text=_translations(option, "text"),
                        kind=option.kind,
                        feedback=_translations(option, "feedback"),
                        next_key=option.next_key,
                        appropriate=option.appropriate,
                    )
                    for option in node.options.all()
                ],
            )
            for node in page.nodes.all()
        ],
    )
