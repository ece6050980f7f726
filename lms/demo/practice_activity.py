"""Practice rounds of the demo learners, played through ``lms.practice.services``
(the same gates and figures as a learner's), so the practice report has figures.

Called by ``lms.demo.activity`` for each practice a plan reaches, before the quizzes
that may complete the course. About half the learners first play a weaker round
(option-posing and leading moves where the graph offers them), then a round of
recommended moves that meets the rule: the report shows a first-to-best change.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from courses.models import InterviewPracticePage
from courses.practice import MoveClass, move_class
from courses.services import get_practice_graph
from lms.learning.services.enrollment import acknowledge_content_note
from lms.models import Enrollment
from lms.practice.services.rounds import choose_option, start_round

MAX_MOVES = 30  # a guard: demo paths reach an ending in well under this


def _pick(options, wanted: MoveClass, rng: random.Random):
    matching = [o for o in options if move_class(o.kind, o.appropriate) == wanted]
    recommended = [
        o for o in options if move_class(o.kind, o.appropriate) == MoveClass.RECOMMENDED
    ]
    return rng.choice(matching or recommended or options)


def _play(enrollment, practice, wanted_first: MoveClass, at: datetime, rng) -> int:
    """One round: the first moves of class ``wanted_first`` (then recommended ones),
    a minute apart, ending before ``at``. Returns the number of moves."""
    graph = get_practice_graph(practice)
    start = at - timedelta(minutes=MAX_MOVES + 5)
    practice_round = start_round(enrollment, practice, now=start)
    moves = 0
    while not practice_round.is_finished and moves < MAX_MOVES:
        options = graph.options(practice_round.current_key)
        if not options:
            break
        wanted = wanted_first if moves < 3 else MoveClass.RECOMMENDED
        option = _pick(options, wanted, rng)
        moves += 1
        choose_option(
            practice_round,
            node_key=practice_round.current_key,
            option_id=option.pk,
            now=start + timedelta(minutes=moves),
        )
        practice_round.refresh_from_db()
    return moves


def play_demo_practices(
    enrollment: Enrollment,
    reached: list[tuple[int, datetime]],
    rng: random.Random,
) -> int:
    """Rounds for each (practice id, moment): a weaker first round for some
    learners, then one that meets the rule. Returns how many rounds were played."""
    if not reached:
        return 0
    pages = InterviewPracticePage.objects.in_bulk([pk for pk, _at in reached])
    practices = [(pages[pk], at) for pk, at in reached if pk in pages]
    if enrollment.course.content_note:
        # start_round's gate wants the note read, as a learner's does.
        acknowledge_content_note(enrollment)
    rounds = 0
    for practice, at in practices:
        if rng.random() < 0.5:
            _play(enrollment, practice, MoveClass.WEAK, at - timedelta(hours=2), rng)
            rounds += 1
        _play(enrollment, practice, MoveClass.RECOMMENDED, at, rng)
        rounds += 1
    return rounds
