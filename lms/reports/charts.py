"""Horizontal bar charts drawn on the server as SVG (no script, no outside host).

``bar_chart(title, items)`` returns the geometry a template draws
(``lms/admin/includes/bar_chart.html``); the same items are listed as a table next
to the chart, its text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 180
CHART_WIDTH = 600
VALUE_SPACE = 70


@dataclass
class Bar:
    label: str
    short_label: str
    value: float
    display: str
    y: int
    width: int


@dataclass
class BarChart:
    title: str
    bars: list[Bar] = field(default_factory=list)
    width: int = CHART_WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * (BAR_HEIGHT + GAP) + GAP

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def text_offset(self) -> int:
        return BAR_HEIGHT // 2 + 5


def bar_chart(title: str, items: list[tuple[str, float, str]]) -> BarChart:
    """``items`` are (label, value, value as displayed), drawn in the given order."""
    largest = max((value for _label, value, _shown in items), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_SPACE
    bars = []
    for index, (label, value, shown) in enumerate(items):
        bars.append(
            Bar(
                label=label,
                short_label=label if len(label) <= 28 else label[:27] + "…",
                value=value,
                display=shown,
                y=GAP + index * (BAR_HEIGHT + GAP),
                width=max(int(room * value / largest), 1 if value else 0),
            )
        )
    return BarChart(title=title, bars=bars)
