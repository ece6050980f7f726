"""Figures other apps add to the enrollment report, through a Wagtail hook.

``lms`` never imports ``certificates``; an app registers a function with
``@hooks.register("puente_report_sections")``. It is called with the report's
cleaned filters (``enrolled_at`` as a date slice, ``course``, ``country``, ...) and
returns a ``ReportSection`` or ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail import hooks

REPORT_SECTIONS_HOOK = "puente_report_sections"


@dataclass
class ReportSection:
    title: str
    rows: list[tuple[str, object]] = field(default_factory=list)
    order: int = 100


def get_report_sections(filters: dict) -> list[ReportSection]:
    sections = [fn(filters) for fn in hooks.get_hooks(REPORT_SECTIONS_HOOK)]
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)
