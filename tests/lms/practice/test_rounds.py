"""A round driven through the service layer, in both languages: the gates, each move
recorded with its kind, free text on the nearest branch, the figures at the ending,
the completion rule counted toward the course, repeats and the trend."""

import pytest
from django.utils import translation

from courses.models import PracticeOption
from lms.learning.errors import CONTENT_NOTE_PENDING, NOT_ENROLLED, EnrollmentError
from lms.learning.services.enrollment import enroll_user, leave_course
from lms.learning.services.lessons import mark_lesson_complete
from lms.learning.services.progress import get_course_progress
from lms.models import ClassifiedBy, Enrollment, PracticeMove, PracticeRound
from lms.practice.errors import (
    EMPTY_QUESTION,
    ROUND_FINISHED,
    STALE_MOVE,
    UNKNOWN_OPTION,
    MoveInputError,
    PracticeError,
)
from lms.practice.services.debrief import (
    get_debrief,
    get_practice_status,
    get_practice_trend,
    get_round_state,
)
from lms.practice.services.rounds import ask_free_text, choose_option, start_round
from tests.builders import COACHING_MARKER

pytestmark = pytest.mark.django_db


def option(practice, node_key: str, kind: str) -> PracticeOption:
    return PracticeOption.objects.get(
        node__page=practice, node__key=node_key, kind=kind
    )


def pick(practice_round, node_key, kind):
    return choose_option(
        practice_round,
        node_key=node_key,
        option_id=option(practice_round.practice, node_key, kind).pk,
    )


def play(enrollment, practice, kinds):
    """A round of one move per node, by kind: [(node key, kind), ...]."""
    practice_round = start_round(enrollment, practice)
    for node_key, kind in kinds:
        pick(practice_round, node_key, kind)
    practice_round.refresh_from_db()
    return practice_round


GOOD = [("n-start", "invitation"), ("n-account", "cued_invitation")]
WEAK = [("n-start", "option_posing"), ("n-account", "directive")]
HARMFUL = [("n-start", "harmful")]


def test_start_needs_enrollment_and_the_content_note(
    practice, practice_course, learner
):
    with pytest.raises(EnrollmentError) as refused:
        start_round(None, practice)
    assert refused.value.code == NOT_ENROLLED
    enrollment = enroll_user(learner, practice_course.course)
    with pytest.raises(EnrollmentError) as refused:
        start_round(enrollment, practice)
    assert refused.value.code == CONTENT_NOTE_PENDING
    assert not PracticeRound.objects.exists()


def test_a_round_in_progress_is_continued_not_doubled(enrolled, practice):
    first = start_round(enrolled, practice)
    assert start_round(enrolled, practice).pk == first.pk
    assert (first.number, first.current_key) == (1, "n-start")
    assert Enrollment.objects.get(pk=enrolled.pk).last_page_id == practice.pk


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_good_round_meets_the_rule_and_counts(enrolled, practice, language):
    with translation.override(language):
        practice_round = play(enrolled, practice, GOOD)
        debrief = get_debrief(practice_round)
    assert practice_round.is_finished and practice_round.ending_key == "end-handover"
    assert (practice_round.moves_count, practice_round.recommended_count) == (2, 2)
    assert (practice_round.recommended_percent, practice_round.met_rule) == (100, True)
    moves = list(PracticeMove.objects.filter(round=practice_round).order_by("number"))
    assert [(m.node_key, m.kind, m.classified_by) for m in moves] == [
        ("n-start", "invitation", ClassifiedBy.AUTHOR),
        ("n-account", "cued_invitation", ClassifiedBy.AUTHOR),
    ]
    expected = {"en": "Tell me what happened today.", "es": "Cuéntame qué pasó hoy."}
    with translation.override(language):
        assert debrief.transcript[0].text == expected[language]
        assert debrief.transcript[0].feedback == f"{COACHING_MARKER} a1 {language}"
    assert debrief.harmful == [] and debrief.weak == []


def test_weak_moves_show_the_better_move_available(enrolled, practice):
    practice_round = play(enrolled, practice, WEAK)
    assert (practice_round.recommended_percent, practice_round.met_rule) == (0, False)
    debrief = get_debrief(practice_round)
    assert [e.better.kind for e in debrief.weak] == ["invitation", "cued_invitation"]


def test_a_harmful_move_ends_badly_and_never_counts(enrolled, practice):
    practice_round = play(enrolled, practice, HARMFUL)
    assert practice_round.ending_key == "end-shutdown"
    assert (practice_round.harmful_count, practice_round.met_rule) == (1, False)
    assert [e.move.kind for e in get_debrief(practice_round).harmful] == ["harmful"]


def test_harmful_allowed_by_the_author_counts_on_the_share(enrolled, practice):
    practice.allow_harmful = True
    practice.min_recommended_percent = 50
    practice.save()
    practice_round = play(
        enrolled, practice, [("n-start", "rapport"), ("n-account", "suggestive")]
    )
    assert (practice_round.recommended_percent, practice_round.met_rule) == (50, True)


