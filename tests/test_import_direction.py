"""Imports flow one way: lms may import courses, certificates may import both, never
the reverse (where lms shows something another app owns, it offers a Wagtail hook).

``lms/demo`` is the exception that proves it: the dev-only demo and bench data compose
all three apps, as the URL configuration does, and nothing outside it imports it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"courses": {"lms", "certificates"}, "lms": {"certificates"}}
COMPOSERS = {ROOT / "lms" / "demo"}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def imported_apps(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imported_modules(path)}


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_apps_import_only_downstream(app):
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & FORBIDDEN[app])
        for path in (ROOT / app).rglob("*.py")
        if not any(path.is_relative_to(composer) for composer in COMPOSERS)
    }
    assert {path: apps for path, apps in offending.items() if apps} == {}


def test_nothing_outside_the_demo_room_imports_it():
    importers = {
        str(path.relative_to(ROOT))
        for app in ("courses", "lms", "certificates")
        for path in (ROOT / app).rglob("*.py")
        if not path.is_relative_to(ROOT / "lms" / "demo")
        and any(
            name == "lms.demo" or name.startswith("lms.demo.")
            for name in imported_modules(path)
        )
    }
    assert importers == set()
