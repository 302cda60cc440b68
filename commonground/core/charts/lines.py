"""Line charts of time series as inline SVG, with their table (no Django).

Each series differs from the others in colour, dash and marker. With `levels`, the y axis is an
ordered scale named by those levels (lowest first) and each series is drawn as steps: a level holds
until the next reading.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from .colours import SERIES_COLOURS
from .svg import (
    GRID,
    SECONDARY_TEXT,
    Chart,
    ChartTable,
    chart_id_for,
    esc,
    format_count,
    legend,
    no_data_chart,
    num,
    open_svg,
    text,
    text_width,
)
from .ticks import date_ticks, value_ticks

DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 2")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "bar")
MARKED_POINTS_AT_MOST = 40  # longer series are told apart by dash alone
TICK_SIZE = 14
NO_VALUE = "No data"

Value = float | int | str | None


@dataclass(frozen=True)
class Series:
    """A named series of (date, value) points; a value of None is a gap in the line.

    In a chart with `levels` each value is one of the level names.
    """

    name: str
    points: Sequence[tuple[date, Value]]


def marker(kind: str, x: float, y: float, colour: str) -> str:
    """A point marker about 9 pixels across, outlined in white to stand clear of lines."""
    r = 4.5
    shapes = {
        "circle": f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}"',
        "square": f'<rect x="{num(x - r + 0.5)}" y="{num(y - r + 0.5)}" width="{num(2 * r - 1)}" height="{num(2 * r - 1)}"',
        "triangle": f'<path d="M{num(x)},{num(y - r - 0.5)}L{num(x + r)},{num(y + r - 1)}L{num(x - r)},{num(y + r - 1)}Z"',
        "diamond": f'<path d="M{num(x)},{num(y - r - 1)}L{num(x + r)},{num(y)}L{num(x)},{num(y + r + 1)}L{num(x - r)},{num(y)}Z"',
        "cross": f'<path d="M{num(x - r)},{num(y - 1.5)}h3v-3h3v3h3v3h-3v3h-3v-3h-3Z"',
        "bar": f'<rect x="{num(x - r)}" y="{num(y - 2)}" width="{num(2 * r)}" height="4"',
    }
    return shapes[kind] + f' fill="{colour}" stroke="#ffffff" stroke-width="1"/>'


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    desc: str = "",
    x_label: str = "",
    y_label: str = "",
    levels: Sequence[str] | None = None,
    width: int = 640,
    height: int = 320,
    value_format: Callable[[float], str] = format_count,
    chart_id: str | None = None,
) -> Chart:
    """Lines over time, with a legend (from two series), axes and ticks, and the data as a table.

    Dates are ticked by day, month or year to suit the span; values from 0 in round steps, or by
    level name when `levels` is given.
    """
    headers = (x_label or "Date", *(s.name for s in series))
    points = [(day, value) for s in series for day, value in s.points if value is not None]
    if not points:
        return no_data_chart(
            kind="line", title=title, desc=desc, width=width, headers=headers, chart_id=chart_id
        )
    position = _positions(levels)
    cid = chart_id_for("line", title, chart_id)
    first, last = min(day for day, _ in points), max(day for day, _ in points)

    # Value axis: round numbers from 0, or one tick per level.
    if levels:
        ticks = [(i + 0.5, name) for i, name in enumerate(levels)]  # each level in the middle of its band
        top_value: float = len(levels)
    else:
        steps = value_ticks(max(float(value) for _, value in points))
        ticks = [(v, value_format(v)) for v in steps]
        top_value = steps[-1]
    tick_labels_width = min(max(text_width(label, TICK_SIZE) for _, label in ticks), width * 0.3)

    day_ticks = date_ticks(first, last)
    key_svg, key_height = legend(
        [(_swatch(i), s.name) for i, s in enumerate(series)] if len(series) > 1 else [],
        left=8,
        top=4,
        width=width - 16,
    )
    left = max(8 + tick_labels_width + 8, text_width(day_ticks[0][1], TICK_SIZE) / 2 + 4)
    right = width - max(16, text_width(day_ticks[-1][1], TICK_SIZE) / 2 + 4)
    top = 4 + key_height + (26 if y_label else 10)
    bottom = height - 26 - (24 if x_label else 0)

    span = (last - first).days

    def x_of(day: date) -> float:
        return (left + right) / 2 if span == 0 else left + (day - first).days / span * (right - left)

    def y_of(value: float) -> float:
        return bottom - value / top_value * (bottom - top)

    out = [open_svg(width=width, height=height, chart_id=cid, title=title, desc=desc), key_svg]
    out.append(f'<g stroke="{GRID}" stroke-width="1">')
    out += [f'<path d="M{num(left)},{num(y_of(v))}H{num(right)}"/>' for v, _ in ticks]
    out.append("</g>")
    out += [
        text(
            left - 8,
            y_of(v) + 5,
            label,
            size=TICK_SIZE,
            anchor="end",
            fill=SECONDARY_TEXT,
            max_width=tick_labels_width,
        )
        for v, label in ticks
    ]
    out.append(
        f'<path d="M{num(left)},{num(bottom)}H{num(right)}" stroke="{SECONDARY_TEXT}" stroke-width="1"/>'
    )
    for day, label in day_ticks:
        x = x_of(day)
        out.append(f'<path d="M{num(x)},{num(bottom)}v5" stroke="{SECONDARY_TEXT}"/>')
        out.append(text(x, bottom + 20, label, size=TICK_SIZE, anchor="middle", fill=SECONDARY_TEXT))
    if y_label:
        out.append(text(8, top - 12, y_label, size=TICK_SIZE, max_width=width - 16))
    if x_label:
        out.append(text((left + right) / 2, height - 6, x_label, size=TICK_SIZE, anchor="middle"))

    for i, s in enumerate(series):
        colour, dash = SERIES_COLOURS[i % len(SERIES_COLOURS)], DASHES[i % len(DASHES)]
        placed = [
            (day, value, x_of(day), None if value is None else y_of(position(value)))
            for day, value in sorted(s.points, key=lambda p: p[0])
        ]
        out.append(
            f'<path d="{_line_path(placed, steps=bool(levels))}" fill="none" stroke="{colour}" stroke-width="2.5"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + ' stroke-linejoin="round"/>'
        )
        if len(s.points) <= MARKED_POINTS_AT_MOST:
            for day, value, x, y in placed:
                if y is not None:
                    shape = marker(MARKERS[i % len(MARKERS)], x, y, colour)
                    said = f"{s.name}, {_long_date(day)}: {value if levels else value_format(cast(float, value))}"
                    out.append(f"<g><title>{esc(said)}</title>{shape}</g>")
    out.append("</svg>")

    days = sorted({day for s in series for day, _ in s.points})
    values = [dict(s.points) for s in series]
    rows = tuple(
        (_long_date(day), *(_cell(v.get(day), levels, value_format) for v in values)) for day in days
    )
    numeric = () if levels else tuple(range(1, len(series) + 1))
    return Chart(
        svg="".join(out), table=ChartTable(caption=title, headers=headers, rows=rows, numeric_columns=numeric)
    )


def _positions(levels: Sequence[str] | None) -> Callable[[Value], float]:
    if not levels:
        return lambda value: float(cast(float, value))  # without levels every value is a number
    index = {name: i for i, name in enumerate(levels)}

    def position(value: Value) -> float:
        if value not in index:
            raise ValueError(f"{value!r} is not one of the levels {list(levels)}.")
        return index[value] + 0.5

    return position


def _line_path(placed: list[tuple[date, Value, float, float | None]], *, steps: bool) -> str:
    """Path data through the points, lifting the pen at gaps; as steps for levels."""
    parts, previous_y = [], None
    for _, _, x, y in placed:
        if y is None:
            previous_y = None
        elif previous_y is None:
            parts.append(f"M{num(x)},{num(y)}")
            previous_y = y
        else:
            parts.append(f"H{num(x)}V{num(y)}" if steps else f"L{num(x)},{num(y)}")
            previous_y = y
    return "".join(parts)


def _swatch(index: int) -> str:
    colour, dash = SERIES_COLOURS[index % len(SERIES_COLOURS)], DASHES[index % len(DASHES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<path d="M0,8H28" stroke="{colour}" stroke-width="2.5"{dashes}/>' + marker(
        MARKERS[index % len(MARKERS)], 14, 8, colour
    )


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _cell(value: Value, levels: Sequence[str] | None, value_format: Callable[[float], str]) -> str:
    if value is None:
        return NO_VALUE
    return str(value) if levels else value_format(cast(float, value))
