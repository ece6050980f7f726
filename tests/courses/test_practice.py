"""Interview practice pages: the graph's rules, the editor that refuses to publish a
broken graph (in the editor's language) but saves a draft, the read-only outline,
the learner preview in both languages, and a practice's place in the outline."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from courses.models import CoursePage, InterviewPracticePage
from courses.practice import (
    Graph,
    GraphNode,
    GraphOption,
    MoveClass,
    graph_errors,
    move_class,
    nearest_option,
)
from courses.services import get_course_outline, get_practice_graph
from tests.builders import COACHING_MARKER, make_course, make_practice

pytestmark = pytest.mark.django_db


def _option(kind="invitation", target="n2", **kw):
    values = {"en": "Tell me.", "es": "Cuéntame."}
    return GraphOption(
        text=kw.get("text", values),
        kind=kind,
        feedback=kw.get("feedback", values),
        next_key=target,
        appropriate=kw.get("appropriate", False),
    )


def _graph(**changes) -> Graph:
    both = {"en": "Hi.", "es": "Hola."}
    start = GraphNode(key="n1", says=both, options=[_option() for _ in range(3)])
    end = GraphNode(key="n2", says=both, is_ending=True, debrief=both)
    nodes = changes.pop("nodes", [start, end])
    return Graph(start_key=changes.pop("start_key", "n1"), nodes=nodes)


def codes(graph, languages=("en", "es")):
    return [error.code for error in graph_errors(graph, list(languages))]


def test_a_complete_graph_has_no_errors():
    assert codes(_graph()) == []


def test_each_rule_is_named():
    both = {"en": "Hi.", "es": "Hola."}
    lonely = GraphNode(key="n3", says=both, is_ending=True, debrief=both)
    assert "unreachable" in codes(_graph(nodes=[*_graph().nodes, lonely]))
    two = GraphNode(key="n1", says=both, options=[_option(), _option()])
    end = _graph().nodes[1]
    assert "option_count" in codes(_graph(nodes=[two, end]))
    broken = GraphNode(
        key="n1",
        says=both,
        options=[
            _option(kind=""),
            _option(feedback={"en": "", "es": ""}),
            _option(target="nowhere"),
        ],
    )
    found = codes(_graph(nodes=[broken, end]))
    assert {"no_kind", "no_feedback", "unknown_target"} <= set(found)
    no_debrief = GraphNode(key="n2", says=both, is_ending=True, debrief={"en": ""})
    assert "no_debrief" in codes(_graph(nodes=[_graph().nodes[0], no_debrief]))
    assert "unknown_start" in codes(_graph(start_key="n9"))


def test_spanish_is_required_only_when_the_course_offers_it():
    english_only = {"en": "Tell me.", "es": ""}
    start = GraphNode(
        key="n1",
        says={"en": "Hi.", "es": ""},
        options=[_option(text=english_only) for _ in range(3)],
    )
    graph = _graph(nodes=[start, _graph().nodes[1]])
    assert codes(graph, ["en"]) == []
    assert codes(graph, ["en", "es"]).count("no_text") == 3
    assert "no_words" in codes(graph, ["en", "es"])


def test_a_loop_with_no_way_to_an_ending_is_refused():
    both = {"en": "Hi.", "es": "Hola."}
    a = GraphNode(key="n1", says=both, options=[_option(target="n1") for _ in range(3)])
    end = _graph().nodes[1]
    end_reached = GraphNode(key="n1", says=both, options=[_option() for _ in range(3)])
    assert "no_way_out" in codes(_graph(nodes=[a, end]))
    assert "no_way_out" not in codes(_graph(nodes=[end_reached, end]))


def test_move_classes_and_the_nearest_kind():
    assert move_class("directive", appropriate=True) == MoveClass.RECOMMENDED
    assert move_class("directive") == MoveClass.WEAK
    assert move_class("suggestive") == MoveClass.WEAK
    assert move_class("harmful") == MoveClass.HARMFUL
    options = [_option("safety"), _option("cued_invitation"), _option("harmful")]
    assert nearest_option(options, "harmful").kind == "harmful"
    # invitation → cued invitation is one step; safety is one step too: the
    # option authored first wins the tie.
    assert nearest_option(options, "invitation").kind == "safety"
    assert nearest_option(options, "option_posing").kind == "cued_invitation"


@pytest.fixture
def practice_course(catalogue):
    built = make_course(catalogue, modules=1, lessons_per_module=1)
    practice = make_practice(built.modules[0])
    return built, practice


def test_outline_counts_the_practice_with_its_minutes(practice_course):
    built, practice = practice_course
    outline = get_course_outline(built.course)
    kinds = [item.kind for item in outline.items]
    assert kinds == ["lesson", "quiz", "practice"] or "practice" in kinds
    item = next(i for i in outline.items if i.kind == "practice")
    assert (item.pk, item.duration_minutes, item.required) == (practice.pk, 10, True)


def test_graph_is_read_in_two_queries(practice_course, django_assert_num_queries):
    _built, practice = practice_course
    with django_assert_num_queries(2):
        graph = get_practice_graph(practice)
        options = graph.options("n-start")
    assert [o.kind for o in options] == [
        "invitation",
        "option_posing",
        "harmful",
        "rapport",
    ]
    assert graph.node("end-handover").is_ending


def _edit_data(client, practice):
    url = reverse("wagtailadmin_pages:edit", args=[practice.pk])
    html = client.get(url).content.decode()
    return url, querydict_from_html(html, form_id="page-edit-form")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "leads to “nowhere”, which is not a node of this practice"),
        ("es", "lleva a “nowhere”, que no es un nodo de esta práctica"),
    ],
)
def test_editor_refuses_to_publish_a_broken_graph_in_its_language(
    client, practice_course, program_admin, language, message
):
    _built, practice = practice_course
    profile = UserProfile.get_for_user(program_admin)
    profile.preferred_language = language
    profile.save()
    client.force_login(program_admin)
    url, data = _edit_data(client, practice)
    assert data["nodes-0-key"] == "n-start"
    data["nodes-0-options-0-next_key"] = "nowhere"
    publish = data.copy()
    publish["action-publish"] = "1"
    response = client.post(url, publish)
    assert response.status_code == 200
    assert message in response.content.decode()
    practice.refresh_from_db()
    assert practice.live_revision == practice.latest_revision

    # A draft may be half-built: saved, not published.
    response = client.post(url, data)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.latest_revision != practice.live_revision
    published = get_practice_graph(practice)
    assert published.options("n-start")[0].next_key == "n-account"


def test_outline_tab_shows_nodes_kinds_and_targets(client, practice_course, trainer):
    _built, practice = practice_course
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[practice.pk])).content
    html = html.decode()
    assert "Outline of the conversation" in html
    assert 'id="outline-n-start"' in html and 'href="#outline-end-shutdown"' in html
    assert "Option-posing (yes/no, either/or)" in html
    assert "Every node is reachable" in html


@pytest.mark.parametrize(
    ("mode", "words"), [("en", "I'm fine."), ("es", "Estoy bien.")]
)
def test_learner_preview_in_both_languages(
    client, practice_course, trainer, mode, words
):
    _built, practice = practice_course
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:view_draft", args=[practice.pk])
    response = client.get(f"{url}?mode={mode}")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert words in html
    assert COACHING_MARKER not in html and "option_posing" not in html


def test_course_cannot_offer_spanish_while_a_node_lacks_it(practice_course):
    built, practice = practice_course
    node = practice.nodes.get(key="n-account")
    node.says_es = ""
    node.save()
    course = CoursePage.objects.get(pk=built.course.pk)
    with translation.override("en"), pytest.raises(Exception) as raised:
        course.full_clean()
    assert "node" in str(raised.value)


def test_module_accepts_practices(practice_course):
    built, _practice = practice_course
    assert (
        InterviewPracticePage
        in built.modules[0].specific_class.allowed_subpage_models()
    )
