"""The importer's practice type: the demo course lists its three practices after
each module's lessons and before its quiz, each builds a graph the editor would
publish, and a broken graph is refused with the rule it breaks."""

import json
from pathlib import Path

import pytest

from lms.demo.fixture_reader import FixtureError
from lms.demo.practice_import import build_practice
from tests.builders import practice_spec

FOLDER = Path(__file__).resolve().parents[3] / "fixtures/courses/victim-centered"


def listed_practices() -> list[tuple[str, list[str]]]:
    course = json.loads((FOLDER / "course.json").read_text(encoding="utf-8"))
    found = []
    for module in course["modules"]:
        items = module["items"]
        for name in items:
            if name.startswith("practice-"):
                found.append((name, items))
    return found


def test_three_practices_sit_after_the_lessons_and_before_the_quiz():
    found = listed_practices()
    assert len(found) == 3
    for name, items in found:
        index = items.index(name)
        assert items[-1].endswith("quiz.json") and index == len(items) - 2
        assert all("-l" in item for item in items[:index])


@pytest.mark.django_db
@pytest.mark.parametrize("name", [name for name, _items in listed_practices()])
def test_each_demo_practice_builds(name):
    spec = json.loads((FOLDER / name).read_text(encoding="utf-8"))
    page = build_practice(spec, ["en", "es"])
    nodes = list(page.nodes.all())
    assert page.start_key == spec["start"] and len(nodes) == len(spec["nodes"])
    assert sum(node.is_ending for node in nodes) >= 2
    assert page.case_setting_es and nodes[0].says_es


def test_a_broken_graph_is_refused_naming_the_rule():
    spec = practice_spec(1)
    spec["nodes"][0]["options"][0]["next"] = "nowhere"
    del spec["nodes"][2]["debrief"]
    with pytest.raises(FixtureError) as refused:
        build_practice(spec, ["en", "es"])
    message = str(refused.value)
    assert "“nowhere”, which is not a node" in message
    assert "Ending “end-handover” needs a debrief" in message
