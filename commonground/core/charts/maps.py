"""Choropleth maps of areas (boroughs, wards) as inline SVG, with their table (no Django).

Projection: longitude is scaled by the cosine of the middle latitude of the map (equirectangular).
Across one city region (about 60 km) that keeps shapes and relative sizes right to well under 1%;
it is not a projection for a whole country.

Drawing a map has two steps, so that recolouring is cheap:
  project_areas()  boundaries → pixel paths, simplified and rounded (the slow part, a few tens of ms
                   for 215 wards), returned as a ProjectedLayer that callers may keep and reuse;
  render_map()     colours, titles, links and legend over a layer (a few ms).
render_map() without a layer keeps the last few layers it projected, keyed on each area's code,
label point and a fingerprint of its boundary (ring sizes and sampled points; boundaries are
read-only reference data). Pass `layer=` to be independent of that.
"""

import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .colours import sequential_colours, text_colour_for
from .svg import (
    SECONDARY_TEXT,
    TEXT,
    Chart,
    ChartTable,
    chart_id_for,
    esc,
    no_data_chart,
    num,
    open_svg,
    text_width,
)
from .svg import pattern as pattern_def
from .svg import text as text_element

SIMPLIFY_PX = 0.5  # boundaries are kept within half a pixel of their true course (Douglas-Peucker)
LEGEND_SWATCH = (24, 16)
SAFE_LINKS = ("/", "https://", "#")  # never "javascript:" and the like
LEGEND_ROW = 26
LEGEND_SIZE = 14
LABEL_SIZE = 12


@dataclass(frozen=True)
class MapArea:
    """One area to draw. `label_text` is what the map says about it ("level 5 High"); empty means the
    legend label of its category. `label_point` is (lon, lat) for the on-map name; by default the
    centre of its largest polygon."""

    code: str
    name: str
    geometry: Mapping[str, Any]  # GeoJSON Polygon or MultiPolygon, WGS84 longitude/latitude
    category_key: str | None
    label_text: str = ""
    href: str | None = None
    label_point: tuple[float, float] | None = None


@dataclass(frozen=True)
class LegendEntry:
    """One category: its key, label, fill and a text colour readable on that fill.

    `hatch` adds stripes (a cue besides colour, e.g. for the top levels); `short_label` ("5") is
    written under the area's name when the map shows labels.
    """

    key: str
    label: str
    fill: str
    text_colour: str
    hatch: bool = False
    short_label: str = ""


NO_DATA = LegendEntry(key="", label="No data", fill="#f3f2f1", text_colour=TEXT)


@dataclass(frozen=True)
class ProjectedLayer:
    """Areas projected to pixels: SVG path data and label positions by area code."""

    width: int
    height: int
    paths: Mapping[str, str]
    label_points: Mapping[str, tuple[float, float]]


def sequential_legend(
    labels: Sequence[str], *, keys: Sequence[str] | None = None, hatch_top: int = 0
) -> tuple[LegendEntry, ...]:
    """A legend for ordered levels, lowest first: YlOrRd fills, readable text, optional stripes.

    `keys` default to "1", "2", …; `hatch_top` stripes that many of the highest levels.
    """
    keys = list(keys) if keys is not None else [str(i) for i in range(1, len(labels) + 1)]
    if len(keys) != len(labels):
        raise ValueError("A legend needs one key per label.")
    fills = sequential_colours(len(labels))
    return tuple(
        LegendEntry(
            key=key,
            label=label,
            fill=fill,
            text_colour=text_colour_for(fill),
            hatch=i >= len(labels) - hatch_top,
            short_label=key,
        )
        for i, (key, label, fill) in enumerate(zip(keys, labels, fills, strict=True))
    )


def _polygons(geometry: Mapping[str, Any]) -> list:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"A map area's geometry must be a Polygon or MultiPolygon, not {kind!r}.")


def _ring_area(points: Sequence[tuple[float, float]]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise([*points, points[0]]))


