"""Maps of tension levels: the current (or as-of) level of each area, coloured on a choropleth of
the boroughs or the wards, with the rows of its accessible table.

Levels come only through `access.visible`: an area outside the reader's scope is drawn grey,
"not in your areas", whatever its level. An area in scope that has never been assessed is "Not
assessed". Area boundaries (reference data, loaded by `load_places`) are projected once per
process and kept (`_layer_for`): a request reads the areas' names and codes, never their
boundaries, once the layer is warm.
"""

import threading
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.charts import (
    Chart,
    LegendEntry,
    MapArea,
    ProjectedLayer,
    project_areas,
    render_map,
    sequential_legend,
)
from commonground.core.models import Area
from commonground.tension.models import TensionAssessment, TensionLevel

NOT_ASSESSED = LegendEntry(key="", label="Not assessed", fill="#f3f2f1", text_colour="#0b0c0c")
OUTSIDE_KEY = "outside"
OUTSIDE = LegendEntry(
    key=OUTSIDE_KEY, label="Not in your areas", fill="#b1b4b6", text_colour="#0b0c0c", hatch=True
)
MAP_WIDTH = 640


@dataclass(frozen=True)
class AreaOnMap:
    """One row of a map's table: an area, its latest assessment the reader may see (or None), and
    whether the area is in the reader's scope at all."""

    area: Area
    assessment: TensionAssessment | None
    in_scope: bool

    @property
    def level_text(self) -> str:
        if not self.in_scope:
            return OUTSIDE.label
        if self.assessment is None:
            return NOT_ASSESSED.label
        return f"{self.assessment.level.rank} {self.assessment.level.name}"


@dataclass(frozen=True)
class LevelMap:
    chart: Chart
    rows: list[AreaOnMap]
    caption: str

    @property
    def table_rows(self) -> list[tuple[str, str, str, str, str]]:
        """Each row of the map's table as text: area, its borough (for a ward), level, direction,
        week assessed. Plain strings, so a table of 200 wards renders quickly."""
        cells = []
        for row in self.rows:
            assessment = row.assessment
            week = ""
            if assessment is not None:
                week = f"{assessment.week_starting_on:%-d %b %Y}"
                week += " (ad hoc)" if assessment.kind == "ad_hoc" else ""
            cells.append(
                (
                    row.area.name,
                    row.area.parent.name if row.area.level == "ward" and row.area.parent else "",
                    row.level_text,
                    assessment.get_direction_display() if assessment is not None else "",
                    week,
                )
            )
        return cells


def tension_scale() -> list[TensionLevel]:
    """The partnership's scale, lowest first (reference data: not scoped)."""
    return list(TensionLevel.objects.order_by("rank"))


def latest_assessments(
    scope: Scope,
    areas: list[Area],
    *,
    on_or_before: date | None = None,
    within: QuerySet[Area] | None = None,
) -> dict[int, TensionAssessment]:
    """Area id → the assessment in force for each area the reader may see: the latest week, then the
    latest assessed (weekly or ad hoc). With `on_or_before`, as it stood for that week. Two queries."""
    areas = [area for area in areas if scope.covers_area(area)]
    if not areas:
        return {}
    candidates = TensionAssessment.objects.filter(area=OuterRef("pk"))
    if on_or_before is not None:
        candidates = candidates.filter(week_starting_on__lte=on_or_before)
    # The order of the `assessment_latest` index, so each probe stops at its first row.
    newest = candidates.order_by("-week_starting_on", "-assessed_at").values("pk")[:1]
    # Each area's newest assessment id, then only those the reader may see (by primary key).
    if within is None or not scope.covers_combined_authority:
        within = Area.objects.filter(pk__in=[area.pk for area in areas])
    ids = [
        pk
        for pk in within.order_by().annotate(newest=Subquery(newest)).values_list("newest", flat=True)
        if pk is not None
    ]
    if not ids:
        return {}
    assessments = access.visible(scope, TensionAssessment).filter(pk__in=ids).select_related("level")
    return {assessment.area_id: assessment for assessment in assessments}


# --- Boundaries, projected once per process -------------------------------------------------------

_LAYERS: dict[tuple, ProjectedLayer] = {}
_LOCK = threading.Lock()


def _layer_for(areas: list[Area], width: int) -> tuple[ProjectedLayer, set[str]]:
    """The projected layer of these areas and the codes it holds (areas without a boundary are left
    off the map, never off its table). Boundaries are read from the database only on first use."""
    key = (width, tuple(sorted(area.code for area in areas)))
    with _LOCK:
        layer = _LAYERS.get(key)
    if layer is None:
        rows = Area.objects.filter(code__in=key[1], boundary__isnull=False).values_list(
            "code", "name", "boundary", "label_longitude", "label_latitude"
        )
        shapes = [
            MapArea(
                code=code,
                name=name,
                geometry=boundary,
                category_key=None,
                label_point=(lon, lat) if lon is not None and lat is not None else None,
            )
            for code, name, boundary, lon, lat in rows
            if boundary and boundary.get("type") in {"Polygon", "MultiPolygon"}
        ]
        layer = project_areas(shapes, width=width)
        with _LOCK:
            _LAYERS[key] = layer
            while len(_LAYERS) > 32:
                del _LAYERS[next(iter(_LAYERS))]
    return layer, set(layer.paths)


def forget_projected_boundaries() -> None:
    """For tests, and after boundaries are loaded again."""
    with _LOCK:
        _LAYERS.clear()


def level_map(
    scope: Scope,
    areas: list[Area],
    *,
    title: str,
    scale: list[TensionLevel],
    on_or_before: date | None = None,
    href_for=None,
    show_labels: bool = False,
    chart_id: str | None = None,
    within: QuerySet[Area] | None = None,
) -> LevelMap:
    """A choropleth of the areas' levels and the rows of its table, in the areas' order."""
    latest = latest_assessments(scope, areas, on_or_before=on_or_before, within=within)
    rows = [
        AreaOnMap(area=area, assessment=latest.get(area.pk), in_scope=scope.covers_area(area))
        for area in areas
    ]
    # With no scale (an emptied database), nothing can have been assessed: the map shows no levels.
    legend = (
        list(sequential_legend([level.name for level in scale], keys=[str(lv.rank) for lv in scale]))
        if scale
        else []
    )
    if any(not row.in_scope for row in rows):
        legend.append(OUTSIDE)
    layer, drawn = _layer_for(areas, MAP_WIDTH)
    shapes = []
    for row in rows:
        if row.area.code not in drawn:
            continue
        if not row.in_scope:
            key, said = OUTSIDE_KEY, OUTSIDE.label
        elif row.assessment is None:
            key, said = None, NOT_ASSESSED.label
        else:
            key = str(row.assessment.level.rank)
            said = f"level {row.level_text}, {row.assessment.get_direction_display().lower()}"
        shapes.append(
            MapArea(
                code=row.area.code,
                name=row.area.name,
                geometry={},
                category_key=key,
                label_text=said,
                href=href_for(row.area) if href_for and row.in_scope else None,
            )
        )
    chart = render_map(
        shapes,
        legend,
        title=title,
        desc="Each area coloured by its current tension level. The table below gives the same levels.",
        no_data=NOT_ASSESSED,
        legend_title="Tension level",
        show_labels=show_labels,
        layer=layer,
        width=MAP_WIDTH,
        chart_id=chart_id,
    )
    return LevelMap(chart=chart, rows=rows, caption=title)
