"""Read a course folder of fixtures/courses/ into plain data, without a database.

The plain data is what ``courses.quality`` and ``courses.hours`` judge: course.json
with each module's ``items`` replaced by the item files' contents (plus ``file`` and
``label``), video blocks completed from their ``value_file`` and the WebM's duration.
Used by ``manage.py check_demo_content``, the demo-content tests and the importer.
"""

from __future__ import annotations

import json
from pathlib import Path

from courses.hours import video_file_duration


class FixtureError(ValueError):
    """A fixture file does not follow SCHEMA.md; the message names the file."""


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise FixtureError(f"{path}: {error}") from error


def resolve_video(spec: dict, media_root: Path) -> dict:
    """A video block's fields (from its ``value_file`` if it has one), with the
    ``duration_seconds`` read from the video file when the block does not say."""
    if "value_file" in spec:
        spec = {**read_json(media_root / spec["value_file"]), "type": "video"}
    if not spec.get("duration_seconds") and spec.get("file"):
        path = media_root / spec["file"]
        seconds = video_file_duration(path) if path.is_file() else None
        if seconds:
            spec = {**spec, "duration_seconds": round(seconds, 1)}
    return spec


def is_final_file(name: str, spec: dict) -> bool:
    return bool(spec.get("final", name.startswith("final")))


def read_item(folder: Path, name: str, media_root: Path) -> dict:
    spec = read_json(folder / name)
    spec = {**spec, "file": name, "label": f"{folder.name}/{name}"}
    if spec.get("type") == "lesson":
        spec["body"] = [
            resolve_video(block, media_root) if block.get("type") == "video" else block
            for block in spec.get("body") or []
        ]
    elif spec.get("type") == "quiz":
        spec["final"] = is_final_file(name, spec)
    return spec


def read_course(folder: Path, media_root: Path) -> dict:
    """The course as plain data; unreadable item files are listed in
    ``read_errors`` (and left out) rather than stopping the reading."""
    course = read_json(folder / "course.json")
    course = {**course, "label": f"{folder.name}/course.json", "read_errors": []}
    modules = []
    for module in course.get("modules") or []:
        items = []
        for name in module.get("items") or []:
            try:
                items.append(read_item(folder, name, media_root))
            except FixtureError as error:
                course["read_errors"].append(str(error))
        modules.append({**module, "items": items})
    course["modules"] = modules
    return course


def course_folders(root: Path, order: list[str]) -> list[Path]:
    """Every folder under ``root`` with a course.json: ``order`` first, then by name."""
    folders = [p.parent for p in sorted(root.glob("*/course.json"))]
    rank = {key: index for index, key in enumerate(order)}
    return sorted(folders, key=lambda p: (rank.get(p.name, len(rank)), p.name))
