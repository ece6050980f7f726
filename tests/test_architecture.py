"""The house's rules that no single room's tests can see, read from the source itself.

- Imports flow one way: lms may import courses, certificates may import both, never the
  reverse (where lms shows something another app owns, it offers a Wagtail hook).
  ``lms/demo`` is the documented exception: the dev-only demo and bench data compose all
  three apps, as the URL configuration does, and nothing outside it imports it.
- No import cycle between modules of the three apps, function-local imports included.
- No module of the three apps over 400 lines (migrations excepted).
- Private APIs of libraries (``obj._name``, ``*.internal`` modules) only in the compat
  modules that wrap them.
- Production settings load no demo module, command or hook.
- No test module imports another test module or a conftest (helpers live in support
  modules; fixtures in conftest.py).

``python -m tests.test_architecture`` prints what breaks the rules today.
"""

from __future__ import annotations

import ast
import json
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.lms.settings.support import DEV_ENV, PROD_ENV, run_python

ROOT = Path(__file__).resolve().parent.parent
APPS = ("courses", "lms", "certificates")
FORBIDDEN = {
    "courses": {"lms", "certificates"},
    "lms": {"certificates"},
    "certificates": set(),
}
COMPOSERS = ("lms.demo",)
MAX_LINES = 400
DEMO_COMMANDS = {"load_demo_data", "seed_bench", "demo_totp"}
# Where a private API of Wagtail, Django, allauth (or any library) may be used: one
# function each, with a test in tests/compat/ naming the pinned version.
COMPAT_MODULES = {"courses.compat", "lms.accounts.allauth_compat"}
# Our own memos on requests and instances, and Django's documented ``_meta``.
OWN_PRIVATE = ("_puente_", "_lms_")
PUBLIC_UNDERSCORED = {"_meta"}


@dataclass(frozen=True)
class ImportLine:
    """``importer`` (in ``path``) imports ``target`` at ``line``."""

    importer: str
    path: Path
    line: int
    target: str
    local: bool  # inside a function or method

    def __str__(self) -> str:
        where = " (function-local)" if self.local else ""
        return f"{self.path.relative_to(ROOT)}:{self.line} imports {self.target}{where}"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_migration(path: Path) -> bool:
    return "migrations" in path.relative_to(ROOT).parts


