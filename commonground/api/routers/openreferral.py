"""Open Referral UK: the directories of hate crime reporting centres and community meeting spaces as
open data (no token), in the shape of Open Referral UK 3.0, the UK profile of HSDS 3.0.

GET /services, /services/{id}, /organizations, /organizations/{id}, /locations and
/service_at_locations list only the entries shown to the public (published, and their latest audit
meets the partnership's standard). Lists are paged with HSDS's header (`total_items`, `total_pages`,
`page_number`, `size`, `first_page`, `last_page`, `empty`, then `content`). Filters: `kind`,
`borough` (an ONS code) and `postcode` (nearest first, from the ONS Postcode Directory); empty
optional fields are left out. The shaping is in `directory/open_referral.py`.
"""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from commonground.api.errors import INVALID_QUERY, ApiError, problem_responses
from commonground.api.routers.reports.schemas import PRINTABLE
from commonground.directory import open_referral as oruk
from commonground.directory.models import EntryKind
from commonground.directory.postcodes import Typed, read_postcode
from commonground.directory.presentation import entry_url
from commonground.directory.queries import finder as finder_queries
from commonground.directory.queries import open_referral as queries

router = Router(tags=["Open Referral UK (reporting centres and meeting spaces)"], exclude_none=True)

DEFAULT_PAGE = 50
LARGEST_PAGE = 200
LARGEST_PAGE_NUMBER = 100_000
POSTCODE_PATTERN = r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"
UNKNOWN_POSTCODE = "`postcode` is not in the postcode directory the service holds (`unknown_postcode`)."
NOT_FOUND = "No service shown to the public has that id (`not_found`)."

# --- Schemas: HSDS 3.0 objects, the fields this service fills --------------------------------------


class PhoneOut(Schema):
    id: str = Field(..., description="UUID.")
    service_id: str
    number: str
    type: str = Field(..., description="RFC 6350 type: voice.")


class LanguageOut(Schema):
    id: str
    service_id: str
    name: str
    code: str = Field(..., description="ISO 639-1 or ISO 639-3 code.")


class ScheduleOut(Schema):
    id: str
    service_id: str
    freq: str = Field(..., description="WEEKLY.")
    wkst: str
    byday: str = Field(..., description="iCal day: MO, TU, WE, TH, FR, SA or SU.")
    opens_at: str = Field(..., description="HH:MM in UK time with today's offset from UTC, e.g. 09:00+01:00.")
    closes_at: str
    timezone: float = Field(..., description="Today's offset of UK time from UTC, in hours.")
    description: str
    notes: str | None = None


class ServiceAreaOut(Schema):
    id: str
    service_id: str
    name: str = Field(..., description="The borough.")
    uri: str = Field(..., description="The borough's ONS statistical geography URI.")


class AddressOut(Schema):
    id: str
    location_id: str
    address_1: str
    address_2: str | None = None
    city: str
    region: str | None = None
    state_province: str
    postal_code: str
    country: str = Field(..., description="ISO 3166-1 code: GB.")
    address_type: str = Field(..., description="physical.")


class AccessibilityOut(Schema):
    id: str
    location_id: str
    description: str


class LocationOut(Schema):
    id: str
    location_type: str = Field(..., description="physical.")
    organization_id: str
    name: str
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[AddressOut]
    accessibility: list[AccessibilityOut]


class ServiceAtLocationOut(Schema):
    id: str
    service_id: str
    location_id: str
    location: LocationOut


class OrganizationOut(Schema):
    id: str = Field(..., description="UUID (version 5) of the organisation's name.")
    name: str
    description: str


class AttributeOut(Schema):
    id: str
    link_id: str
    link_type: str
    link_entity: str
    value: str = Field(..., description="reporting_centre or meeting_space.")
    label: str


class ServiceOut(Schema):
    id: str = Field(..., description="UUID.")
    organization_id: str
    name: str
    description: str | None = None
    url: str = Field(..., description="The service's page in the public finder.")
    email: str | None = None
    status: str = Field(..., description="active: only services shown to the public are listed.")
    fees_description: str | None = None
    assured_date: date | None = Field(None, description="When the partnership last audited the place.")
    last_modified: str
    organization: OrganizationOut
    phones: list[PhoneOut]
    languages: list[LanguageOut]
    service_areas: list[ServiceAreaOut]
    schedules: list[ScheduleOut]
    service_at_locations: list[ServiceAtLocationOut]
    attributes: list[AttributeOut]


