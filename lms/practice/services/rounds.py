"""Playing a practice: starting a round, each move (an option picked or a question
typed), and finishing at an ending, where the figures are written and the course's
completion recorded when the round met the author's rule.

Every branch is decided here, on the server, from ``courses.services``'s graph: a
page never carries kinds, feedback or targets. Called by the practice views and the
demo activity; both pass the same gates as ``start_attempt`` (enrollment current,
the course's content note read). docs/decisions/0009.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import CoursePage, InterviewPracticePage, PracticeOption
from courses.practice import MoveClass, MoveKind, move_class, nearest_option
from courses.services import PracticeGraph, get_practice_graph
from lms.learning.services.completion import record_completion_if_done
from lms.learning.services.enrollment import record_last_page, require_study_access
from lms.models import ClassifiedBy, Enrollment, PracticeMove, PracticeRound
from lms.practice.classifier import classify
from lms.practice.errors import (
    EMPTY_QUESTION,
    MAX_TYPED_LENGTH,
    NOT_READY,
    QUESTION_TOO_LONG,
    ROUND_FINISHED,
    STALE_MOVE,
    MoveInputError,
    PracticeError,
)

__all__ = [
    "ask_free_text",
    "choose_option",
    "finish_round",
    "is_rule_met",
    "start_round",
]


def _locked_enrollment(enrollment: Enrollment | None) -> Enrollment | None:
    """The enrollment row locked, with its gate fields as they are now."""
    if enrollment is None:
        return None
    locked = Enrollment.objects.select_for_update().filter(pk=enrollment.pk)
    current = locked.values("left_at", "content_note_acknowledged_at").first()
    if current is None:  # deleted meanwhile
        return None
    for name, value in current.items():
        setattr(enrollment, name, value)
    return enrollment


def start_round(
    enrollment: Enrollment | None,
    practice: InterviewPracticePage,
    *,
    course: CoursePage | None = None,
    now: datetime | None = None,
) -> PracticeRound:
    """The learner's round in progress, or a new one at the start node.

    Raises ``EnrollmentError`` (``not_enrolled``, ``content_note_pending``) as
    ``start_attempt`` does, and ``PracticeError`` ``practice_not_ready`` when the
    practice has no start node. The enrollment row is locked, so two concurrent
    starts make one round.
    """
    now = now or timezone.now()
    with transaction.atomic():
        checked = require_study_access(
            _locked_enrollment(enrollment), practice, course=course
        )
        rounds = list(
            PracticeRound.objects.filter(enrollment=checked, practice=practice)
        )
        open_round = next((r for r in rounds if r.finished_at is None), None)
        if open_round is not None:
            return open_round
        graph = get_practice_graph(practice)
        if graph.node(graph.start_key) is None:
            raise PracticeError(code=NOT_READY)
        try:
            with transaction.atomic():
                practice_round = PracticeRound.objects.create(
                    enrollment=checked,
                    practice=practice,
                    number=max((r.number for r in rounds), default=0) + 1,
                    started_at=now,
                    current_key=graph.start_key,
                )
        except IntegrityError:
            # Only possible where the database cannot lock rows (SQLite races).
            practice_round = PracticeRound.objects.get(
                enrollment=checked, practice=practice, finished_at__isnull=True
            )
        record_last_page(checked, practice.pk)
    return practice_round


def _locked_round(practice_round: PracticeRound | int) -> PracticeRound:
    pk = practice_round if isinstance(practice_round, int) else practice_round.pk
    return (
        PracticeRound.objects.select_for_update(of=("self",))
        .select_related("enrollment", "practice")
        .get(pk=pk)
    )


def _check_move(locked: PracticeRound, node_key: str) -> PracticeGraph:
    """The gate, then whether the round is still waiting at ``node_key``."""
    require_study_access(locked.enrollment, locked.practice)
    if locked.is_finished:
        raise PracticeError(code=ROUND_FINISHED)
    if node_key != locked.current_key:
        # A second submit of the same form, or an old tab: nothing is recorded.
        raise PracticeError(code=STALE_MOVE)
    return get_practice_graph(locked.practice)


def choose_option(
    practice_round: PracticeRound | int,
    *,
    node_key: str,
    option_id: int,
    now: datetime | None = None,
) -> PracticeMove:
    """Record the option picked at ``node_key`` and follow its branch.

    Raises ``PracticeError`` (``round_finished``, ``stale_move``: nothing written)
    and ``MoveInputError`` ``unknown_option`` for an option of another node.
    """
    with transaction.atomic():
        locked = _locked_round(practice_round)
        graph = _check_move(locked, node_key)
        option = graph.option(node_key, option_id)
        if option is None:
            raise MoveInputError()
        return _record(
            locked,
            graph,
            node_key,
            option,
            PracticeMove(
                kind=option.kind,
                move_class=move_class(option.kind, option.appropriate),
                classified_by=ClassifiedBy.AUTHOR,
            ),
            now or timezone.now(),
        )


def ask_free_text(
    practice_round: PracticeRound | int,
    *,
    node_key: str,
    text: str,
    language: str,
    now: datetime | None = None,
) -> PracticeMove:
    """Classify a typed question and continue on the branch of the node's option
    nearest its kind (``courses.practice.nearest_option``).

    A directive counts as recommended only when the option followed is a directive
    the author marked appropriate. Raises ``MoveInputError`` (``empty_question``,
    ``question_too_long``) before anything is read or written.
    """
    text = " ".join((text or "").split())
    if not text:
        raise MoveInputError(code=EMPTY_QUESTION)
    if len(text) > MAX_TYPED_LENGTH:
        raise MoveInputError(code=QUESTION_TOO_LONG)
    with transaction.atomic():
        locked = _locked_round(practice_round)
        graph = _check_move(locked, node_key)
        result = classify(text, language)
        option = nearest_option(graph.options(node_key), result.kind)
        if option is None:
            raise PracticeError(code=NOT_READY)
        appropriate = (
            result.kind == MoveKind.DIRECTIVE
            and option.kind == MoveKind.DIRECTIVE
            and option.appropriate
        )
        return _record(
            locked,
            graph,
            node_key,
            option,
            PracticeMove(
                kind=result.kind,
                move_class=move_class(result.kind, appropriate),
                classified_by=ClassifiedBy.RULE,
                typed_text=text,
                language=language,
                rule=result.rule,
                cue=result.cue[:100],
            ),
            now or timezone.now(),
        )


COUNTERS = {
    MoveClass.RECOMMENDED: "recommended_count",
    MoveClass.WEAK: "weak_count",
    MoveClass.HARMFUL: "harmful_count",
}


def _record(
    locked: PracticeRound,
    graph: PracticeGraph,
    node_key: str,
    option: PracticeOption,
    move: PracticeMove,
    now: datetime,
) -> PracticeMove:
    move.round = locked
    move.number = locked.moves_count + 1
    move.node_key = node_key
    move.option = option
    move.next_key = option.next_key
    move.made_at = now
    move.save()
    locked.moves_count = move.number
    counter = COUNTERS[MoveClass(move.move_class)]
    setattr(locked, counter, getattr(locked, counter) + 1)
    locked.current_key = option.next_key
    locked.save(update_fields=["moves_count", counter, "current_key"])
    target = graph.node(option.next_key)
    if target is None or target.is_ending:
        _finish(locked, now)
    return move


def is_rule_met(practice: InterviewPracticePage, practice_round: PracticeRound) -> bool:
    """The author's completion rule: enough recommended moves, and no harmful one
    unless the practice allows it."""
    return (
        practice_round.moves_count > 0
        and (practice_round.recommended_percent or 0)
        >= practice.min_recommended_percent
        and (practice.allow_harmful or practice_round.harmful_count == 0)
    )


def _finish(locked: PracticeRound, now: datetime) -> None:
    locked.finished_at = now
    locked.ending_key = locked.current_key
    moves = locked.moves_count
    locked.recommended_percent = (
        round(100 * locked.recommended_count / moves) if moves else 0
    )
    locked.met_rule = is_rule_met(locked.practice, locked)
    locked.save(
        update_fields=["finished_at", "ending_key", "recommended_percent", "met_rule"]
    )
    if locked.met_rule:
        record_completion_if_done(locked.enrollment)


def finish_round(
    practice_round: PracticeRound | int, *, now: datetime | None = None
) -> PracticeRound:
    """Finish a round that stands at an ending (idempotent); the moves do this
    themselves when they reach one, so callers rarely need it."""
    with transaction.atomic():
        locked = _locked_round(practice_round)
        if not locked.is_finished:
            node = get_practice_graph(locked.practice).node(locked.current_key)
            if node is None or node.is_ending:
                _finish(locked, now or timezone.now())
    return locked