def app_files(*, migrations: bool = True) -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if migrations or not is_migration(path)
    )


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _ImportVisitor(ast.NodeVisitor):
    """Every import statement that runs, wherever it sits; ``if TYPE_CHECKING:``
    bodies never run, so they make no cycle."""

    def __init__(self, module: str, is_package: bool):
        self.module, self.is_package = module, is_package
        self.found: list[tuple[int, str, list[str], bool]] = []
        self.depth = 0

    def _function(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.found.append((node.lineno, alias.name, [], self.depth > 0))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.module.split(".")
            keep = len(package) - node.level + (1 if self.is_package else 0)
            base = ".".join([*package[:keep], *([node.module] if node.module else [])])
        names = [alias.name for alias in node.names]
        self.found.append((node.lineno, base, names, self.depth > 0))


def imports_in(path: Path, known: set[str], root: Path = ROOT) -> list[ImportLine]:
    """The imports of ``path``; ``from x import y`` means module ``x.y`` when that is
    a module in ``known``, else module ``x``."""
    module = module_name(path, root)
    visitor = _ImportVisitor(module, path.name == "__init__.py")
    visitor.visit(ast.parse(path.read_text(), filename=str(path)))
    lines = []
    for lineno, base, names, local in visitor.found:
        targets = {f"{base}.{name}" for name in names if f"{base}.{name}" in known}
        if not targets or len(targets) < len(names):
            targets.add(base)
        for target in sorted(targets):
            lines.append(ImportLine(module, path, lineno, target, local))
    return lines


def import_graph() -> dict[str, list[ImportLine]]:
    """Each module of the three apps (not migrations) and its imports of the others."""
    files = {module_name(path): path for path in app_files(migrations=False)}
    known = set(files)
    return {
        name: [i for i in imports_in(path, known) if i.target in known]
        for name, path in files.items()
    }


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of two or more modules that reach each other (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            group.append(node)
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def shortest_path(start: str, end: str, graph: dict[str, set[str]], group: set[str]):
    """A shortest list of modules from ``start`` to ``end`` inside ``group``."""
    paths = deque([[start]])
    seen = {start}
    while paths:
        path = paths.popleft()
        if path[-1] == end:
            return path
        for target in sorted(graph[path[-1]] & group):
            if target not in seen:
                seen.add(target)
                paths.append([*path, target])
    return None


def cycles_in(group: list[str], graph: dict[str, set[str]]) -> list[list[str]]:
    """For every import inside ``group``, the shortest cycle through it (each cycle
    once, starting at its first module in sort order)."""
    members = set(group)
    found = set()
    for importer in group:
        for target in sorted(graph[importer] & members):
            back = shortest_path(target, importer, graph, members)
            cycle = [importer, *back]  # ends where it starts
            ring = cycle[:-1]
            first = ring.index(min(ring))
            found.add(tuple(ring[first:] + ring[:first]))
    return [[*ring, ring[0]] for ring in sorted(found)]


def import_cycles() -> list[str]:
    """Each import cycle between modules, with the file and line of every import in
    it (cycles sharing modules are listed one by one)."""
    lines = import_graph()
    graph = {name: {i.target for i in found} for name, found in lines.items()}
    report = []
    for group in strongly_connected(graph):
        for cycle in cycles_in(group, graph):
            steps = [
                str(i)
                for importer, target in zip(cycle, cycle[1:], strict=False)
                for i in lines[importer]
                if i.target == target
            ]
            report.append("\n    ".join([" -> ".join(cycle), *steps]))
    return report


def oversized_modules() -> dict[str, int]:
    return {
        str(path.relative_to(ROOT)): lines
        for path in app_files(migrations=False)
        if (lines := path.read_text().count("\n")) > MAX_LINES
    }


def packages() -> list[str]:
    return sorted({module_name(path.parent / "__init__.py") for path in app_files()})


def is_composer(module: str) -> bool:
    return any(module == c or module.startswith(f"{c}.") for c in COMPOSERS)


# -- the walker itself ------------------------------------------------------------


def test_the_walker_sees_function_local_and_submodule_imports(tmp_path):
    (tmp_path / "pkg").mkdir()
    sample = tmp_path / "pkg" / "sample.py"
    sample.write_text(
        "from pkg import other, CONSTANT\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import pkg.typed\n"
        "def f():\n    from pkg.other import thing\n"
        "class C:\n    def m(self):\n        from . import third\n"
    )
    known = {"pkg", "pkg.sample", "pkg.other", "pkg.third", "pkg.typed"}
    found = {(i.target, i.line, i.local) for i in imports_in(sample, known, tmp_path)}
    assert found == {
        ("pkg.other", 1, False),
        ("pkg", 1, False),  # CONSTANT is a name in pkg/__init__.py
        ("typing", 2, False),
        ("pkg.other", 6, True),
        ("pkg.third", 9, True),
    }


def test_the_walker_finds_every_group_and_every_cycle_in_it():
    graph = {"a": {"b"}, "b": {"c", "a"}, "c": {"a"}, "d": {"a", "e"}, "e": {"d"}}
    assert strongly_connected(graph) == [["a", "b", "c"], ["d", "e"]]
    assert cycles_in(["a", "b", "c"], graph) == [["a", "b", "a"], ["a", "b", "c", "a"]]


# -- the rules --------------------------------------------------------------------


@pytest.mark.parametrize("package", [p for p in packages() if not is_composer(p)])
def test_every_package_imports_only_downstream(package):
    """Nor the demo room: its own test below says who may."""
    app = package.split(".")[0]
    files = [
        path
        for path in app_files()
        if module_name(path.parent / "__init__.py") == package
    ]
    offending = [
        str(i)
        for path in files
        for i in imports_in(path, set())
        if i.target.split(".")[0] in FORBIDDEN[app] or is_composer(i.target)
    ]
    assert offending == [], f"{package} imports upstream"


def test_nothing_outside_the_demo_room_imports_it():
    importers = [
        str(i)
        for path in app_files()
        if not is_composer(module_name(path))
        for i in imports_in(path, set())
        if is_composer(i.target)
    ]
    assert importers == []


def test_no_import_cycle_between_modules():
    cycles = import_cycles()
    assert not cycles, f"{len(cycles)} import cycle(s):\n" + "\n".join(cycles)


def test_no_module_over_the_line_limit():
    assert oversized_modules() == {}, f"modules over {MAX_LINES} lines (wc -l)"


def private_api_uses(path: Path) -> list[str]:
    """``something._name`` (not on self/cls, not ours) and imports of ``internal``
    or ``_private`` modules in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Attribute):
            name, owner = node.attr, node.value
            if (
                name.startswith("_")
                and not name.startswith("__")
                and not (isinstance(owner, ast.Name) and owner.id in ("self", "cls"))
                and name not in PUBLIC_UNDERSCORED
                and not name.startswith(OWN_PRIVATE)
            ):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for module in modules:
                parts = module.split(".")
                if "internal" in parts or any(
                    p.startswith("_") and not p.startswith("__") for p in parts
                ):
                    found.append((node.lineno, f"import {module}"))
    where = path.relative_to(ROOT)
    return [f"{where}:{line} {text}" for line, text in sorted(set(found))]


def test_private_apis_are_used_only_in_compat_modules():
    uses = [
        use
        for path in app_files(migrations=False)
        if module_name(path) not in COMPAT_MODULES
        for use in private_api_uses(path)
    ]
    assert uses == [], "wrap each in a compat module with a test in tests/compat/"


def test_the_private_api_finder_sees_what_the_compat_modules_wrap():
    uses = [
        use
        for name in sorted(COMPAT_MODULES)
        for use in private_api_uses(ROOT / (name.replace(".", "/") + ".py"))
    ]
    assert any("Site._find_for_request" in use for use in uses)
    assert any("totp.internal" in use for use in uses)


PROBE = """
import json, sys
from wagtail import hooks

registered = []
_register = hooks.register


def register(hook_name, fn=None, order=0):
    if fn is None:
        def decorator(fn):
            register(hook_name, fn, order=order)
            return fn
        return decorator
    registered.append([hook_name, getattr(fn, "__module__", "")])
    return _register(hook_name, fn, order=order)


hooks.register = register
import lms.wsgi  # django.setup() and the middleware, as gunicorn loads them
from django.apps import apps
from django.conf import settings
from django.core.management import get_commands
from django.urls import get_resolver

get_resolver().url_patterns
hooks.search_for_hooks()
print(json.dumps({
    "modules": sorted(m for m in sys.modules if m.split(".")[:2] == ["lms", "demo"]),
    "installed": list(settings.INSTALLED_APPS),
    "labels": [config.label for config in apps.get_app_configs()],
    "commands": sorted(get_commands()),
    "hooks": registered,
}))
"""


def probe(env: dict) -> dict:
    result = run_python(PROBE, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def demo_hooks(values: dict) -> list:
    return [
        [name, module]
        for name, module in values["hooks"]
        if is_composer(module) or "demo" in name
    ]


def test_production_loads_no_demo_module_command_or_hook():
    values = probe(PROD_ENV)
    assert values["hooks"] and "migrate" in values["commands"]  # the probe loaded
    assert values["modules"] == []
    assert "lms.demo" not in values["installed"]
    assert "puente_demo" not in values["labels"]
    assert DEMO_COMMANDS & set(values["commands"]) == set()
    assert demo_hooks(values) == []


def test_the_production_probe_sees_the_demo_room_where_it_is_installed():
    values = probe(DEV_ENV)
    assert "lms.demo" in values["modules"] and "lms.demo" in values["installed"]
    assert set(values["commands"]) >= DEMO_COMMANDS


# -- tests ------------------------------------------------------------------------


def test_no_test_module_imports_another_test_module_or_a_conftest():
    tests = ROOT / "tests"
    files = {module_name(path): path for path in tests.rglob("*.py")}

    def is_test_module(name: str) -> bool:
        leaf = name.rsplit(".", 1)[-1]
        return leaf == "conftest" or leaf.startswith("test_")

    offending = [
        str(i)
        for path in files.values()
        for i in imports_in(path, set(files))
        if i.target in files and is_test_module(i.target) and i.target != i.importer
    ]
    assert offending == [], "move shared helpers into a support module"


if __name__ == "__main__":
    for cycle in import_cycles():
        print("cycle:", cycle)
    for path, lines in sorted(oversized_modules().items()):
        print(f"over {MAX_LINES} lines: {path} ({lines})")
    for path in app_files(migrations=False):
        if module_name(path) not in COMPAT_MODULES:
            for use in private_api_uses(path):
                print("private API outside a compat module:", use)
