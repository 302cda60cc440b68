"""GET /api/v1/events: the public #WeStandTogether calendar as open data, no token needed.
Published events only (and those cancelled after publication, marked `cancelled`), never a draft,
a page at a time."""

import re
from datetime import date, datetime
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from commonground.api.errors import INVALID_QUERY, ApiError, problem_responses
from commonground.api.routers.reports.schemas import PRINTABLE
from commonground.calendar.models import Event, EventKind
from commonground.calendar.queries import public as queries

router = Router(tags=["Events"])

DEFAULT_PAGE = 100
LARGEST_PAGE = 500
LARGEST_OFFSET = 1_000_000
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class EventFilters(Schema):
    borough: str | None = Field(None, pattern=PRINTABLE, max_length=9, description="ONS code of one borough.")
    kind: EventKind | None = Field(None, description="One kind of event.")
    from_: date | None = Field(
        None, alias="from", description="Events starting on or after this day (YYYY-MM-DD)."
    )
    to: date | None = Field(None, description="Events starting on or before this day (YYYY-MM-DD).")
    include_past: bool = Field(False, description="Include events that have ended (the archive).")
    limit: int = Field(DEFAULT_PAGE, ge=1, le=LARGEST_PAGE, description="Rows per page.")
    offset: int = Field(0, ge=0, le=LARGEST_OFFSET, description="Rows to skip (0 for the first page).")

    @field_validator("from_", "to", mode="before")
    @classmethod
    def a_day_as_written(cls, value):
        # Only YYYY-MM-DD: a number would otherwise be read as seconds since 1970.
        if value is not None and not (isinstance(value, str | date) and DAY.fullmatch(str(value))):
            raise ValueError("Enter the day as YYYY-MM-DD")
        return value


class EventLinks(Schema):
    page: str = Field(..., description="The event's public page.")
    ics: str = Field(..., description="The event as iCalendar, to add to a calendar.")


class EventOut(Schema):
    uid: UUID = Field(..., description="Stable: the iCalendar UID of the event.")
    title: str
    description: str
    kind: EventKind
    status: str = Field(..., description="published, or cancelled (kept so that calendars learn of it).")
    starts_at: datetime
    ends_at: datetime
    venue_name: str
    address: str
    postcode: str
    borough_code: str = Field(..., description="ONS code of the borough.")
    borough_name: str
    organiser: str = Field(..., description="The organisation running the event.")
    website: str
    booking_link: str
    accessibility: str
    is_free: bool
    cost: str
    sequence: int = Field(..., description="Goes up with each change (iCalendar SEQUENCE).")
    links: EventLinks


class EventPageOut(Schema):
    count: int = Field(..., description="Rows in all pages.")
    limit: int
    offset: int
    items: list[EventOut] = Field(..., description="By start, soonest first.")


def _out(event: Event) -> dict:
    return {
        "uid": event.uid,
        "title": event.title,
        "description": event.description,
        "kind": event.kind,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "venue_name": event.venue_name,
        "address": event.address,
        "postcode": event.postcode,
        "borough_code": event.borough.code,
        "borough_name": event.borough.name,
        "organiser": event.organiser,
        "website": event.website,
        "booking_link": event.booking_link,
        "accessibility": event.accessibility,
        "is_free": event.is_free,
        "cost": event.cost,
        "sequence": event.version,
        "links": {
            "page": reverse("calendar:event", args=[event.uid]),
            "ics": reverse("calendar:event-feed", args=[event.uid]),
        },
    }


@router.get(
    "",
    response=EventPageOut,
    auth=None,
    summary="Events on the #WeStandTogether calendar",
    url_name="list_events",
    operation_id="list_events",
    openapi_extra={
        "responses": problem_responses(
            {404: "`borough` is not the ONS code of a borough (`unknown_area`).", 422: INVALID_QUERY}
        )
    },
)
def list_events(request: HttpRequest, filters: Query[EventFilters]):
    """Published events, soonest first: those not yet over, or all with `include_past=true`;
    filtered by borough, kind and the days they start. Open data, no token needed."""
    borough = None
    if filters.borough:
        borough = queries.borough_by_code(filters.borough)
        if borough is None:
            raise ApiError(404, "unknown_area", "No borough has that code")
    page = queries.api_events(
        borough=borough,
        kind=filters.kind or "",
        from_day=filters.from_,
        to_day=filters.to,
        include_past=filters.include_past,
        limit=filters.limit,
        offset=filters.offset,
    )
    return {
        "count": page.count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_out(event) for event in page.rows],
    }