def _centroid(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    area = _ring_area(points)
    if abs(area) < 1e-9:
        return points[0]
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise([*points, points[0]]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


def _douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """The points that keep the line within `tolerance` pixels of its original course."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy) or 1e-12
        farthest, distance = first, tolerance
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x0) - dx * (y - y0)) / length if (dx or dy) else math.hypot(x - x0, y - y0)
            if d > distance:
                farthest, distance = i, d
        if farthest != first:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _ring_path(points: list[tuple[float, float]]) -> str:
    """A closed ring as compact path data: the first point, then steps in tenths of a pixel."""
    tenths = [(round(x * 10), round(y * 10)) for x, y in _douglas_peucker(points, SIMPLIFY_PX)]
    if len(tenths) > 1 and tenths[-1] == tenths[0]:
        tenths.pop()  # "z" closes the ring
    steps, (last_x, last_y) = [], tenths[0]
    for x, y in tenths[1:]:
        if (x, y) != (last_x, last_y):
            steps.append(f"{num((x - last_x) / 10)},{num((y - last_y) / 10)}")
            last_x, last_y = x, y
    if len(steps) < 2:
        return ""  # smaller than a pixel
    start = f"M{num(tenths[0][0] / 10)},{num(tenths[0][1] / 10)}"
    return start + "l" + " ".join(steps) + "z"


def project_areas(areas: Iterable[MapArea], *, width: int = 640, padding: int = 8) -> ProjectedLayer:
    """Project, simplify and round the areas' boundaries to fit `width` pixels (height follows)."""
    areas = list(areas)
    rings_by_code = {
        area.code: [ring for polygon in _polygons(area.geometry) for ring in polygon] for area in areas
    }
    lons = [lon for rings in rings_by_code.values() for ring in rings for lon, _ in ring]
    lats = [lat for rings in rings_by_code.values() for ring in rings for _, lat in ring]
    if not lons:
        return ProjectedLayer(width=width, height=2 * padding, paths={}, label_points={})
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    west, north = min(lons) * squeeze, max(lats)
    scale = (width - 2 * padding) / max(max(lons) * squeeze - west, 1e-9)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return padding + (lon * squeeze - west) * scale, padding + (north - lat) * scale

    paths, label_points = {}, {}
    for area in areas:
        parts, largest, largest_area = [], None, -1.0
        for ring in rings_by_code[area.code]:
            projected = [project(lon, lat) for lon, lat, *_ in ring]
            parts.append(_ring_path(projected))
            size = abs(_ring_area(projected))
            if size > largest_area:
                largest, largest_area = projected, size
        paths[area.code] = "".join(parts)
        if area.label_point is not None:
            label_points[area.code] = project(*area.label_point)
        elif largest:
            label_points[area.code] = _centroid(largest)
    height = math.ceil((max(lats) - min(lats)) * scale + 2 * padding)
    return ProjectedLayer(width=width, height=height, paths=paths, label_points=label_points)


def _fingerprint(geometry: Mapping[str, Any]) -> tuple:
    """Ring sizes and a few points of each ring: cheap, and different for any re-drawn boundary."""
    marks = []
    for polygon in _polygons(geometry):
        for ring in polygon:
            step = max(1, len(ring) // 8)
            marks.append((len(ring), tuple(tuple(point[:2]) for point in ring[::step])))
    return tuple(marks)


_LAYERS: dict[tuple, ProjectedLayer] = {}
_LAYERS_LOCK = threading.Lock()
LAYERS_KEPT = 16


def _layer_for(areas: Sequence[MapArea], width: int, padding: int) -> ProjectedLayer:
    """The projected layer for these areas, from the cache of recent layers or freshly made."""
    key = (
        width,
        padding,
        tuple((area.code, area.label_point, _fingerprint(area.geometry)) for area in areas),
    )
    with _LAYERS_LOCK:
        layer = _LAYERS.get(key)
    if layer is None:
        layer = project_areas(areas, width=width, padding=padding)
        with _LAYERS_LOCK:
            _LAYERS[key] = layer
            while len(_LAYERS) > LAYERS_KEPT:
                del _LAYERS[next(iter(_LAYERS))]
    return layer


def _legend_layout(entries: Sequence[LegendEntry], width: int, padding: int) -> tuple[int, int]:
    """How many columns the legend takes and how wide each is."""
    widest = max(text_width(entry.label, LEGEND_SIZE) for entry in entries)
    column = int(LEGEND_SWATCH[0] + 8 + widest + 24)
    columns = max(1, min(len(entries), (width - 2 * padding) // column))
    return columns, column


def _halo_text(x: float, y: float, content: str, entry: LegendEntry, *, bold: bool) -> str:
    """Text in the entry's text colour over a band of its fill, readable across stripes and borders."""
    weight = "bold" if bold else ""
    halo = f' stroke="{entry.fill}" stroke-width="3" stroke-linejoin="round"'
    return text_element(
        x, y, content, size=LABEL_SIZE, anchor="middle", fill=entry.text_colour, weight=weight, extra=halo
    ) + text_element(x, y, content, size=LABEL_SIZE, anchor="middle", fill=entry.text_colour, weight=weight)


def _area_label(x: float, y: float, name: str, entry: LegendEntry) -> str:
    label = _halo_text(x, y, name, entry, bold=True)
    if entry.short_label:
        label += _halo_text(x, y + 14, entry.short_label, entry, bold=False)
    return label


def render_map(
    areas: Sequence[MapArea],
    legend: Sequence[LegendEntry],
    *,
    title: str,
    desc: str = "",
    no_data: LegendEntry = NO_DATA,
    legend_title: str = "",
    show_labels: bool = False,
    layer: ProjectedLayer | None = None,
    width: int = 640,
    padding: int = 8,
    area_heading: str = "Area",
    category_heading: str = "Level",
    chart_id: str | None = None,
) -> Chart:
    """A choropleth of `areas` coloured by `legend` (ordered as it should read), and its table.

    Each area is a <path> titled "Name: level" (a link when it has `href`); the legend is drawn
    below the map with its labels; `show_labels` writes each area's name (and its level's
    short label) on the map, for maps of a few large areas such as boroughs.
    """
    headers = (area_heading, category_heading)
    if not areas:
        return no_data_chart(
            kind="map", title=title, desc=desc, width=width, headers=headers, chart_id=chart_id
        )
    entries = {entry.key: entry for entry in legend}
    for area in areas:
        if area.category_key is not None and area.category_key not in entries:
            raise ValueError(f"Area {area.code} has category {area.category_key!r}, which the legend lacks.")
        if area.href and not area.href.startswith(SAFE_LINKS):
            raise ValueError(
                f"Area {area.code} links to {area.href!r}: a map links to a path or an https address."
            )
    layer = layer or _layer_for(areas, width, padding)
    cid = chart_id_for("map", title, chart_id)

    def entry_for(area: MapArea) -> LegendEntry:
        return no_data if area.category_key is None else entries[area.category_key]

    shown = [*legend, no_data] if any(area.category_key is None for area in areas) else list(legend)
    columns, column_width = _legend_layout(shown, layer.width, padding)
    legend_top = layer.height + 8 + (22 if legend_title else 0)
    height = legend_top + math.ceil(len(shown) / columns) * LEGEND_ROW + padding

    def fill_of(entry: LegendEntry, index: int) -> str:
        return f"url(#{cid}-hatch-{index})" if entry.hatch else entry.fill

    index_of = {entry.key: i for i, entry in enumerate(shown)}
    defs = "".join(
        pattern_def(f"{cid}-hatch-{i}", "stripes", entry.fill, entry.text_colour)
        for i, entry in enumerate(shown)
        if entry.hatch
    )
    out = [
        open_svg(
            width=layer.width,
            height=height,
            chart_id=cid,
            title=title,
            desc=desc,
            interactive=any(a.href for a in areas),
        )
    ]
    if defs:
        out.append(f"<defs>{defs}</defs>")
    out.append('<g stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">')
    rows = []
    for area in areas:
        entry = entry_for(area)
        said = area.label_text or entry.label
        name = f"{area.name}: {said}"
        path = (
            f'<path class="cg-map__area" d="{layer.paths[area.code]}" fill="{fill_of(entry, index_of[entry.key])}">'
            f"<title>{esc(name)}</title></path>"
        )
        out.append(f'<a href="{esc(area.href)}" aria-label="{esc(name)}">{path}</a>' if area.href else path)
        rows.append((area.name, said))
    out.append("</g>")
    if show_labels:
        out.append('<g aria-hidden="true" pointer-events="none">')
        for area in areas:
            if area.code in layer.label_points:
                out.append(_area_label(*layer.label_points[area.code], area.name, entry_for(area)))
        out.append("</g>")
    if legend_title:
        out.append(text_element(padding, layer.height + 22, legend_title, size=LEGEND_SIZE, weight="bold"))
    for i, entry in enumerate(shown):
        x = padding + (i % columns) * column_width
        y = legend_top + (i // columns) * LEGEND_ROW
        out.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{LEGEND_SWATCH[0]}" height="{LEGEND_SWATCH[1]}"'
            f' fill="{fill_of(entry, i)}" stroke="{SECONDARY_TEXT}"/>'
        )
        if show_labels and entry.short_label:
            out.append(_halo_text(x + LEGEND_SWATCH[0] / 2, y + 12, entry.short_label, entry, bold=False))
        out.append(
            text_element(
                x + LEGEND_SWATCH[0] + 8,
                y + 13,
                entry.label,
                size=LEGEND_SIZE,
                max_width=column_width - LEGEND_SWATCH[0] - 16,
            )
        )
    out.append("</svg>")
    table = ChartTable(caption=title, headers=headers, rows=tuple(rows))
    return Chart(svg="".join(out), table=table)
