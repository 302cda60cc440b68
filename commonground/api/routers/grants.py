"""GET /api/v1/grants (open data, no token): the partnership's awarded community grants as records
of the 360Giving Data Standard, the same as the downloads at /grants/open-data/, a page at a time
and, if asked, of one round. Groups are named; people never are."""

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from commonground.api.errors import INVALID_QUERY, ApiError, problem_responses
from commonground.api.routers.reports.schemas import PRINTABLE
from commonground.grants.queries import open_data

router = Router(tags=["Community grants"])

DEFAULT_PAGE = 100
LARGEST_PAGE = 500
# Far beyond any real partnership's grants; bounds the offset a caller may send.
LARGEST_OFFSET = 1_000_000


class GrantFilters(Schema):
    round: str | None = Field(
        None,
        pattern=PRINTABLE,
        max_length=80,
        description="The grant programme's `code` (a round's short name): only that round's grants.",
    )
    limit: int = Field(DEFAULT_PAGE, ge=1, le=LARGEST_PAGE, description="Grants per page.")
    offset: int = Field(0, ge=0, le=LARGEST_OFFSET, description="Grants to skip (0 for the first page).")


# Field names are the standard's own (camelCase), so the records read as 360Giving data.
class OrganisationOut(Schema):
    id: str = Field(
        ..., description="An org-id.guide identifier: GB-CHC-, GB-SC-, GB-NIC-, GB-COH-, or 360G-."
    )
    name: str
    charityNumber: str | None = Field(None, description="Where the recipient is a registered charity.")
    companyNumber: str | None = Field(None, description="Where the recipient is a UK company.")


class PlannedDatesOut(Schema):
    startDate: str = Field(..., description="YYYY-MM-DD")
    endDate: str | None = Field(None, description="YYYY-MM-DD")


class LocationOut(Schema):
    name: str
    geoCode: str = Field(..., description="The borough's ONS (GSS) code.")
    geoCodeType: str = Field(..., description="LAD: a local authority district.")


class ProgrammeOut(Schema):
    code: str
    title: str


class GrantOut(Schema):
    id: str = Field(..., description="The publisher's 360Giving prefix, then the application's reference.")
    title: str
    description: str
    currency: str = Field(..., description="GBP")
    amountAwarded: float
    amountAppliedFor: float | None = None
    amountDisbursed: float | None = Field(None, description="Paid so far; absent until a payment is made.")
    awardDate: str = Field(..., description="YYYY-MM-DD")
    plannedDates: list[PlannedDatesOut] | None = None
    recipientOrganization: list[OrganisationOut]
    fundingOrganization: list[OrganisationOut]
    grantProgramme: list[ProgrammeOut]
    beneficiaryLocation: list[LocationOut] | None = None
    fromOpenCall: str = Field(..., description="Yes: every round is an open call.")
    dateModified: str = Field(..., description="A full date-time.")


class GrantPageOut(Schema):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "count": 1,
                    "limit": 100,
                    "offset": 0,
                    "items": [
                        {
                            "id": "360G-commonground-demo-CG-2026-0001",
                            "title": "Riverside street feast",
                            "description": "A shared meal on the street for neighbours of every faith.",
                            "currency": "GBP",
                            "amountAwarded": 1500,
                            "awardDate": "2026-03-02",
                            "recipientOrganization": [
                                {
                                    "id": "GB-CHC-1234567",
                                    "name": "Demo Riverside Community Association",
                                    "charityNumber": "1234567",
                                }
                            ],
                            "fundingOrganization": [
                                {
                                    "id": "360G-commonground-demo-partnership",
                                    "name": "Common Ground partnership",
                                }
                            ],
                            "grantProgramme": [
                                {"code": "community-events-2026", "title": "Community events 2026"}
                            ],
                            "beneficiaryLocation": [
                                {"name": "Bolton", "geoCode": "E08000001", "geoCodeType": "LAD"}
                            ],
                            "fromOpenCall": "Yes",
                            "dateModified": "2026-03-02T10:00:00+00:00",
                        }
                    ],
                }
            ]
        }
    }

    count: int = Field(..., description="Grants in all pages.")
    limit: int
    offset: int
    items: list[GrantOut] = Field(..., description="Earliest award first.")


@router.get(
    "",
    response=GrantPageOut,
    auth=None,
    exclude_none=True,
    summary="Awarded community grants (360Giving)",
    url_name="list_grants",
    operation_id="list_grants",
    openapi_extra={
        "responses": problem_responses(
            {404: "No round with awarded grants has that code (`not_found`).", 422: INVALID_QUERY}
        )
    },
)
def list_grants(request: HttpRequest, filters: Query[GrantFilters]):
    """Open data, no token needed. Every grant the partnership has awarded, as a record of the
    360Giving Data Standard (the same as the JSON and CSV downloads at /grants/open-data/): the
    recipient group, the amounts, the award date, the event's planned dates, the borough and the
    round. Only awarded grants; no person is ever named. A page at a time (`limit`, `offset`);
    `round` for one round's grants."""
    grant_round = None
    if filters.round:
        try:
            grant_round = open_data.round_with_awards_or_404(filters.round)
        except Http404:
            raise ApiError(
                404, "not_found", "No such round", "No round with awarded grants has that code."
            ) from None
    page = open_data.published_grants(grant_round=grant_round, limit=filters.limit, offset=filters.offset)
    return {"count": page.count, "limit": filters.limit, "offset": filters.offset, "items": page.records}
