from django.http import HttpRequest
from ninja import Query, Router, Schema

from commonground.api.auth import require_scope
from commonground.api.errors import ApiError
from commonground.core import queries
from commonground.core.models import AreaLevel
from commonground.core.models.api_tokens import ApiScope

router = Router(tags=["Areas"])


class AreaOut(Schema):
    code: str
    name: str
    level: AreaLevel
    parent_code: str | None
    population: int | None


class PopulationFigureOut(Schema):
    dimension: str
    category: str
    count: int
    source_table: str


class AreaDetailOut(AreaOut):
    population_figures: list[PopulationFigureOut]


class AreaFilters(Schema):
    level: AreaLevel | None = None
    parent: str | None = None


def _area_out(area) -> dict:
    return {
        "code": area.code,
        "name": area.name,
        "level": area.level,
        "parent_code": area.parent.code if area.parent else None,
        "population": area.population,
    }


@router.get("", response=list[AreaOut], summary="List areas with their ONS codes and populations")
def list_areas(request: HttpRequest, filters: Query[AreaFilters]):
    """Every area of the partnership (combined authority, boroughs, wards), or those of one level,
    or the children of one area. Needs the scope `areas:read`."""
    require_scope(request, ApiScope.AREAS_READ)
    if filters.parent and not queries.area_code_exists(filters.parent):
        raise ApiError(
            404, "unknown_area", "No area has that code", f"'{filters.parent}' is not a known area code."
        )
    return [_area_out(a) for a in queries.areas_for_api(level=filters.level, parent_code=filters.parent)]


@router.get("/{code}", response=AreaDetailOut, summary="One area with its Census 2021 figures")
def get_area(request: HttpRequest, code: str):
    require_scope(request, ApiScope.AREAS_READ)
    area = queries.area_for_api(code)
    if area is None:
        raise ApiError(404, "unknown_area", "No area has that code", f"'{code}' is not a known area code.")
    return {
        **_area_out(area),
        "population_figures": [
            {
                "dimension": f.dimension,
                "category": f.category,
                "count": f.count,
                "source_table": f.source_table,
            }
            for f in area.population_figures.all()
        ],
    }