def test_moves_are_refused_without_writing(enrolled, practice, practice_course):
    practice_round = start_round(enrolled, practice)
    foreign = option(practice, "n-account", "closing")
    with pytest.raises(MoveInputError) as refused:
        choose_option(practice_round, node_key="n-start", option_id=foreign.pk)
    assert refused.value.code == UNKNOWN_OPTION
    pick(practice_round, "n-start", "invitation")
    with pytest.raises(PracticeError) as refused:  # the same form sent twice
        pick(practice_round, "n-start", "invitation")
    assert refused.value.code == STALE_MOVE
    with pytest.raises(MoveInputError) as refused:
        ask_free_text(practice_round, node_key="n-account", text="  ", language="en")
    assert refused.value.code == EMPTY_QUESTION
    pick(practice_round, "n-account", "closing")
    with pytest.raises(PracticeError) as refused:
        pick(practice_round, "n-account", "closing")
    assert refused.value.code in (ROUND_FINISHED, STALE_MOVE)
    assert PracticeMove.objects.filter(round=practice_round).count() == 2


def test_leaving_the_course_stops_the_round(enrolled, practice):
    practice_round = start_round(enrolled, practice)
    leave_course(enrolled)
    with pytest.raises(EnrollmentError):
        pick(practice_round, "n-start", "invitation")
    assert not PracticeMove.objects.exists()


@pytest.mark.parametrize(
    ("language", "typed", "kind", "followed"),
    [
        ("en", "Did he hurt you?", "option_posing", "option_posing"),
        ("es", "¿Te lastimó él?", "option_posing", "option_posing"),
        ("en", "Walk me through what happened", "invitation", "invitation"),
        ("es", "Platícame qué pasó", "invitation", "invitation"),
        # No directive option at n-start: on the line of kinds, option-posing is
        # one step away, invitation two.
        ("en", "Where were you going?", "directive", "option_posing"),
    ],
)
def test_typed_question_is_classified_and_follows_the_nearest_branch(
    enrolled, practice, language, typed, kind, followed
):
    practice_round = start_round(enrolled, practice)
    move = ask_free_text(
        practice_round, node_key="n-start", text=typed, language=language
    )
    assert (move.kind, move.option.kind, move.classified_by) == (
        kind,
        followed,
        ClassifiedBy.RULE,
    )
    assert move.typed_text == typed and move.language == language
    with translation.override(language):
        entry = get_round_state(PracticeRound.objects.get(pk=practice_round.pk)).last
        assert entry.explanation
        assert entry.text == typed
    practice_round.refresh_from_db()
    assert practice_round.current_key == move.option.next_key


def test_typed_directive_counts_only_where_the_author_marked_it(enrolled, practice):
    practice_round = start_round(enrolled, practice)
    pick(practice_round, "n-start", "invitation")
    move = ask_free_text(
        practice_round, node_key="n-account", text="Where is it now?", language="en"
    )
    assert (move.kind, move.move_class) == ("directive", "weak")
    directive = option(practice, "n-account", "directive")
    directive.appropriate = True
    directive.save()
    second = start_round(enrolled, practice)
    pick(second, "n-start", "invitation")
    move = ask_free_text(
        second, node_key="n-account", text="Where is it now?", language="en"
    )
    assert move.move_class == "recommended"


def test_practice_counts_toward_completion_only_when_the_rule_is_met(
    enrolled, practice, practice_course
):
    mark_lesson_complete(enrolled, practice_course.lessons[0])
    for quiz in practice_course.quizzes:
        quiz.required_for_completion = False
        quiz.save_revision().publish()
    enrolled.refresh_from_db()
    progress = get_course_progress(enrolled)
    assert practice.pk not in progress.done_ids
    assert not progress.is_complete

    play(enrolled, practice, WEAK)
    enrolled.refresh_from_db()
    assert enrolled.completed_at is None

    play(enrolled, practice, GOOD)
    enrolled.refresh_from_db()
    assert enrolled.completed_at is not None
    assert practice.pk in get_course_progress(enrolled).done_ids


def test_an_optional_practice_is_not_required(home_page, learner):
    from lms.learning.services.enrollment import acknowledge_content_note
    from tests.builders import make_course, make_practice

    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    make_practice(built.modules[0], required=False)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    done = mark_lesson_complete(enrollment, built.lessons[0])
    assert done.course_complete


def test_every_round_is_kept_and_the_trend_shows_first_best_latest(enrolled, practice):
    play(enrolled, practice, WEAK)
    play(enrolled, practice, GOOD)
    play(enrolled, practice, HARMFUL)
    trend = get_practice_trend(enrolled, practice)
    assert [r.number for r in trend.rounds] == [1, 2, 3]
    assert (trend.first.number, trend.best.number, trend.latest.number) == (1, 2, 3)
    assert trend.change == 100
    status = get_practice_status(enrolled, practice)
    assert status.met and status.in_progress is None


def test_round_page_state_carries_ids_and_texts_only(enrolled, practice):
    practice_round = start_round(enrolled, practice)
    state = get_round_state(practice_round)
    assert state.node.key == "n-start"
    assert {type(o).__name__ for o in state.options} == {"ShownOption"}
    assert sorted(o.text for o in state.options) == sorted(
        o.text for o in PracticeOption.objects.filter(node__key="n-start")
    )
    # The order is the round's own and stays the same on reload.
    assert [o.id for o in get_round_state(practice_round).options] == [
        o.id for o in state.options
    ]
