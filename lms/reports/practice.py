"""Interview-practice figures for the reports: per practice (and, filtered, per
cohort), the distribution of move kinds, the most common weak moves, and the change
from each learner's first round to their best.

Read from finished ``PracticeRound`` rows and their moves in four queries whatever
the number of rounds (and a fifth for the weak moves' option texts). Called by
``lms.reports.views.practice``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from courses.models import CoursePage, PracticeOption
from courses.practice import MoveClass, MoveKind
from lms.models import PracticeMove, PracticeRound

TOP_WEAK = 3


@dataclass
class WeakMove:
    count: int
    option: PracticeOption | None  # the option picked (None: typed questions)
    kind: str

    @property
    def label(self) -> str:
        if self.option is not None:
            return self.option.text
        return str(MoveKind(self.kind).label)

    @property
    def is_typed(self) -> bool:
        return self.option is None


@dataclass
class PracticeFigures:
    practice: object
    course: str = ""
    learners: int = 0
    rounds: int = 0
    rounds_met: int = 0
    kinds: Counter = field(default_factory=Counter)
    weak: list[WeakMove] = field(default_factory=list)
    first_percent: float | None = None  # average over learners, first round
    best_percent: float | None = None  # average over learners, best round

    @property
    def moves(self) -> int:
        return sum(self.kinds.values())

    def kind_percent(self, kind: str) -> int | None:
        return round(100 * self.kinds[kind] / self.moves) if self.moves else None

    @property
    def distribution(self) -> list[tuple[str, int, int | None]]:
        """(label, count, %) for every kind, in the protocol's order."""
        return [
            (str(label), self.kinds[kind], self.kind_percent(kind))
            for kind, label in MoveKind.choices
        ]

    @property
    def change(self) -> float | None:
        if self.first_percent is None or self.best_percent is None:
            return None
        return round(self.best_percent - self.first_percent, 1)


def _rounds(practice_ids: list[int], cohort) -> Q:
    where = Q(practice_id__in=practice_ids, finished_at__isnull=False)
    if cohort is not None:
        where &= Q(
            enrollment__user__cohort_memberships__cohort=cohort,
            enrollment__course__cohorts=cohort,
        )
    return where


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def get_practice_figures(practices, *, cohort=None) -> list[PracticeFigures]:
    """Figures for ``practices`` (pages, in their order), over every learner or
    over one cohort's members in the cohort's courses."""
    practices = list(practices)
    if not practices:
        return []
    figures = {p.pk: PracticeFigures(practice=p) for p in practices}
    ids = list(figures)
    where = _rounds(ids, cohort)
    per_learner: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for practice_id, enrollment_id, number, percent, met in (
        PracticeRound.objects.filter(where)
        .distinct()
        .values_list(
            "practice_id", "enrollment_id", "number", "recommended_percent", "met_rule"
        )
    ):
        entry = figures[practice_id]
        entry.rounds += 1
        entry.rounds_met += bool(met)
        per_learner[(practice_id, enrollment_id)].append((number, percent or 0))
    firsts, bests = defaultdict(list), defaultdict(list)
    for (practice_id, _enrollment), rounds in per_learner.items():
        figures[practice_id].learners += 1
        firsts[practice_id].append(min(rounds)[1])
        bests[practice_id].append(max(percent for _n, percent in rounds))
    for practice_id, entry in figures.items():
        entry.first_percent = _average(firsts[practice_id])
        entry.best_percent = _average(bests[practice_id])
    moves = PracticeMove.objects.filter(
        round__in=PracticeRound.objects.filter(where).values("pk")
    )
    for practice_id, kind, count in (
        moves.order_by()
        .values_list("round__practice_id", "kind")
        .annotate(count=Count("pk"))
    ):
        figures[practice_id].kinds[kind] += count
    _add_weak_moves(figures, moves)
    _add_course_titles(figures)
    return [figures[p.pk] for p in practices]


def _add_weak_moves(figures: dict, moves) -> None:
    """The most common weak moves per practice: options picked by id, typed
    questions by their kind; ties go to the option authored first."""
    rows = list(
        moves.filter(move_class=MoveClass.WEAK)
        .order_by()
        .values_list("round__practice_id", "option_id", "classified_by", "kind")
        .annotate(count=Count("pk"))
    )
    picked = [row[1] for row in rows if row[2] == "author" and row[1]]
    options = PracticeOption.objects.in_bulk(picked) if picked else {}
    found: dict[int, dict[tuple, WeakMove]] = defaultdict(dict)
    for practice_id, option_id, classified_by, kind, count in rows:
        option = options.get(option_id) if classified_by == "author" else None
        key = (option.pk, "") if option is not None else (None, kind)
        entry = found[practice_id].setdefault(key, WeakMove(0, option, kind))
        entry.count += count
    for practice_id, entries in found.items():
        ranked = sorted(
            entries.values(),
            key=lambda w: (-w.count, w.option.pk if w.option else 1 << 62, w.kind),
        )
        figures[practice_id].weak = ranked[:TOP_WEAK]


def _add_course_titles(figures: dict) -> None:
    """A practice's course is its grandparent (course → module → practice)."""
    steps = 2 * CoursePage.steplen
    paths = {entry.practice.path[:-steps] for entry in figures.values()}
    courses = {c.path: c for c in CoursePage.objects.filter(path__in=paths)}
    for entry in figures.values():
        course = courses.get(entry.practice.path[:-steps])
        entry.course = course.title if course else ""
