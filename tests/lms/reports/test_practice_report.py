"""The interview-practice report: its figures match a seeded set of rounds (kinds,
weak moves, first and best rounds), per cohort too; query counts are the same for
few and many rounds; trainers and program administrators see it and export it, in
both languages."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses.models import InterviewPracticePage, PracticeOption
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import Cohort, CohortMember
from lms.practice.services.rounds import ask_free_text, choose_option, start_round
from lms.reports.practice import get_practice_figures
from tests.builders import make_course, make_practice
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = [("n-start", "invitation"), ("n-account", "cued_invitation")]
WEAK = [("n-start", "option_posing"), ("n-account", "directive")]


@pytest.fixture
def setup(home_page):
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    practice = make_practice(built.modules[0])
    return built.course, practice


def play(user, course, practice, kinds):
    enrollment = acknowledge_content_note(enroll_user(user, course))
    practice_round = start_round(enrollment, practice)
    for node_key, kind in kinds:
        option = PracticeOption.objects.get(
            node__page=practice, node__key=node_key, kind=kind
        )
        choose_option(practice_round, node_key=node_key, option_id=option.pk)
    return practice_round


def figures(practice, **kw):
    pages = InterviewPracticePage.objects.filter(pk=practice.pk)
    return get_practice_figures(pages, **kw)[0]


def test_figures_match_the_seeded_rounds(setup):
    course, practice = setup
    ana, luis, eva = UserFactory(), UserFactory(), UserFactory()
    play(ana, course, practice, WEAK)  # first: 0 %
    play(ana, course, practice, GOOD)  # best: 100 %
    play(luis, course, practice, WEAK)  # only round: 0 %
    typed = start_round(
        acknowledge_content_note(enroll_user(eva, course)), practice
    )  # a typed yes/no question, then a round left unfinished
    ask_free_text(typed, node_key="n-start", text="Did he hit you?", language="en")

    entry = figures(practice)
    assert (entry.learners, entry.rounds, entry.rounds_met) == (2, 3, 1)
    assert entry.kinds == {
        "option_posing": 2,
        "directive": 2,
        "invitation": 1,
        "cued_invitation": 1,
    }
    assert entry.kind_percent("option_posing") == 33
    assert [(w.kind, w.count, w.is_typed) for w in entry.weak] == [
        ("option_posing", 2, False),
        ("directive", 2, False),
    ]
    assert entry.weak[0].label == "Did he bring you here?"
    assert (entry.first_percent, entry.best_percent, entry.change) == (0, 50, 50)

    # Eva finishes her round: her typed question now counts, as a typed move.
    closing = PracticeOption.objects.get(node__key="n-account", kind="suggestive")
    choose_option(typed, node_key="n-account", option_id=closing.pk)
    entry = figures(practice)
    assert (entry.rounds, entry.kinds["option_posing"]) == (4, 3)
    assert [(w.kind, w.count, w.is_typed) for w in entry.weak] == [
        ("option_posing", 2, False),
        ("directive", 2, False),
        ("suggestive", 1, False),  # an option picked before a typed question
    ]


def test_typed_weak_moves_are_grouped_by_kind(setup):
    course, practice = setup
    for user in (UserFactory(), UserFactory()):
        practice_round = start_round(
            acknowledge_content_note(enroll_user(user, course)), practice
        )
        ask_free_text(
            practice_round, node_key="n-start", text="Was it at night?", language="en"
        )
        closing = PracticeOption.objects.get(node__key="n-account", kind="closing")
        choose_option(practice_round, node_key="n-account", option_id=closing.pk)
    weak = figures(practice).weak
    assert [(w.kind, w.count, w.is_typed) for w in weak] == [("option_posing", 2, True)]
    with translation.override("es"):
        assert weak[0].label == "De opciones (sí o no, esto o aquello)"


def test_a_cohort_counts_only_its_members(setup):
    course, practice = setup
    member, other = UserFactory(), UserFactory()
    cohort = Cohort.objects.create(name="Nogales 2026")
    cohort.courses.set([course])
    CohortMember.objects.create(cohort=cohort, user=member)
    play(member, course, practice, GOOD)
    play(other, course, practice, WEAK)
    assert figures(practice).rounds == 2
    entry = figures(practice, cohort=cohort)
    assert (entry.rounds, entry.best_percent) == (1, 100)


def test_query_count_independent_of_rounds(setup):
    course, practice = setup
    play(UserFactory(), course, practice, WEAK)
    with CaptureQueriesContext(connection) as few:
        figures(practice)
    for _ in range(10):
        user = UserFactory()
        play(user, course, practice, WEAK)
        play(user, course, practice, GOOD)
    with CaptureQueriesContext(connection) as many:
        entry = figures(practice)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert entry.rounds == 21


@pytest.mark.parametrize(
    ("who", "language", "heading"),
    [
        ("trainer", "en", "Most common weak moves"),
        ("program_admin", "es", "Movimientos débiles más comunes"),
    ],
)
def test_report_page_and_export(client, setup, request, who, language, heading):
    course, practice = setup
    play(UserFactory(), course, practice, WEAK)
    user = request.getfixturevalue(who)
    user.preferred_language = language
    user.save()
    client.force_login(user)
    url = reverse("puente_reports:practice")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert practice.title_en in html or practice.title_es in html
    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert heading in rows[0]
    assert rows[1][2:5] == ["1", "1", "0"]  # learners, rounds, rounds met


def test_learners_cannot_see_it(client, learner):
    client.force_login(learner)
    response = client.get(reverse("puente_reports:practice"))
    assert response.status_code in (302, 403)
