"""GET /api/v1/programme/assessments (scope `programme:read`): borough self-assessment levels for
the boroughs the token's agency serves, one row per dimension, a page at a time."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from commonground.api.auth import require_scope
from commonground.api.errors import INVALID_QUERY, UNAUTHENTICATED, ApiError, problem_responses
from commonground.api.routers.reports.schemas import PRINTABLE
from commonground.core.models.api_tokens import ApiScope
from commonground.programme.models import AssessmentStatus
from commonground.programme.queries.assessment_api import assessment_summaries, boroughs_covered_by_agency

router = Router(tags=["Programme monitoring"])

DEFAULT_PAGE = 100
LARGEST_PAGE = 500
# Far beyond any real partnership's rows; bounds the offset a caller may send.
LARGEST_OFFSET = 1_000_000


class AssessmentFilters(Schema):
    borough: str | None = Field(
        None, pattern=PRINTABLE, max_length=9, description="ONS code of one borough the token covers."
    )
    limit: int = Field(DEFAULT_PAGE, ge=1, le=LARGEST_PAGE, description="Rows per page.")
    offset: int = Field(0, ge=0, le=LARGEST_OFFSET, description="Rows to skip (0 for the first page).")


class AssessmentSummaryOut(Schema):
    borough_code: str = Field(..., description="ONS code of the borough.")
    period_start: date
    period_end: date
    dimension_key: str = Field(..., description="The dimension's key, stable across framework versions.")
    level: int = Field(..., ge=1, le=5, description="The level the borough gave itself (1 to 5).")
    moderated_level: int | None = Field(
        ..., ge=1, le=5, description="The moderated level; null until this score has been moderated."
    )
    status: AssessmentStatus = Field(..., description="draft, submitted or moderated.")


class AssessmentPageOut(Schema):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "count": 1,
                    "limit": 100,
                    "offset": 0,
                    "items": [
                        {
                            "borough_code": "E08000001",
                            "period_start": "2025-04-01",
                            "period_end": "2026-03-31",
                            "dimension_key": "understanding-and-engagement",
                            "level": 3,
                            "moderated_level": 2,
                            "status": "moderated",
                        }
                    ],
                }
            ]
        }
    }

    count: int = Field(..., description="Rows in all pages.")
    limit: int
    offset: int
    items: list[AssessmentSummaryOut] = Field(
        ..., description="By borough code, then period, then the framework's order of dimensions."
    )


@router.get(
    "/assessments",
    response=AssessmentPageOut,
    summary="Self-assessment levels for your boroughs",
    url_name="programme_assessments",
    operation_id="list_programme_assessments",
    openapi_extra={
        "responses": problem_responses(
            {
                401: UNAUTHENTICATED,
                403: "The token does not have the scope `programme:read` (`scope_missing`).",
                404: "`borough` is not a borough the token covers (`unknown_area`).",
                422: INVALID_QUERY,
            }
        )
    },
)
def list_assessments(request: HttpRequest, filters: Query[AssessmentFilters]):
    """Each dimension of each self-assessment of the boroughs the token's agency serves (a combined
    authority covers them all): the borough's own level and, once moderated, the moderated level.
    Levels only: no reasons, evidence or names. A page at a time (`limit`, `offset`). Needs the scope
    `programme:read`."""
    token = require_scope(request, ApiScope.PROGRAMME_READ)
    boroughs = boroughs_covered_by_agency(token.agency)
    if filters.borough:
        boroughs = [b for b in boroughs if b.code == filters.borough.upper()]
        if not boroughs:
            raise ApiError(404, "unknown_area", "No borough the token covers has that code")
    page = assessment_summaries(boroughs, limit=filters.limit, offset=filters.offset)
    return {"count": page.count, "limit": filters.limit, "offset": filters.offset, "items": page.rows}
