"""Charts drawn on the server as SVG (no script, no outside host).

``bar_chart(title, items, ...)`` (horizontal bars, ``includes/bar_chart.html``) and
``column_chart(title, description, items, ...)`` (columns: a histogram, a time
series; ``includes/column_chart.html``; templates under ``lms/admin/``) return the
geometry a template draws, twice: ``layouts`` holds a wide drawing (600 units) and
a narrow one (300) that a phone shows instead (``static/css/back_office.css``), so
text keeps its size on both. Each drawing has a ``<title>`` and a ``<desc>``; the
same items are listed in a data table next to the chart, its text alternative.

Text is measured by its number of characters (about ``CHAR_WIDTH`` units each at
13 px): a bar's label is written on its own line above the bar, shortened at a word
with "…" when longer than the line (the full label is the bar's ``<title>`` and in
the table), and the bars leave room for the longest value, so nothing is clipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIDE = 600
NARROW = 300
LAYOUTS = (("wide", WIDE), ("narrow", NARROW))
CHAR_WIDTH = 7.5  # an average character of a 13 px label, in SVG units

# Bar charts ----------------------------------------------------------------------

BAR_HEIGHT = 18
LABEL_LINE = 17  # the label's line above its bar
GAP = 12
VALUE_GAP = 6


@dataclass
class Bar:
    label: str  # full label, in the bar's <title> and the data table
    short_label: str  # written above the bar, shortened to fit the line
    value: float
    display: str
    label_y: int
    y: int
    width: int

    @property
    def value_x(self) -> int:
        return self.width + VALUE_GAP


@dataclass
class BarLayout:
    name: str
    width: int
    bars: list[Bar] = field(default_factory=list)
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * (LABEL_LINE + BAR_HEIGHT + GAP)

    @property
    def text_offset(self) -> int:  # baseline of a value beside its bar
        return BAR_HEIGHT // 2 + 5


@dataclass
class BarChart:
    """A bar per item; ``bars`` are the wide drawing's (its items, in order)."""

    title: str
    description: str = ""
    key: str = "bars"  # unique on the page: ids of <title> and <desc>
    heading: str = ""  # first column of the data table
    layouts: list[BarLayout] = field(default_factory=list)
    template: str = "lms/admin/includes/bar_chart.html"

    @property
    def bars(self) -> list[Bar]:
        return self.layouts[0].bars if self.layouts else []


def fit_label(label: str, width: float) -> str:
    """``label`` if it fits in ``width`` units, else its longest start that ends at
    a word and fits with "…" (or a cut word, for a single long word)."""
    room = int(width // CHAR_WIDTH)
    if len(label) <= room:
        return label
    cut = label[: max(room - 1, 1)]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rfind(" ")]
    return cut.rstrip(" ,;:·-–—") + "…"


def _bar_layout(name: str, width: int, items) -> BarLayout:
    longest = max((len(shown) for _label, _value, shown in items), default=0)
    room = max(width - int(longest * CHAR_WIDTH) - VALUE_GAP - 2, width // 3)
    largest = max((value for _label, value, _shown in items), default=0) or 1
    layout = BarLayout(name=name, width=width)
    row = LABEL_LINE + BAR_HEIGHT + GAP
    for index, (label, value, shown) in enumerate(items):
        top = index * row
        layout.bars.append(
            Bar(
                label=label,
                short_label=fit_label(label, width),
                value=value,
                display=shown,
                label_y=top + LABEL_LINE - 4,
                y=top + LABEL_LINE,
                width=max(int(room * value / largest), 1 if value else 0),
            )
        )
    return layout


def bar_chart(
    title: str,
    items: list[tuple[str, float, str]],
    *,
    description: str = "",
    key: str = "bars",
    heading: str = "",
) -> BarChart:
    """``items`` are (label, value, value as displayed), drawn in the given order."""
    return BarChart(
        title=title,
        description=description,
        key=key,
        heading=heading,
        layouts=[_bar_layout(name, width, items) for name, width in LAYOUTS],
    )


# Column charts: a histogram of scores, completions per week or month ---------------

COLUMN_AREA_HEIGHT = 160
COLUMN_TOP = 24
AXIS_SPACE = 40
COLUMN_LEFT = 16
MAX_X_LABELS = 12
# Width of one character of an 11 px label, and the space kept between two labels.
LABEL_CHAR_WIDTH = 7
LABEL_GAP = 10
CHART_WIDTH = WIDE


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
    value_shown: bool = True  # written above the column (when it fits its slot)
    label_anchor: str = "middle"  # "start" or "end" at the chart's edges
    label_x: int = 0

    @property
    def centre(self) -> int:
        return self.x + self.width // 2


@dataclass
class ColumnLayout:
    name: str
    width: int
    columns: list[Column] = field(default_factory=list)
    height: int = COLUMN_TOP + COLUMN_AREA_HEIGHT + AXIS_SPACE

    @property
    def baseline(self) -> int:
        return COLUMN_TOP + COLUMN_AREA_HEIGHT

    @property
    def label_y(self) -> int:
        return self.baseline + 16


@dataclass
class ColumnChart:
    """Vertical columns over a baseline; ``description`` is the SVG's ``<desc>``:
    what the chart shows in one sentence, for screen readers and the data table.
    ``columns`` are the wide drawing's."""

    title: str
    description: str
    layouts: list[ColumnLayout] = field(default_factory=list)
    heading: str = ""  # first column of the data table
    key: str = "chart"  # unique on the page: ids of <title> and <desc>
    template: str = "lms/admin/includes/column_chart.html"

    @property
    def columns(self) -> list[Column]:
        return self.layouts[0].columns if self.layouts else []

    @property
    def has_data(self) -> bool:
        return any(column.value for column in self.columns)


def _column_layout(name: str, width: int, items) -> ColumnLayout:
    """Every column keeps its place even at zero, so gaps in time stay visible;
    short labels are thinned out so that at most ``MAX_X_LABELS`` are written and
    no two of them touch (month labels such as "Sep 2026" need about three
    columns' width when two years are shown)."""
    layout = ColumnLayout(name=name, width=width)
    if not items:
        return layout
    largest = max(value for _l, _s, value, _d in items) or 1
    slot = (width - 2 * COLUMN_LEFT) // len(items)
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
        column = Column(
            label=label,
            short_label=short if index % every == 0 else "",
            value=value,
            display=shown,
            x=COLUMN_LEFT + index * slot + gap // 2,
            y=layout.baseline - height,
            width=max(slot - gap, 1),
            height=height,
            value_shown=bool(height) and len(str(value)) * LABEL_CHAR_WIDTH <= slot,
        )
        # A label centred under a column at the chart's edge would be cut off.
        half = len(column.short_label) * LABEL_CHAR_WIDTH // 2
        column.label_x = column.centre
        if column.centre - half < 0:
            column.label_anchor, column.label_x = "start", 0
        elif column.centre + half > width:
            column.label_anchor, column.label_x = "end", width
        layout.columns.append(column)
    return layout


def column_chart(
    title: str,
    description: str,
    items: list[tuple[str, str, int, str]],
    *,
    key: str,
    heading: str = "",
) -> ColumnChart:
    """``items`` are (label, short label, value, value as displayed), left to right."""
    return ColumnChart(
        title=title,
        description=description,
        heading=heading,
        key=key,
        layouts=[_column_layout(name, width, items) for name, width in LAYOUTS],
    )
