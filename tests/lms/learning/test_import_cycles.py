"""No import circles in the learning room or in courses, function-local imports too.

Walks every ``import`` statement of every module of ``courses`` and ``lms/learning``
(and of the modules they import from lms), wherever it sits (module level, function,
method), and fails on any cycle. ``python tests/lms/learning/test_import_cycles.py``
prints the cycles and the modules checked.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
APPS = ("courses", "lms", "certificates")
SCOPES = ("courses", "lms.learning", "lms.templatetags.learning_tags")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def first_party_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }


def _resolve(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """First-party modules ``name`` imports anywhere in its body."""
    found = set()
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            package = _resolve(node, name, path.name == "__init__.py")
            # ``from package import module`` imports the module, else a name in it.
            targets = [package] + [f"{package}.{a.name}" for a in node.names]
        else:
            continue
        found.update(target for target in targets if target in modules)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = first_party_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def in_scope(module: str) -> bool:
    return any(module == s or module.startswith(f"{s}.") for s in SCOPES)


def scoped_cycles() -> list[list[str]]:
    return [group for group in cycles(import_graph()) if any(map(in_scope, group))]


def test_the_walker_sees_function_local_imports(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text(
        "def f():\n    from courses.services import get_quiz_key\n"
        "class C:\n    def m(self):\n        import courses.cache\n"
    )
    modules = {"courses.services": module, "courses.cache": module}
    assert imports_of("sample", module, modules) == {
        "courses.services",
        "courses.cache",
    }


def test_the_walker_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles_in_courses_and_the_learning_room():
    assert scoped_cycles() == []


if __name__ == "__main__":
    graph = import_graph()
    checked = sorted(name for name in graph if in_scope(name))
    print(f"{len(checked)} modules checked, {len(graph)} first-party modules walked")
    found = scoped_cycles()
    for group in found:
        print("cycle:", " <-> ".join(group))
    print(f"{len(found)} cycles")
