"""What every chart shares: its result types, text measuring, escaping and the SVG frame (no Django).

Charts use presentation attributes only (fill="…", never style="…" or a <style> element) so that they
pass our content security policy (style-src 'self') and look the same inline in a page and in a PDF.
The project stylesheet may add, for example:

    .cg-chart { max-width: 100%; height: auto; }
    .cg-chart a:focus path { stroke: #0b0c0c; stroke-width: 3; }   (GOV.UK focus, black outline)
"""

import hashlib
from dataclasses import dataclass
from html import escape

FONT = "GDS Transport, arial, sans-serif"
TEXT = "#0b0c0c"  # GOV.UK text
SECONDARY_TEXT = "#505a5f"  # GOV.UK secondary text: axes and ticks
GRID = "#b1b4b6"  # GOV.UK mid-grey border: grid lines
NO_DATA_MESSAGE = "No data for this selection"
ELLIPSIS = "…"


@dataclass(frozen=True)
class ChartTable:
    """The chart's data as a table, to be shown beside it (GOV.UK table): the accessible equivalent."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric_columns: tuple[int, ...] = ()  # indexes of columns to right-align (govuk-table__cell--numeric)


@dataclass(frozen=True)
class Chart:
    """An SVG document (every text in it escaped) and its table.

    `__html__` lets a Django template write `{{ chart }}` to place the SVG unescaped.
    """

    svg: str
    table: ChartTable

    def __html__(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zero: 12, 12.5, -3.1."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def format_count(value: float) -> str:
    """Counts as 1,234; other numbers to one decimal place."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


# Rough advance widths (in ems), on the wide side of Arial and GDS Transport so that a PDF set in a
# wider fallback font (DejaVu Sans) still fits.
_NARROW = set("ijlI.,:;'!|()[] ft")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float) -> float:
    """An estimate of how wide `text` is when set at `size` pixels."""
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.34
        elif char in _WIDE:
            ems += 0.92
        elif char.isupper():
            ems += 0.7
        elif char.isdigit():
            ems += 0.62
        else:
            ems += 0.58
    return ems * size


def fit_text(text: str, max_width: float, size: float) -> str:
    """`text`, or as much of it as fits in `max_width` followed by an ellipsis."""
    if text_width(text, size) <= max_width:
        return text
    cut = len(text)
    while cut > 0 and text_width(text[:cut].rstrip() + ELLIPSIS, size) > max_width:
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 14,
    anchor: str = "start",
    fill: str = TEXT,
    max_width: float | None = None,
    weight: str = "",
    extra: str = "",
) -> str:
    """A <text> element; when cut short to fit `max_width` its full wording is kept in a <title>."""
    shown = fit_text(content, max_width, size) if max_width is not None else content
    title = f"<title>{esc(content)}</title>" if shown != content else ""
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}" fill="{fill}"'
        f"{bold}{extra}>{title}{esc(shown)}</text>"
    )


def chart_id_for(kind: str, title: str, chart_id: str | None) -> str:
    """The id prefix for a chart's title, description and patterns: given, or derived from its title.

    Two charts on one page with the same kind and title need an explicit `chart_id`.
    """
    if chart_id:
        return chart_id
    return f"{kind}-{hashlib.blake2s(title.encode(), digest_size=4).hexdigest()}"


def open_svg(
    *, width: float, height: float, chart_id: str, title: str, desc: str, interactive: bool = False
) -> str:
    """The opening <svg> with its <title> and <desc>.

    A chart is one image (role="img") unless it holds links: an image's children are hidden from
    assistive technology, so a chart with links is a labelled group whose links keep their names.
    """
    role = "group" if interactive else "img"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cg-chart" width="{num(width)}" height="{num(height)}"'
        f' viewBox="0 0 {num(width)} {num(height)}" role="{role}"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}">'
        f'<title id="{chart_id}-title">{esc(title)}</title><desc id="{chart_id}-desc">{esc(desc)}</desc>'
    )


def no_data_chart(
    *, kind: str, title: str, desc: str, width: float, headers: tuple[str, ...], chart_id: str | None
) -> Chart:
    """The chart to show when there is nothing to draw: a message in the frame, an empty table."""
    cid = chart_id_for(kind, title, chart_id)
    height = 80
    body = (
        f'<rect x="0.5" y="0.5" width="{num(width - 1)}" height="{height - 1}" fill="#ffffff" stroke="{GRID}"/>'
        + text(width / 2, height / 2 + 6, NO_DATA_MESSAGE, size=16, anchor="middle")
    )
    svg = open_svg(width=width, height=height, chart_id=cid, title=title, desc=desc or NO_DATA_MESSAGE)
    return Chart(svg=svg + body + "</svg>", table=ChartTable(caption=title, headers=headers, rows=()))


PATTERNS = ("solid", "stripes", "dots", "crosshatch", "reverse-stripes")


def pattern(pattern_id: str, kind: str, fill: str, ink: str) -> str:
    """A <pattern> of `ink` marks over `fill`, for a second cue besides colour ("solid" is plain `fill`)."""
    marks = {
        "stripes": f'<path d="M0 0V6" stroke="{ink}" stroke-width="2"/>',
        "reverse-stripes": f'<path d="M0 0V6" stroke="{ink}" stroke-width="2"/>',
        "crosshatch": f'<path d="M0 0V6M0 3H6" stroke="{ink}" stroke-width="1.2"/>',
        "dots": f'<circle cx="3" cy="3" r="1.3" fill="{ink}"/>',
    }
    if kind == "solid":
        marks_svg = ""
    elif kind in marks:
        marks_svg = marks[kind]
    else:
        raise ValueError(f"Unknown pattern {kind!r}; choose from {PATTERNS}.")
    angle = {"stripes": 45, "reverse-stripes": -45, "crosshatch": 45}.get(kind)
    transform = f' patternTransform="rotate({angle})"' if angle else ""
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="6" height="6"{transform}>'
        f'<rect width="6" height="6" fill="{fill}"/>{marks_svg}</pattern>'
    )


def legend(
    items: list[tuple[str, str]], *, left: float, top: float, width: float, size: float = 14
) -> tuple[str, float]:
    """Legend entries (swatch drawn in a 28 by 16 box at the origin, label) flowed into rows.

    Returns the SVG and the height it takes.
    """
    out, x, y = [], left, top
    for swatch, label in items:
        label_width = min(text_width(label, size), width - 36)
        if x > left and x + 36 + label_width > left + width:
            x, y = left, y + 24
        out.append(f'<g transform="translate({num(x)},{num(y)})">{swatch}</g>')
        out.append(text(x + 36, y + 13, label, size=size, max_width=width - 36))
        x += 36 + label_width + 20
    return "".join(out), (y - top) + 24 if items else 0
