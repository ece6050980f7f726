"""Reading practice rounds: the page of a round in progress, the debrief, the trend
across rounds and the practice's status for its page.

Reads only. What a round's page shows before a move is made carries no kind,
feedback or target (``ShownOption`` is an id and a text); kinds and feedback appear
in the transcript of moves already made. Called by the practice views and template
tags. Texts are read in the active language.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from courses.models import InterviewPracticePage, PracticeNode, PracticeOption
from courses.practice import MoveClass, MoveKind, move_class
from courses.services import PracticeGraph, get_practice_graph
from lms.models import Enrollment, PracticeMove, PracticeRound, User
from lms.practice.explanations import explain

__all__ = [
    "Debrief",
    "PracticeStatus",
    "RoundState",
    "ShownOption",
    "TranscriptEntry",
    "Trend",
    "get_debrief",
    "get_practice_status",
    "get_practice_trend",
    "get_round_for_user",
    "get_round_state",
]


@dataclass(frozen=True)
class ShownOption:
    """An option as a learner sees it before choosing: its id and its words."""

    id: int
    text: str


@dataclass
class TranscriptEntry:
    """One move made, with what the young person had said before it."""

    move: PracticeMove
    said: str  # the young person's words the move answered
    option: PracticeOption | None  # picked, or followed after a typed question
    better: PracticeOption | None = None  # at a weak move: a recommended option

    @property
    def text(self) -> str:
        if self.move.typed_text:
            return self.move.typed_text
        return self.option.text if self.option is not None else ""

    @property
    def kind_label(self) -> str:
        return str(MoveKind(self.move.kind).label)

    @property
    def class_label(self) -> str:
        return str(MoveClass(self.move.move_class).label)

    @property
    def is_typed(self) -> bool:
        return self.move.is_typed

    @property
    def explanation(self) -> str:
        return explain(self.move.rule, self.move.cue) if self.is_typed else ""

    @property
    def feedback(self) -> str:
        """The author's coaching, for the option picked or, for a typed question,
        when the option followed is of the same kind."""
        if self.option is None:
            return ""
        if self.is_typed and self.option.kind != self.move.kind:
            return ""
        return self.option.feedback


@dataclass
class RoundState:
    """What a round's page shows: the transcript so far, the last move's coaching,
    what the young person says now and the options' texts (never their kinds)."""

    round: PracticeRound
    node: PracticeNode | None
    options: list[ShownOption]
    transcript: list[TranscriptEntry]

    @property
    def last(self) -> TranscriptEntry | None:
        return self.transcript[-1] if self.transcript else None


@dataclass
class Trend:
    """Finished rounds in order, and the first, the best and the latest of them."""

    rounds: list[PracticeRound] = field(default_factory=list)

    @property
    def first(self) -> PracticeRound | None:
        return self.rounds[0] if self.rounds else None

    @property
    def latest(self) -> PracticeRound | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def best(self) -> PracticeRound | None:
        # The highest share of recommended moves; a tie goes to the earlier round.
        return max(
            self.rounds,
            key=lambda r: (r.met_rule, r.recommended_percent or 0, -r.number),
            default=None,
        )

    @property
    def change(self) -> int | None:
        """Points of recommended share gained from the first to the best round."""
        best, first = self.best, self.first
        if best is None or first is None:
            return None
        return (best.recommended_percent or 0) - (first.recommended_percent or 0)


@dataclass
class Debrief:
    round: PracticeRound
    practice: InterviewPracticePage
    ending: PracticeNode | None
    transcript: list[TranscriptEntry]
    trend: Trend

    @property
    def harmful(self) -> list[TranscriptEntry]:
        return [e for e in self.transcript if e.move.move_class == MoveClass.HARMFUL]

    @property
    def weak(self) -> list[TranscriptEntry]:
        return [e for e in self.transcript if e.move.move_class == MoveClass.WEAK]


def get_round_for_user(user: User, round_id: int) -> PracticeRound | None:
    """The learner's own round (another's is None: the view answers 404)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        PracticeRound.objects.select_related("practice", "enrollment")
        .filter(pk=round_id, enrollment__user_id=user.pk)
        .first()
    )


def _better_option(
    graph: PracticeGraph, node_key: str, chosen_id: int | None
) -> PracticeOption | None:
    for option in graph.options(node_key):
        if option.pk != chosen_id and (
            move_class(option.kind, option.appropriate) == MoveClass.RECOMMENDED
        ):
            return option
    return None


def _transcript(
    graph: PracticeGraph, practice_round: PracticeRound
) -> list[TranscriptEntry]:
    options = {
        option.pk: option
        for node in graph.nodes.values()
        for option in node.options.all()
    }
    entries = []
    for move in PracticeMove.objects.filter(round=practice_round).order_by("number"):
        node = graph.node(move.node_key)
        option = options.get(move.option_id) if move.option_id else None
        entry = TranscriptEntry(
            move=move, said=node.says if node is not None else "", option=option
        )
        if move.move_class == MoveClass.WEAK:
            entry.better = _better_option(graph, move.node_key, move.option_id)
        entries.append(entry)
    return entries


def _shown_options(
    practice_round: PracticeRound, graph: PracticeGraph
) -> list[ShownOption]:
    """The node's options in an order fixed for the round (so the first option is
    not always the author's first), as ids and texts only."""
    options = graph.options(practice_round.current_key)
    random.Random(f"{practice_round.pk}:{practice_round.current_key}").shuffle(  # noqa: S311 (order, not a secret)
        options
    )
    return [ShownOption(id=option.pk, text=option.text) for option in options]


def get_round_state(practice_round: PracticeRound) -> RoundState:
    """Four queries: the graph (two), the moves, and the round's practice if it was
    not selected."""
    graph = get_practice_graph(practice_round.practice)
    return RoundState(
        round=practice_round,
        node=graph.node(practice_round.current_key),
        options=[]
        if practice_round.is_finished
        else _shown_options(practice_round, graph),
        transcript=_transcript(graph, practice_round),
    )


def get_practice_trend(
    enrollment: Enrollment, practice: InterviewPracticePage | int
) -> Trend:
    practice_id = practice if isinstance(practice, int) else practice.pk
    return Trend(
        rounds=list(
            PracticeRound.objects.filter(
                enrollment=enrollment,
                practice_id=practice_id,
                finished_at__isnull=False,
            ).order_by("number")
        )
    )


def get_debrief(practice_round: PracticeRound) -> Debrief:
    graph = get_practice_graph(practice_round.practice)
    return Debrief(
        round=practice_round,
        practice=practice_round.practice,
        ending=graph.node(practice_round.ending_key or practice_round.current_key),
        transcript=_transcript(graph, practice_round),
        trend=get_practice_trend(practice_round.enrollment, practice_round.practice),
    )


@dataclass
class PracticeStatus:
    """A learner's standing on one practice: what its page shows."""

    in_progress: PracticeRound | None
    trend: Trend

    @property
    def met(self) -> bool:
        return any(r.met_rule for r in self.trend.rounds)

    @property
    def started(self) -> bool:
        return self.in_progress is not None or bool(self.trend.rounds)


def get_practice_status(
    enrollment: Enrollment, practice: InterviewPracticePage
) -> PracticeStatus:
    """One query: every round of the learner at this practice."""
    rounds = list(
        PracticeRound.objects.filter(enrollment=enrollment, practice=practice).order_by(
            "number"
        )
    )
    return PracticeStatus(
        in_progress=next((r for r in rounds if r.finished_at is None), None),
        trend=Trend(rounds=[r for r in rounds if r.finished_at is not None]),
    )
