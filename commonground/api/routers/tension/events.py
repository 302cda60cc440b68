"""POST /api/v1/tension/trigger-events: trigger events from partner systems."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from commonground.api.auth import AgencyToken
from commonground.api.errors import PAYLOAD_TOO_LARGE, UNAUTHENTICATED, ApiError
from commonground.api.idempotency import create_once, idempotency_key
from commonground.api.routers.reports.schemas import AreaCode, IsoDate, Text
from commonground.api.routers.tension import common
from commonground.core.models.api_tokens import ApiScope, ApiToken
from commonground.tension.actions.events import TriggerEventDetails, record_partner_trigger_event
from commonground.tension.models import (
    ExpectedImpact,
    TriggerEventKind,
    TriggerEventReach,
)
from commonground.tension.queries import events as event_queries

router = Router(tags=["Community tension"])

EXAMPLE_EVENT: dict[str, Any] = {
    "title": "Anniversary of the Manchester Arena attack",
    "kind": "anniversary",
    "reach": "national",
    "starts_on": "2026-05-22",
    "ends_on": "2026-05-23",
    "expected_impact": "medium",
    "area_codes": [],
    "description": "Vigils expected in the city centre; far-right accounts online are calling for a march.",
}


class TriggerEventIn(Schema):
    """An event that may raise tension. Local events name the areas likely affected; national and
    international events may name none (they may affect everywhere)."""

    model_config = {"json_schema_extra": {"examples": [EXAMPLE_EVENT]}}

    title: Text = Field(..., min_length=1, max_length=200)
    kind: TriggerEventKind
    reach: TriggerEventReach
    starts_on: IsoDate = Field(..., description="May be in the future (a planned march, an anniversary).")
    ends_on: IsoDate | None = Field(None, description="Not before starts_on; leave out for a one-day event.")
    expected_impact: ExpectedImpact
    area_codes: list[AreaCode] = Field(
        default_factory=list,
        max_length=common.MAX_AREAS,
        description="ONS codes of the boroughs and/or wards likely to be affected; required for a local event.",
    )
    description: Text = Field("", max_length=5000)


class TriggerEventRecorded(Schema):
    id: int = Field(..., description="The event's number in Common Ground.")
    title: str
    starts_on: date
    ends_on: date | None
    area_codes: list[str]


EVENT_PROBLEMS = {
    400: common.KEY_PROBLEM,
    401: UNAUTHENTICATED,
    403: "The token does not have the scope `tension:write` (`scope_missing`), or no information sharing agreement in force covers what it sends (`no_sharing_agreement`).",
    409: "The Idempotency-Key was already used for a different event (`idempotency_key_reused`).",
    422: "The event is not valid (`invalid_request`, `unknown_area`, `ends_before_start`, "
    "`areas_required`). Nothing was stored.",
    413: PAYLOAD_TOO_LARGE,
}


@router.post(
    "/trigger-events",
    response={201: TriggerEventRecorded, 200: TriggerEventRecorded},
    summary="Record a trigger event",
    auth=AgencyToken(needs=ApiScope.TENSION_WRITE),
    url_name="record_trigger_event",
    operation_id="record_trigger_event",
    openapi_extra={
        "parameters": [common.idempotency_parameter("event")],
        "responses": common.responses("The event was recorded.", EVENT_PROBLEMS),
    },
)
def record_event(request: HttpRequest, response: HttpResponse, payload: TriggerEventIn):
    """Log a local, national or international event that may raise tension. Needs the scope
    `tension:write` and an `Idempotency-Key` header."""
    # The scope was checked before the body was read; django-ninja sets `auth`, unknown to the stubs.
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    key = idempotency_key(request)
    areas = common.areas_for(payload.area_codes)
    if payload.ends_on is not None and payload.ends_on < payload.starts_on:
        raise ApiError(
            422, "ends_before_start", "ends_on is before starts_on", "An event cannot end before it starts."
        )
    if payload.reach == TriggerEventReach.LOCAL and not areas:
        raise ApiError(
            422,
            "areas_required",
            "A local event needs the areas likely to be affected",
            "Give area_codes: the boroughs and/or wards likely to be affected.",
        )
    details = TriggerEventDetails(
        title=payload.title,
        kind=payload.kind,
        reach=payload.reach,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        expected_impact=payload.expected_impact,
        areas=areas,
        description=payload.description,
    )

    def create() -> tuple[int, dict]:
        try:
            event = record_partner_trigger_event(
                agency=token.agency, actor_label=common.actor_label(token), details=details
            )
        except DjangoValidationError as error:
            raise common.invalid("The event is not valid", error) from None
        return 201, {
            "id": event.pk,
            "title": event.title,
            "starts_on": event.starts_on,
            "ends_on": event.ends_on,
            "area_codes": event_queries.area_codes_of(event),
        }

    return create_once(
        request,
        response,
        operation="record_trigger_event",
        key=key,
        payload=payload,
        what="event",
        create=create,
    )
