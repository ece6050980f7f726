"""One home for correctness: outside ``courses`` nothing reads ``Choice.is_correct``.

Grading, the result page's feedback, question statistics and the demo and bench data
go through ``courses.services.get_quiz_key`` / ``get_answer_key``. The check walks
the syntax of every module of the other apps: an attribute, a keyword or a string
(``values_list("is_correct")``, ``choices__is_correct=True``) naming the field fails.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
APPS = ("lms", "certificates")
FIELD = "is_correct"
# Writes the key it imports from fixtures/ (the author's side, not a reader).
AUTHORS = {"lms/demo/fixture_import.py"}


def key_readings(source: str) -> list[int]:
    """Line numbers where ``source`` names the correctness field."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == FIELD:
            lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg and FIELD in node.arg:
            lines.append(node.value.lineno)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and FIELD in node.value
        ):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_check_sees_each_way_of_reading_the_field():
    source = (
        "a = choice.is_correct\n"
        "b = Choice.objects.values_list('pk', 'is_correct')\n"
        "c = Question.objects.filter(choices__is_correct=True)\n"
        "d = choice.text\n"
    )
    assert key_readings(source) == [1, 2, 3]


def test_no_module_outside_courses_reads_is_correct():
    readers = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            lines = key_readings(path.read_text())
            if lines and name not in AUTHORS:
                readers[name] = lines
    assert readers == {}, "read the key through courses.services instead"
