from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from commonground.api.auth import require_scope
from commonground.api.errors import INVALID_QUERY, UNAUTHENTICATED, ApiError, problem_responses
from commonground.api.routers.reports.schemas import PRINTABLE
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
    parent: str | None = Field(None, pattern=PRINTABLE)


def _area_out(area) -> dict:
    return {
        "code": area.code,
        "name": area.name,
        "level": area.level,
        "parent_code": area.parent.code if area.parent else None,
        "population": area.population,
    }


NO_AREAS_SCOPE = "The token does not have the scope `areas:read` (`scope_missing`)."


@router.get(
    "",
    response=list[AreaOut],
    summary="List areas with their ONS codes and populations",
    operation_id="list_areas",
    openapi_extra={
        "responses": problem_responses(
            {
                401: UNAUTHENTICATED,
                403: NO_AREAS_SCOPE,
                404: "No area has the code given as `parent` (`unknown_area`).",
                422: INVALID_QUERY,
            }
        )
    },
)
def list_areas(request: HttpRequest, filters: Query[AreaFilters]):
    """Every area of the partnership (combined authority, boroughs, wards), or those of one level,
    or the children of one area. Needs the scope `areas:read`."""
    require_scope(request, ApiScope.AREAS_READ)
    if filters.parent and not queries.area_code_exists(filters.parent):
        raise ApiError(
            404, "unknown_area", "No area has that code", f"'{filters.parent}' is not a known area code."
        )
    return [_area_out(a) for a in queries.areas_for_api(level=filters.level, parent_code=filters.parent)]


@router.get(
    "/{code}",
    response=AreaDetailOut,
    summary="One area with its Census 2021 figures",
    operation_id="get_area",
    openapi_extra={
        "responses": problem_responses(
            {
                401: UNAUTHENTICATED,
                403: NO_AREAS_SCOPE,
                404: "No area has that code (`unknown_area`).",
                422: INVALID_QUERY,
            }
        )
    },
)
def get_area(request: HttpRequest, code: str = Path(..., pattern=PRINTABLE)):
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
            for f in queries.population_figures_of(area)
        ],
    }
