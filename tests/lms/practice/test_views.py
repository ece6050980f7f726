"""A round played through HTTP in both languages, with plain forms (one POST per move,
then a redirect): the page before a choice carries no kinds, feedback or targets; the
transcript, the coaching, the debrief and the trend after; refusals said, never a
500; another learner's round is a 404."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import PracticeOption
from courses.practice import MoveKind
from lms.models import PracticeMove, PracticeRound
from tests.builders import COACHING_MARKER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def page_url(page, language):
    with translation.override(language):
        return page.get_url()


def option_id(practice, node_key, kind) -> int:
    return PracticeOption.objects.get(
        node__page=practice, node__key=node_key, kind=kind
    ).pk


def labels() -> list[str]:
    found = []
    for language in ("en", "es"):
        with translation.override(language):
            found += [str(label) for label in MoveKind.labels]
    return found


def assert_nothing_given_away(html: str, practice, node_key: str, *, named=True):
    """No option's kind (code or, with ``named``, label), feedback or target in the
    page. (The practice page explains the classes in general, so it names them.)"""
    assert COACHING_MARKER not in html
    for code in MoveKind.values:
        assert f'"{code}"' not in html and f"--{code}" not in html
    for label in labels() if named else []:
        assert label not in html, label
    targets = set(
        PracticeOption.objects.filter(
            node__page=practice, node__key=node_key
        ).values_list("next_key", flat=True)
    )
    for target in targets:
        assert target not in html, target


@pytest.fixture
def client_in(client, learner, enrolled):
    client.force_login(learner)
    return client


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_round_through_http(client_in, practice, language):
    # The practice page shows the case and the rule, and starts a round.
    response = client_in.get(page_url(practice, language))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert {"en": "A bus station.", "es": "Una central."}[language] in html
    assert "70 %" in html
    assert_nothing_given_away(html, practice, "n-start", named=False)

    response = client_in.post(url(language, "lms_start_practice_round", practice.pk))
    practice_round = PracticeRound.objects.get()
    round_url = url(language, "lms_practice_round", practice_round.pk)
    assert response.status_code == 302 and response["Location"] == round_url

    html = unescape(client_in.get(round_url).content.decode())
    assert {"en": "I'm fine.", "es": "Estoy bien."}[language] in html
    assert "<fieldset>" in html and "<legend>" in html
    assert html.count('type="radio" name="option"') == 4
    assert_nothing_given_away(html, practice, "n-start")

    # Pick an option: PRG back to the round, the coaching now shown.
    move_url = url(language, "lms_practice_move", practice_round.pk)
    pick = option_id(practice, "n-start", "invitation")
    response = client_in.post(move_url, {"node": "n-start", "option": pick})
    assert response.status_code == 302 and response["Location"] == round_url
    html = unescape(client_in.get(round_url).content.decode())
    assert f"{COACHING_MARKER} a1 {language}" in html
    assert {"en": "He took my phone.", "es": "Me quitó el celular."}[language] in html
    assert '<ol class="transcript__moves">' in html
    assert_nothing_given_away(html.split('id="now-heading"')[1], practice, "n-account")

    # Type one question: classified, explained, the round reaches an ending.
    typed = {"en": "Tell me more about the phone.", "es": "Cuéntame más del celular."}
    response = client_in.post(
        move_url, {"node": "n-account", "question": typed[language]}
    )
    assert response.status_code == 302
    debrief_url = url(language, "lms_practice_debrief", practice_round.pk)
    assert client_in.get(round_url)["Location"] == debrief_url
    html = unescape(client_in.get(debrief_url).content.decode())
    assert typed[language] in html
    with translation.override(language):
        assert str(MoveKind.CUED_INVITATION.label) in html
    assert "2 " in html and "100 %" in html
    assert {"en": "Hand over", "es": "Canalice"}[language] in html
    move = PracticeMove.objects.get(number=2)
    assert (move.kind, move.classified_by, move.language) == (
        "cued_invitation",
        "rule",
        language,
    )

    # Practise again: a second round; the practice page shows the trend.
    client_in.post(url(language, "lms_start_practice_round", practice.pk))
    assert PracticeRound.objects.count() == 2
    html = unescape(client_in.get(page_url(practice, language)).content.decode())
    assert url(language, "lms_practice_debrief", practice_round.pk) in html


def test_refusals_are_said_and_write_nothing(client_in, practice):
    client_in.post(url("en", "lms_start_practice_round", practice.pk))
    practice_round = PracticeRound.objects.get()
    move_url = url("en", "lms_practice_move", practice_round.pk)
    response = client_in.post(move_url, {"node": "n-start", "question": "   "})
    assert response.status_code == 400
    assert "Choose one of the options shown, or type your own question." in (
        response.content.decode()
    )
    response = client_in.post(move_url, {"node": "n-start", "option": "x1"})
    assert response.status_code == 400
    foreign = option_id(practice, "n-account", "closing")
    response = client_in.post(move_url, {"node": "n-start", "option": foreign})
    assert response.status_code == 400
    response = client_in.post(move_url, {"node": "n-start", "question": "x" * 501})
    assert response.status_code == 400
    assert not PracticeMove.objects.exists()

    pick = option_id(practice, "n-start", "rapport")
    client_in.post(move_url, {"node": "n-start", "option": pick})
    # The same form sent again (a double click, the back button): said, not doubled.
    response = client_in.post(move_url, {"node": "n-start", "option": pick})
    assert response.status_code == 302
    assert PracticeMove.objects.count() == 1


def test_another_learners_round_is_not_found(client_in, practice, client):
    client_in.post(url("en", "lms_start_practice_round", practice.pk))
    practice_round = PracticeRound.objects.get()
    client.force_login(UserFactory())
    for name in ("lms_practice_round", "lms_practice_debrief"):
        assert client.get(url("en", name, practice_round.pk)).status_code == 404
    response = client.post(
        url("en", "lms_practice_move", practice_round.pk),
        {"node": "n-start", "option": "1"},
    )
    assert response.status_code == 404


def test_content_note_first(client, learner, practice, practice_course):
    from lms.learning.services.enrollment import enroll_user

    enroll_user(learner, practice_course.course)
    client.force_login(learner)
    html = client.get(page_url(practice, "en")).content.decode()
    assert "I have read this note and want to continue" in html
    response = client.post(url("en", "lms_start_practice_round", practice.pk))
    assert response["Location"] == page_url(practice, "en")
    assert not PracticeRound.objects.exists()


def test_round_page_is_light_and_has_a_take_a_break(client_in, practice):
    client_in.post(url("en", "lms_start_practice_round", practice.pk))
    practice_round = PracticeRound.objects.get()
    response = client_in.get(url("en", "lms_practice_round", practice_round.pk))
    html = response.content.decode()
    assert len(response.content) < 200 * 1024
    assert url("en", "lms_take_a_break", practice.pk) in html
    assert not re.search(r"<script", html.split("<main")[1].split("</main>")[0])
