"""Bar charts, vertical or horizontal, simple, grouped or stacked, with their table (no Django).

Series differ in pattern as well as colour. A series may carry intervals (for instance rates with
95% confidence intervals), drawn as whiskers across each bar and listed in the table.
Values are counts or rates: zero or more.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .colours import SERIES_COLOURS
from .svg import (
    GRID,
    PATTERNS,
    SECONDARY_TEXT,
    TEXT,
    Chart,
    ChartTable,
    chart_id_for,
    esc,
    format_count,
    legend,
    no_data_chart,
    num,
    open_svg,
    pattern,
    text,
    text_width,
)
from .ticks import value_ticks

TICK_SIZE = 14
VALUE_SIZE = 13
SMALL_SIZE = 12
NO_VALUE = "No data"


@dataclass(frozen=True)
class BarSeries:
    """One value per category (None: no data), and optionally a (low, high) interval per category."""

    name: str
    values: Sequence[float | None]
    intervals: Sequence[tuple[float, float] | None] | None = None


def bar_chart(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    *,
    title: str,
    desc: str = "",
    category_label: str = "",
    value_label: str = "",
    horizontal: bool = False,
    stacked: bool = False,
    width: int = 640,
    height: float | None = None,
    value_format: Callable[[float], str] = format_count,
    tick_format: Callable[[float], str] = format_count,
    interval_label: str = "95% confidence interval",
    chart_id: str | None = None,
) -> Chart:
    """Bars for each category: side by side per series, or `stacked`; with the data as a table.

    Vertical charts are `height` tall (320 by default); horizontal ones grow with the categories.
    Long category labels are cut short with an ellipsis, the whole label kept in a <title>.
    """
    for s in series:
        if len(s.values) != len(categories) or (
            s.intervals is not None and len(s.intervals) != len(categories)
        ):
            raise ValueError(f"Series {s.name!r} needs one value (and interval) per category.")
    if stacked and any(s.intervals for s in series):
        raise ValueError("Stacked bars cannot show intervals.")
    table = _table(categories, series, title, category_label, value_format, interval_label)
    if not categories or all(v is None for s in series for v in s.values):
        return no_data_chart(
            kind="bar", title=title, desc=desc, width=width, headers=table.headers, chart_id=chart_id
        )
    cid = chart_id_for("bar", title, chart_id)

    def reach(i: int) -> float:
        """How far the bars of category i go along the value axis, whiskers included."""
        if stacked:
            return sum(s.values[i] or 0 for s in series)
        ends = [s.values[i] or 0 for s in series]
        ends += [interval[1] for s in series if s.intervals and (interval := s.intervals[i])]
        return max(ends)

    known = [v for s in series for v in s.values if v is not None]
    known += [end for s in series for interval in s.intervals or () if interval for end in interval]
    whole = all(float(v).is_integer() for v in known)
    ticks = value_ticks(max(reach(i) for i in range(len(categories))), whole=whole)
    tick_labels = [tick_format(t) for t in ticks]
    # The first series is plain colour; the others add a pattern of white marks.
    kinds = [PATTERNS[i % len(PATTERNS)] for i in range(len(series))]
    colours = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(len(series))]
    fills = [
        c if k == "solid" else f"url(#{cid}-series-{i})"
        for i, (k, c) in enumerate(zip(kinds, colours, strict=True))
    ]
    defs = "".join(
        pattern(f"{cid}-series-{i}", kind, colour, "#ffffff")
        for i, (kind, colour) in enumerate(zip(kinds, colours, strict=True))
        if kind != "solid"
    )
    key_svg, key_height = legend(
        [
            (f'<rect width="28" height="16" fill="{fill}"/>', s.name)
            for fill, s in zip(fills, series, strict=True)
        ]
        if len(series) > 1
        else [],
        left=8,
        top=4,
        width=width - 16,
    )
    top = 4 + key_height + 26 if value_label and not horizontal else 4 + key_height + 8
    out = []
    if horizontal:
        label_width = min(max(text_width(c, TICK_SIZE) for c in categories), width * 0.35)
        left = 8 + label_width + 8
        ends = (
            [value_format(reach(i)) for i in range(len(categories))] if stacked else map(value_format, known)
        )
        right = width - max(text_width(e, VALUE_SIZE) for e in ends) - 14
        band: float = 28 if stacked or len(series) == 1 else 16 * len(series) + 12
        bottom = top + band * len(categories)
        height = bottom + 30 + (24 if value_label else 0)
    else:
        label_width = min(max(text_width(t, TICK_SIZE) for t in tick_labels), width * 0.3)
        left, right = 8 + label_width + 8, width - 16
        height = height or 320
        bottom = height - 28 - (24 if category_label else 0)
        band = (right - left) / len(categories)
        fits = all(text_width(c, TICK_SIZE) <= band - 4 for c in categories)
        category_size = TICK_SIZE if fits else SMALL_SIZE  # then cut short if still too long
    top_value = ticks[-1]

    def along(value: float) -> float:
        """Pixel position of `value` on the value axis."""
        if horizontal:
            return left + value / top_value * (right - left)
        return bottom - value / top_value * (bottom - top)

    out.append(open_svg(width=width, height=height, chart_id=cid, title=title, desc=desc))
    out.append((f"<defs>{defs}</defs>" if defs else "") + key_svg)
    out.append(f'<g stroke="{GRID}" stroke-width="1">')
    for t in ticks:
        p = along(t)
        out.append(
            f'<path d="M{num(p)},{num(top)}V{num(bottom)}"/>'
            if horizontal
            else f'<path d="M{num(left)},{num(p)}H{num(right)}"/>'
        )
    out.append("</g>")
    for t, label in zip(ticks, tick_labels, strict=True):
        if horizontal:
            out.append(
                text(along(t), bottom + 20, label, size=TICK_SIZE, anchor="middle", fill=SECONDARY_TEXT)
            )
        else:
            out.append(text(left - 8, along(t) + 5, label, size=TICK_SIZE, anchor="end", fill=SECONDARY_TEXT))
    axis = (
        f"M{num(left)},{num(top)}V{num(bottom)}" if horizontal else f"M{num(left)},{num(bottom)}H{num(right)}"
    )
    out.append(f'<path d="{axis}" stroke="{SECONDARY_TEXT}" stroke-width="1"/>')
    if value_label:
        if horizontal:
            out.append(text((left + right) / 2, height - 6, value_label, size=TICK_SIZE, anchor="middle"))
        else:
            out.append(text(8, top - 12, value_label, size=TICK_SIZE, max_width=width - 16))
    if category_label and not horizontal:
        out.append(text((left + right) / 2, height - 6, category_label, size=TICK_SIZE, anchor="middle"))

    for c, category in enumerate(categories):
        start = (top if horizontal else left) + c * band
        if horizontal:
            out.append(text(8, start + band / 2 + 5, category, size=TICK_SIZE, max_width=label_width))
        else:
            out.append(
                text(
                    start + band / 2,
                    bottom + 20,
                    category,
                    size=category_size,
                    anchor="middle",
                    max_width=band - 4,
                )
            )
        inner = band * (0.7 if horizontal or len(series) == 1 else 0.8)
        thickness = inner if stacked else inner / len(series)
        base = 0.0
        for i, s in enumerate(series):
            value = s.values[c]
            if value is None:
                continue
            offset = start + (band - inner) / 2 + (0 if stacked else i * thickness)
            low, high = (base, base + value) if stacked else (0.0, value)
            base = high if stacked else base
            a, b = along(low), along(high)
            box = (
                (min(a, b), offset, abs(b - a), thickness)
                if horizontal
                else (offset, min(a, b), thickness, abs(b - a))
            )
            interval = s.intervals[c] if s.intervals else None
            said = (
                f"{category}, {s.name}: {value_format(value)}"
                if len(series) > 1
                else f"{category}: {value_format(value)}"
            )
            if interval:
                said += f" ({interval_label} {value_format(interval[0])} to {value_format(interval[1])})"
            out.append(
                f'<rect x="{num(box[0])}" y="{num(box[1])}" width="{num(box[2])}" height="{num(box[3])}" fill="{fills[i]}">'
                f"<title>{esc(said)}</title></rect>"
            )
            if interval:
                out.append(
                    _whisker(
                        along(interval[0]), along(interval[1]), offset + thickness / 2, thickness, horizontal
                    )
                )
            if not stacked:
                end = along(interval[1]) if interval else b
                out.append(
                    _value_label(value_format(value), end, offset + thickness / 2, thickness, horizontal)
                )
        if stacked:
            out.append(_value_label(value_format(base), along(base), start + band / 2, inner, horizontal))
    out.append("</svg>")
    return Chart(svg="".join(out), table=table)


def _whisker(low: float, high: float, middle: float, thickness: float, horizontal: bool) -> str:
    """An interval line with end caps, across the middle of its bar."""
    cap = min(thickness * 0.6, 12)
    if horizontal:
        d = f"M{num(low)},{num(middle)}H{num(high)}M{num(low)},{num(middle - cap / 2)}v{num(cap)}M{num(high)},{num(middle - cap / 2)}v{num(cap)}"
    else:
        d = f"M{num(middle)},{num(low)}V{num(high)}M{num(middle - cap / 2)},{num(low)}h{num(cap)}M{num(middle - cap / 2)},{num(high)}h{num(cap)}"
    # A white band under the black line keeps the whisker clear on a dark bar.
    return f'<path d="{d}" stroke="#ffffff" stroke-width="4" fill="none"/><path d="{d}" stroke="{TEXT}" stroke-width="1.5" fill="none"/>'


def _value_label(label: str, end: float, middle: float, thickness: float, horizontal: bool) -> str:
    """The value beside the end of its bar; left out of vertical bars too narrow to hold it."""
    if horizontal:
        return text(end + 6, middle + 5, label, size=VALUE_SIZE)
    if text_width(label, VALUE_SIZE) > thickness + 6:
        return ""
    return text(middle, end - 6, label, size=VALUE_SIZE, anchor="middle")


def _table(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    title: str,
    category_label: str,
    value_format: Callable[[float], str],
    interval_label: str,
) -> ChartTable:
    headers, numeric = [category_label or "Category"], []
    for s in series:
        numeric.append(len(headers))
        headers.append(s.name)
        if s.intervals is not None:
            headers.append(f"{s.name}: {interval_label}" if len(series) > 1 else interval_label.capitalize())
    rows = []
    for c, category in enumerate(categories):
        row = [category]
        for s in series:
            value = s.values[c]
            row.append(NO_VALUE if value is None else value_format(value))
            if s.intervals is not None:
                interval = s.intervals[c]
                row.append(
                    f"{value_format(interval[0])} to {value_format(interval[1])}" if interval else NO_VALUE
                )
        rows.append(tuple(row))
    return ChartTable(caption=title, headers=tuple(headers), rows=tuple(rows), numeric_columns=tuple(numeric))
