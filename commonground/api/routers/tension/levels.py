"""GET /api/v1/tension/levels: current tension levels for the areas a token covers."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from commonground.api.auth import require_scope
from commonground.api.errors import UNAUTHENTICATED, problem_responses
from commonground.core.models import AreaLevel
from commonground.core.models.api_tokens import ApiScope
from commonground.tension.models import (
    Direction,
)
from commonground.tension.queries.levels import areas_covered_by_agency, current_levels

router = Router(tags=["Community tension"])


class AreaLevelOut(Schema):
    area_code: str = Field(..., description="ONS code of the borough or ward.")
    area_name: str
    area_level: AreaLevel = Field(..., description="'borough' or 'ward'.")
    level_rank: int | None = Field(
        ...,
        description="Rank on the partnership's tension scale (1 = normal, higher is more tension); "
        "null if the area has never been assessed.",
    )
    level_name: str | None = Field(..., description="The level's name on the scale, e.g. 'Elevated'.")
    direction: Direction | None = Field(..., description="rising, stable or falling.")
    week_starting_on: date | None = Field(..., description="The Monday of the week assessed.")
    assessed_at: datetime | None


class LevelsOut(Schema):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "areas": [
                        {
                            "area_code": "E08000004",
                            "area_name": "Oldham",
                            "area_level": "borough",
                            "level_rank": 5,
                            "level_name": "High",
                            "direction": "rising",
                            "week_starting_on": "2026-03-09",
                            "assessed_at": "2026-03-14T16:05:00Z",
                        },
                        {
                            "area_code": "E05014646",
                            "area_name": "Alexandra",
                            "area_level": "ward",
                            "level_rank": None,
                            "level_name": None,
                            "direction": None,
                            "week_starting_on": None,
                            "assessed_at": None,
                        },
                    ]
                }
            ]
        }
    }

    areas: list[AreaLevelOut] = Field(..., description="Boroughs first, then wards, each by name.")


@router.get(
    "/levels",
    response=LevelsOut,
    summary="Current tension levels for your areas",
    url_name="tension_levels",
    operation_id="get_tension_levels",
    openapi_extra={
        "responses": problem_responses(
            {
                401: UNAUTHENTICATED,
                403: "The token does not have the scope `tension:read` (`scope_missing`).",
            }
        )
    },
)
def levels(request: HttpRequest):
    """The current tension level of each borough and ward the token's agency serves: the assessment
    of the latest week, the latest made breaking ties (weekly or ad hoc after a trigger event).
    Areas never assessed are listed with a null level. Needs the scope `tension:read`."""
    token = require_scope(request, ApiScope.TENSION_READ)
    return {"areas": current_levels(areas_covered_by_agency(token.agency))}