class PageHeader(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int = Field(..., description="The page size asked for (`per_page`).")
    first_page: bool
    last_page: bool
    empty: bool


class ServicePageOut(PageHeader):
    content: list[ServiceOut]


class OrganizationPageOut(PageHeader):
    content: list[OrganizationOut]


class LocationPageOut(PageHeader):
    content: list[LocationOut]


class ServiceAtLocationPageOut(PageHeader):
    content: list[ServiceAtLocationOut]


class Paging(Schema):
    page: int = Field(1, ge=1, le=LARGEST_PAGE_NUMBER, description="Page number, from 1.")
    per_page: int = Field(DEFAULT_PAGE, ge=1, le=LARGEST_PAGE, description="Items per page.")


class EntryFilters(Paging):
    kind: EntryKind | None = Field(None, description="reporting_centre or meeting_space; both when left out.")
    borough: str | None = Field(
        None, pattern=r"^[A-Za-z][0-9]{8}$", description="ONS code of a borough, e.g. E08000001."
    )
    postcode: str | None = Field(
        None, pattern=POSTCODE_PATTERN, max_length=8, description="A UK postcode: nearest first from it."
    )


class ServiceFilters(EntryFilters):
    organization_id: str | None = Field(
        None, pattern=PRINTABLE, max_length=36, description="Only this organisation's services."
    )


# --- Operations ------------------------------------------------------------------------------------


def _entries(filters: EntryFilters, organisation_names: list[str] | None = None) -> queries.EntriesPage:
    point = None
    if filters.postcode:
        typed = read_postcode(filters.postcode)
        point = finder_queries.postcode_point(typed.postcode) if typed.typed is Typed.WELL_FORMED else None
        if point is None:
            raise ApiError(
                404, "unknown_postcode", "Unknown postcode", "No position is held for that postcode."
            )
    return queries.entries_page(
        kind=filters.kind,
        borough_code=(filters.borough or "").upper(),
        point=point,
        organisation_names=organisation_names,
        page=filters.page,
        per_page=filters.per_page,
    )


def _service(request: HttpRequest, entry, region: str) -> dict:
    return oruk.service(
        entry, url=request.build_absolute_uri(entry_url(entry)), region=region, moment=timezone.now()
    )


LIST_REFUSALS = problem_responses({404: UNKNOWN_POSTCODE, 422: INVALID_QUERY})


@router.get(
    "/services",
    response=ServicePageOut,
    auth=None,
    summary="Reporting centres and meeting spaces, as services",
    operation_id="list_openreferral_services",
    url_name="list_openreferral_services",
    openapi_extra={"responses": LIST_REFUSALS},
)
def list_services(request: HttpRequest, filters: Query[ServiceFilters]):
    """Open data, no token needed. Each service with its organisation, phones, languages, borough,
    weekly schedules and its location. By organisation name, or nearest first from `postcode`."""
    names = None
    if filters.organization_id:
        names = [
            n for n in queries.organisation_names() if oruk.organisation_id(n) == filters.organization_id
        ]
    found = _entries(filters, names)
    region = queries.region_name()
    content = [_service(request, entry, region) for entry in found.entries]
    return oruk.page(content, total=found.total, page_number=filters.page, per_page=filters.per_page)


@router.get(
    "/services/{id}",
    response=ServiceOut,
    auth=None,
    summary="One service",
    operation_id="get_openreferral_service",
    url_name="get_openreferral_service",
    openapi_extra={"responses": problem_responses({404: NOT_FOUND, 422: INVALID_QUERY})},
)
def get_service(request: HttpRequest, id: str = Path(..., pattern=PRINTABLE, max_length=64)):
    """Open data, no token needed. A service shown to the public, by its id."""
    entry_id = oruk.entry_id_from("service", id)
    entry = queries.entry(entry_id) if entry_id is not None else None
    if entry is None:
        raise ApiError(404, "not_found", "No such service", "No service shown to the public has that id.")
    return _service(request, entry, queries.region_name())


@router.get(
    "/organizations",
    response=OrganizationPageOut,
    auth=None,
    summary="The organisations that run the places",
    operation_id="list_openreferral_organizations",
    url_name="list_openreferral_organizations",
    openapi_extra={"responses": problem_responses({422: INVALID_QUERY})},
)
def list_organizations(request: HttpRequest, filters: Query[Paging]):
    """Open data, no token needed. Each organisation with a place shown to the public, by name."""
    names = queries.organisation_names()
    start = (filters.page - 1) * filters.per_page
    content = [oruk.organisation(name) for name in names[start : start + filters.per_page]]
    return oruk.page(content, total=len(names), page_number=filters.page, per_page=filters.per_page)


@router.get(
    "/organizations/{id}",
    response=OrganizationOut,
    auth=None,
    summary="One organisation",
    operation_id="get_openreferral_organization",
    url_name="get_openreferral_organization",
    openapi_extra={
        "responses": problem_responses(
            {
                404: "No organisation with a place shown to the public has that id (`not_found`).",
                422: INVALID_QUERY,
            }
        )
    },
)
def get_organization(request: HttpRequest, id: str = Path(..., pattern=PRINTABLE, max_length=64)):
    """Open data, no token needed. An organisation with a place shown to the public, by its id."""
    for name in queries.organisation_names():
        if oruk.organisation_id(name) == id.lower():
            return oruk.organisation(name)
    raise ApiError(
        404, "not_found", "No such organisation", "No organisation with a public place has that id."
    )


@router.get(
    "/locations",
    response=LocationPageOut,
    auth=None,
    summary="Where the places are",
    operation_id="list_openreferral_locations",
    url_name="list_openreferral_locations",
    openapi_extra={"responses": LIST_REFUSALS},
)
def list_locations(request: HttpRequest, filters: Query[EntryFilters]):
    """Open data, no token needed. Each place's address, position and accessibility."""
    found = _entries(filters)
    region = queries.region_name()
    content = [oruk.location(entry, region) for entry in found.entries]
    return oruk.page(content, total=found.total, page_number=filters.page, per_page=filters.per_page)


@router.get(
    "/service_at_locations",
    response=ServiceAtLocationPageOut,
    auth=None,
    summary="Each service at its location",
    operation_id="list_openreferral_service_at_locations",
    url_name="list_openreferral_service_at_locations",
    openapi_extra={"responses": LIST_REFUSALS},
)
def list_service_at_locations(request: HttpRequest, filters: Query[EntryFilters]):
    """Open data, no token needed. Each service at its location, with the location."""
    found = _entries(filters)
    region = queries.region_name()
    content = [oruk.service_at_location(entry, region) for entry in found.entries]
    return oruk.page(content, total=found.total, page_number=filters.page, per_page=filters.per_page)
