"""The finder's map: borough boundaries with numbered markers matching the numbered list (no Django).

The boundaries are drawn by core.charts.maps.project_areas; the markers use the same projection
(longitude scaled by the cosine of the map's middle latitude), worked out here from the same
boundaries, so a marker sits where its place is. The map's table (number, name, where) is its text
alternative, and every marker is a link to the place's page named by its number and name.
"""

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from commonground.core.charts.maps import MapArea, project_areas
from commonground.core.charts.svg import Chart, ChartTable, chart_id_for, esc, num, open_svg
from commonground.core.charts.svg import text as text_element

MARKER_RADIUS = 11
MARKER_FILL = "#1d70b8"  # GOV.UK blue: white text on it passes AA (5.2:1)
BOROUGH_FILL = "#f3f2f1"
CHOSEN_FILL = "#d2e2f1"
SAFE_LINKS = ("/", "https://", "#")


@dataclass(frozen=True)
class Marker:
    number: int
    name: str
    latitude: float
    longitude: float
    said: str = ""  # what the table says of it: its distance, or its borough
    href: str | None = None


@dataclass(frozen=True)
class Headings:
    number: str = "Number"
    name: str = "Place"
    said: str = "Distance"
    you: str = "Your postcode"


def _rings(area: MapArea) -> list:
    kind, coordinates = area.geometry.get("type"), area.geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else list(coordinates)
    return [ring for polygon in polygons for ring in polygon]


def _projection(
    areas: Sequence[MapArea], width: int, padding: int
) -> Callable[[float, float], tuple[float, float]] | None:
    """The function project_areas uses for these areas, from longitude and latitude to pixels."""
    points = [(point[0], point[1]) for area in areas for ring in _rings(area) for point in ring]
    if not points:
        return None
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    west, north = min(lons) * squeeze, max(lats)
    scale = (width - 2 * padding) / max(max(lons) * squeeze - west, 1e-9)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return padding + (lon * squeeze - west) * scale, padding + (north - lat) * scale

    return project


_LAYERS: dict[tuple, tuple] = {}
_LAYERS_LOCK = threading.Lock()
LAYERS_KEPT = 8


def _fingerprint(area: MapArea) -> tuple:
    """The area's code and, for each ring, its size and a few of its points: different for any
    redrawn boundary, and cheap (the boundaries are read-only reference data)."""
    return (
        area.code,
        tuple(
            (len(ring), tuple(tuple(p[:2]) for p in ring[:: max(1, len(ring) // 8)])) for ring in _rings(area)
        ),
    )


def _projected(areas: Sequence[MapArea], width: int, padding: int):
    """The projection and the projected boundaries, kept for the last few sets of areas: projecting
    and simplifying the boundaries is most of the time a map takes to draw."""
    key = (width, padding, tuple(_fingerprint(area) for area in areas))
    with _LAYERS_LOCK:
        found = _LAYERS.get(key)
    if found is None:
        found = (_projection(areas, width, padding), project_areas(areas, width=width, padding=padding))
        with _LAYERS_LOCK:
            _LAYERS[key] = found
            while len(_LAYERS) > LAYERS_KEPT:
                del _LAYERS[next(iter(_LAYERS))]
    return found


def finder_map(
    boroughs: Sequence[MapArea],
    markers: Sequence[Marker],
    *,
    title: str,
    desc: str,
    searched_at: tuple[float, float] | None = None,  # (latitude, longitude) of the postcode searched
    chosen_borough: str | None = None,
    headings: Headings = Headings(),
    width: int = 640,
    padding: int = 14,
    chart_id: str | None = None,
) -> Chart:
    """The boroughs in grey (the chosen one tinted), a numbered marker per place, a cross where the
    person searched; the table lists each marker's number, name and distance or borough."""
    cid = chart_id_for("finder-map", title, chart_id)
    rows = tuple((str(m.number), m.name, m.said) for m in markers)
    table = ChartTable(caption=title, headers=(headings.number, headings.name, headings.said), rows=rows)
    project, layer = _projected(boroughs, width, padding)
    height = max(layer.height, 2 * padding + 40)
    interactive = any(m.href for m in markers)
    out = [
        open_svg(width=width, height=height, chart_id=cid, title=title, desc=desc, interactive=interactive)
    ]
    out.append('<g stroke="#505a5f" stroke-width="0.8" stroke-linejoin="round" fill-rule="evenodd">')
    for area in boroughs:
        fill = CHOSEN_FILL if area.code == chosen_borough else BOROUGH_FILL
        out.append(
            f'<path d="{layer.paths.get(area.code, "")}" fill="{fill}"><title>{esc(area.name)}</title></path>'
        )
    out.append("</g>")
    if project is not None:
        out.append('<g aria-hidden="true" pointer-events="none">')
        for area in boroughs:
            if area.code in layer.label_points:
                x, y = layer.label_points[area.code]
                out.append(text_element(x, y, area.name, size=12, anchor="middle", fill="#505a5f"))
        out.append("</g>")

        def place(lat: float, lon: float) -> tuple[float, float]:
            x, y = project(lon, lat)
            inset = MARKER_RADIUS + 1
            return min(max(x, inset), width - inset), min(max(y, inset), height - inset)

        if searched_at is not None:
            x, y = place(*searched_at)
            out.append(
                f'<g role="img" aria-label="{esc(headings.you)}"><title>{esc(headings.you)}</title>'
                f'<path d="M{num(x - 7)},{num(y - 7)}L{num(x + 7)},{num(y + 7)}M{num(x - 7)},{num(y + 7)}'
                f'L{num(x + 7)},{num(y - 7)}" stroke="#0b0c0c" stroke-width="3.5"/></g>'
            )
        # Drawn last first, so that number 1 is on top where markers overlap.
        for marker in reversed(markers):
            if marker.href and not marker.href.startswith(SAFE_LINKS):
                raise ValueError(f"Marker {marker.number} links to {marker.href!r}: only paths and https.")
            x, y = place(marker.latitude, marker.longitude)
            name = f"{marker.number}. {marker.name}" + (f": {marker.said}" if marker.said else "")
            shape = (
                f'<circle cx="{num(x)}" cy="{num(y)}" r="{MARKER_RADIUS}" fill="{MARKER_FILL}" stroke="#ffffff"'
                f' stroke-width="2"><title>{esc(name)}</title></circle>'
                + text_element(
                    x, y + 4.5, str(marker.number), size=12, anchor="middle", fill="#ffffff", weight="bold"
                )
            )
            if marker.href:
                out.append(f'<a href="{esc(marker.href)}" aria-label="{esc(name)}">{shape}</a>')
            else:
                out.append(f'<g role="img" aria-label="{esc(name)}">{shape}</g>')
    out.append("</svg>")
    return Chart(svg="".join(out), table=table)
