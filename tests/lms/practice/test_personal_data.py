"""Practice rounds in the learner's data download; typed questions gone with the
account (the rounds' figures stay, anonymous)."""

import pytest

from lms.accounts.privacy.deletion import delete_account
from lms.accounts.privacy.export import get_personal_data
from lms.models import PracticeMove, PracticeRound
from lms.practice.services.rounds import ask_free_text, start_round

pytestmark = pytest.mark.django_db


def test_rounds_and_typed_words_are_downloaded_then_forgotten(
    enrolled, practice, learner
):
    practice_round = start_round(enrolled, practice)
    ask_free_text(
        practice_round, node_key="n-start", text="Did he hit you?", language="en"
    )
    sections = {s.key: s for s in get_personal_data(learner)}
    assert sections["practice_rounds"].rows[0]["number"] == 1
    move = sections["practice_moves"].rows[0]
    assert (move["said"], move["typed"]) == ("Did he hit you?", True)

    delete_account(learner)
    assert PracticeRound.objects.count() == 1
    assert PracticeMove.objects.get().typed_text == ""
