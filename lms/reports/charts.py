"""Charts drawn on the server as SVG (no script, no outside host).

``bar_chart(title, items)`` (horizontal bars, ``lms/admin/includes/bar_chart.html``)
and ``column_chart(title, description, items)`` (columns: a histogram, a time
series; ``includes/column_chart.html``) return the geometry a template draws; the
same items are listed as a table next to the chart, its text alternative.
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
    template: str = "lms/admin/includes/bar_chart.html"

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


# Column charts: a histogram of scores, completions per week or month ---------------

COLUMN_AREA_HEIGHT = 160
COLUMN_TOP = 24
AXIS_SPACE = 40
COLUMN_LEFT = 16
MAX_X_LABELS = 12
# Width of one character of an 11 px label, and the space kept between two labels.
LABEL_CHAR_WIDTH = 7
LABEL_GAP = 10


@dataclass
class Column:
    label: str  # full label, in the data table
    short_label: str  # under the column ("" when skipped to avoid overlap)
    value: int
    display: str
    x: int
    y: int
    width: int
    height: int

    @property
    def centre(self) -> int:
        return self.x + self.width // 2


@dataclass
class ColumnChart:
    """Vertical columns over a baseline; ``description`` is the SVG's ``<desc>``:
    what the chart shows in one sentence, for screen readers and the data table."""

    title: str
    description: str
    columns: list[Column] = field(default_factory=list)
    heading: str = ""  # first column of the data table
    key: str = "chart"  # unique on the page: ids of <title> and <desc>
    width: int = CHART_WIDTH
    height: int = COLUMN_TOP + COLUMN_AREA_HEIGHT + AXIS_SPACE
    template: str = "lms/admin/includes/column_chart.html"

    @property
    def baseline(self) -> int:
        return COLUMN_TOP + COLUMN_AREA_HEIGHT

    @property
    def label_y(self) -> int:
        return self.baseline + 16

    @property
    def has_data(self) -> bool:
        return any(column.value for column in self.columns)


def column_chart(
    title: str,
    description: str,
    items: list[tuple[str, str, int, str]],
    *,
    key: str,
    heading: str = "",
) -> ColumnChart:
    """``items`` are (label, short label, value, value as displayed), left to right.

    Every column keeps its place even at zero, so gaps in time stay visible; short
    labels are thinned out so that at most ``MAX_X_LABELS`` are written and no two
    of them touch (month labels such as "Sep 2026" need about three columns' width
    when two years are shown).
    """
    chart = ColumnChart(title=title, description=description, heading=heading, key=key)
    if not items:
        return chart
    largest = max(value for _l, _s, value, _d in items) or 1
    slot = (CHART_WIDTH - 2 * COLUMN_LEFT) // len(items)
    gap = max(slot // 5, 1)
    widest = max(len(short) for _l, short, _v, _d in items) * LABEL_CHAR_WIDTH
    every = max(
        -(-len(items) // MAX_X_LABELS),  # ceiling divisions
        -(-(widest + LABEL_GAP) // max(slot, 1)),
    )
    for index, (label, short, value, shown) in enumerate(items):
        height = round(COLUMN_AREA_HEIGHT * value / largest)
        if value and not height:
            height = 1
        chart.columns.append(
            Column(
                label=label,
                short_label=short if index % every == 0 else "",
                value=value,
                display=shown,
                x=COLUMN_LEFT + index * slot + gap // 2,
                y=chart.baseline - height,
                width=max(slot - gap, 1),
                height=height,
            )
        )
    return chart
