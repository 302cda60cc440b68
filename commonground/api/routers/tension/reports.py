"""POST /api/v1/tension/reports: tension reports from partner systems."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema

from commonground.api.auth import AgencyToken
from commonground.api.errors import PAYLOAD_TOO_LARGE, UNAUTHENTICATED, ApiError
from commonground.api.idempotency import create_once, idempotency_key
from commonground.api.routers.reports.schemas import AreaCode, IsoDateTime, Text
from commonground.api.routers.tension import common
from commonground.core.models.api_tokens import ApiScope, ApiToken
from commonground.tension.actions.reports import CLOCK_SKEW, ReportDetails, submit_partner_tension_report
from commonground.tension.models import (
    HandlingCode,
    InformationAssessment,
    Marking,
    ReportCategory,
    SourceEvaluation,
    SourceType,
    TensionType,
)
from commonground.tension.queries import reports as report_queries

router = Router(tags=["Community tension"])

EXAMPLE_REPORT: dict[str, Any] = {
    "area_codes": ["E08000004", "E05014646"],
    "observed_at": "2026-03-14T21:30:00Z",
    "category": "graffiti",
    "tension_type": "evidenced",
    "description": "Anti-Muslim graffiti sprayed on the bus shelter opposite the mosque on Union Street; "
    "residents upset, some talk of a counter-protest.",
    "source_type": "neighbourhood_police",
    "source_evaluation": "1",
    "information_assessment": "A",
    "handling_code": "1",
    "marking": "official",
}


class TensionReportIn(Schema):
    """What a partner saw in an area. About places and communities: never name or describe individuals."""

    model_config = {"json_schema_extra": {"examples": [EXAMPLE_REPORT]}}

    area_codes: list[AreaCode] = Field(
        ...,
        min_length=1,
        max_length=common.MAX_AREAS,
        description="ONS codes of the boroughs and/or wards it concerns, e.g. E08000004 (Oldham). Any "
        "area of the partnership may be named.",
    )
    observed_at: IsoDateTime = Field(
        ...,
        description="When it was seen or heard (ISO 8601; without an offset it is taken as UK time). Not in "
        "the future.",
    )
    category: ReportCategory = Field(..., description="What it is about.")
    tension_type: TensionType = Field(
        TensionType.EVIDENCED, description="Evidenced (it happened), experienced (felt) or potential."
    )
    description: Text = Field(
        ...,
        min_length=1,
        max_length=10000,
        description="What was seen or heard, where, and how people are reacting. Stored exactly as given.",
    )
    source_type: SourceType = Field(..., description="Who saw or heard it.")
    source_evaluation: SourceEvaluation = Field(
        ..., description="3x5x2 source evaluation: 1 reliable, 2 untested, 3 not reliable."
    )
    information_assessment: InformationAssessment = Field(
        ...,
        description="3x5x2 information assessment: A known directly, B known indirectly and corroborated, "
        "C known indirectly, D not known, E suspected false.",
    )
    handling_code: HandlingCode = Field(
        HandlingCode.SHARE, description="1 may be shared with partners; 2 only with the conditions given."
    )
    handling_conditions: Text = Field(
        "", max_length=300, description="The conditions on sharing; required with handling code 2."
    )
    marking: Marking = Field(Marking.OFFICIAL, description="Government security classification.")


class TensionReportReceived(Schema):
    reference: str = Field(..., description="The report's reference to quote, e.g. TR-7KQ2M9.")
    area_codes: list[str] = Field(..., description="The areas it was recorded against.")
    submitted_at: datetime


REPORT_PROBLEMS = {
    400: common.KEY_PROBLEM,
    401: UNAUTHENTICATED,
    403: "The token does not have the scope `tension:write` (`scope_missing`), or no information sharing agreement in force covers what it sends (`no_sharing_agreement`).",
    409: "The Idempotency-Key was already used for a different report (`idempotency_key_reused`).",
    422: "The report is not valid (`invalid_request`, `unknown_area`, `observed_in_future`, "
    "`handling_conditions_required`). Nothing was stored.",
    413: PAYLOAD_TOO_LARGE,
}


@router.post(
    "/reports",
    response={201: TensionReportReceived, 200: TensionReportReceived},
    summary="Submit a community tension report",
    auth=AgencyToken(needs=ApiScope.TENSION_WRITE),
    url_name="submit_tension_report",
    operation_id="submit_tension_report",
    openapi_extra={
        "parameters": [common.idempotency_parameter("report")],
        "responses": common.responses("The report was stored for tension analysts.", REPORT_PROBLEMS),
    },
)
def submit_report(request: HttpRequest, response: HttpResponse, payload: TensionReportIn):
    """Record what a partner saw in one or more areas, for the partnership's tension analysts. Needs
    the scope `tension:write` and an `Idempotency-Key` header.

    Answers 201 with the report's reference. A retry with the same key and report answers 200 with
    the same reference; the same key with a different report answers 409."""
    # The scope was checked before the body was read; django-ninja sets `auth`, unknown to the stubs.
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    key = idempotency_key(request)
    areas = common.areas_for(payload.area_codes)
    observed_at = payload.observed_at
    if timezone.is_naive(observed_at):
        observed_at = timezone.make_aware(observed_at)
    if observed_at > timezone.now() + CLOCK_SKEW:
        raise ApiError(
            422,
            "observed_in_future",
            "observed_at is in the future",
            f"'{payload.observed_at.isoformat()}' is later than now; give when it was seen or heard.",
        )
    if (
        payload.handling_code == HandlingCode.SHARE_WITH_CONDITIONS
        and not payload.handling_conditions.strip()
    ):
        raise ApiError(
            422,
            "handling_conditions_required",
            "Handling code 2 needs its conditions",
            "Give handling_conditions: the conditions on sharing.",
        )
    details = ReportDetails(
        areas=areas,
        observed_at=observed_at,
        category=payload.category,
        tension_type=payload.tension_type,
        description=payload.description,
        source_type=payload.source_type,
        source_evaluation=payload.source_evaluation,
        information_assessment=payload.information_assessment,
        handling_code=payload.handling_code,
        handling_conditions=payload.handling_conditions,
        marking=payload.marking,
    )

    def create() -> tuple[int, dict]:
        try:
            report = submit_partner_tension_report(
                agency=token.agency, actor_label=common.actor_label(token), details=details
            )
        except DjangoValidationError as error:
            raise common.invalid("The report is not valid", error) from None
        return 201, {
            "reference": report.reference,
            "area_codes": report_queries.area_codes_of(report),
            "submitted_at": report.submitted_at,
        }

    return create_once(
        request,
        response,
        operation="submit_tension_report",
        key=key,
        payload=payload,
        what="report",
        create=create,
    )
