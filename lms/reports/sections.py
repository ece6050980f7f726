"""What other apps add to the reports, through Wagtail hooks (``lms`` never imports
``certificates``).

``lms.hooks.REPORT_SECTIONS``: a function called with the
enrollment report's cleaned filters (``enrolled_at`` as a date slice, ``course``,
``cohort``, ``country``, ...) that returns a ``ReportSection`` or ``None``.
``lms.hooks.LEARNER_REPORT_COLUMNS``: a function returning a
``LearnerColumn`` (e.g. the certificate serial) for the per-learner table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

from lms.hooks import LEARNER_REPORT_COLUMNS, REPORT_SECTIONS


@dataclass
class ReportSection:
    title: str
    rows: list[tuple[str, object]] = field(default_factory=list)
    order: int = 100


def get_report_sections(filters: dict) -> list[ReportSection]:
    sections = [fn(filters) for fn in hooks.get_hooks(REPORT_SECTIONS)]
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)


# Columns other apps add to the per-learner progress table -------------------------


@dataclass
class LearnerColumn:
    """``values(enrollments)`` returns ``{enrollment id: value}`` for one page of
    the table (a fixed number of queries, whatever the page size)."""

    key: str
    heading: str
    values: Callable[[list], dict]
    order: int = 100


def get_learner_columns() -> list[LearnerColumn]:
    columns = [fn() for fn in hooks.get_hooks(LEARNER_REPORT_COLUMNS)]
    return sorted((c for c in columns if c is not None), key=lambda c: c.order)
