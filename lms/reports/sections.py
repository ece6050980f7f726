"""What other apps add to the reports, through Wagtail hooks (``lms`` never imports
``certificates``).

``@hooks.register("puente_report_sections")``: a function called with the
enrollment report's cleaned filters (``enrolled_at`` as a date slice, ``course``,
``cohort``, ``country``, ...) that returns a ``ReportSection`` or ``None``.
``@hooks.register("puente_learner_report_columns")``: a function returning a
``LearnerColumn`` (e.g. the certificate serial) for the per-learner table.
"""

from __future__ import annotations

from collections.abc import Callable
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


# Columns other apps add to the per-learner progress table -------------------------

LEARNER_COLUMNS_HOOK = "puente_learner_report_columns"


@dataclass
class LearnerColumn:
    """``values(enrollments)`` returns ``{enrollment id: value}`` for one page of
    the table (a fixed number of queries, whatever the page size)."""

    key: str
    heading: str
    values: Callable[[list], dict]
    order: int = 100


def get_learner_columns() -> list[LearnerColumn]:
    columns = [fn() for fn in hooks.get_hooks(LEARNER_COLUMNS_HOOK)]
    return sorted((c for c in columns if c is not None), key=lambda c: c.order)
