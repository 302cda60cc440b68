"""The operation: POST /api/v1/reports, stored once per idempotency key (see the package docstring)."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from commonground.api.auth import AgencyToken
from commonground.api.errors import PAYLOAD_TOO_LARGE, UNAUTHENTICATED, ApiError, problem_responses
from commonground.api.idempotency import IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY, create_once, idempotency_key
from commonground.api.inputs import area_with_code
from commonground.api.routers.reports.schemas import (
    ContactIn,
    LocationIn,
    ReportIn,
    ReportReceived,
)
from commonground.core import queries as core_queries
from commonground.core.models import ApiToken, Area, AreaLevel
from commonground.core.models.api_tokens import ApiScope
from commonground.core.places_files import normalise_postcode
from commonground.reports import notifications
from commonground.reports import queries as report_queries
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import (
    Channel,
)

router = Router(tags=["Reports"])

# --- The operation -----------------------------------------------------------------------------------

REPLAYED = {
    "description": "A retry with an Idempotency-Key already used, with the same report: the report made "
    "the first time, unchanged.",
    "headers": {"Idempotent-Replayed": {"description": "Always 'true'.", "schema": {"type": "string"}}},
}
PROBLEMS = {
    400: "The Idempotency-Key header is missing (`idempotency_key_missing`) or not 1 to 100 letters, "
    "digits, '.', '_', ':' or '-' (`idempotency_key_malformed`).",
    401: UNAUTHENTICATED,
    403: "The token does not have the scope `reports:write` (`scope_missing`), or no information sharing agreement in force covers what it sends (`no_sharing_agreement`).",
    409: "The Idempotency-Key was already used for a different report (`idempotency_key_reused`). "
    "Use a new key for a new report.",
    422: "The report is not valid (`invalid_request`, `unknown_area`, `ward_not_in_borough`, "
    "`unknown_postcode`, `unknown_strand`). Nothing was stored.",
    413: PAYLOAD_TOO_LARGE,
}


@router.post(
    "",
    response={201: ReportReceived, 200: ReportReceived},
    summary="Submit a report from a partner's reporting form",
    auth=AgencyToken(needs=ApiScope.REPORTS_WRITE),
    url_name="submit_report",
    operation_id="submit_report",
    openapi_extra={
        "parameters": [
            {
                "name": IDEMPOTENCY_HEADER,
                "in": "header",
                "required": True,
                "description": "A key the partner system chooses for this report (1 to 100 letters, digits, "
                "'.', '_', ':' or '-'; a UUID is ideal). Send the same key when retrying "
                "the same report: the report is made once. Keys are kept per agency.",
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 100,
                    "pattern": IDEMPOTENCY_KEY.pattern,
                },
                "example": "3f2b8c1e-8d7a-4b8e-9d0c-5a6f7e8d9c0b",
            }
        ],
        "responses": {
            201: {"description": "The report was stored and routed to its teams."},
            200: REPLAYED,
            **problem_responses(PROBLEMS),
        },
    },
)
def submit(request: HttpRequest, response: HttpResponse, payload: ReportIn):
    """Store a report from a partner system and route it to the teams that handle its kind in its
    borough. Needs the scope `reports:write` and an `Idempotency-Key` header.

    Answers 201 with the report's reference and the reporter's private status link. A retry with
    the same key and the same report answers 200 with the same reference and link and makes
    nothing new; the same key with a different report answers 409.

    Text is stored exactly as sent and is always shown escaped; control characters other than new
    lines and tabs are refused."""
    # The scope was checked before the body was read; django-ninja sets `auth`, unknown to the stubs.
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    key = idempotency_key(request)
    place = _place(payload.location)
    strand_codes = _strand_codes(payload.strands)
    contact = payload.contact or ContactIn.model_validate({})
    online = payload.location.online

    def create() -> tuple[int, dict]:
        submitted = submit_report(
            actor=None,
            answers=ReportAnswers(
                kind=payload.kind,
                description=payload.description,
                borough_code=place.borough.code if place.borough else "",
                ward_code=place.ward.code if place.ward else "",
                postcode=place.postcode,
                is_online=online is not None,
                online_platform=online.platform if online else "",
                online_link=online.link if online else "",
                happened_on=payload.happened_on,
                reporter_role=payload.reporter_role or "",
                strand_codes=strand_codes,
                reported_to_police=payload.reported_to_police or "",
                wants_support=payload.wants_support,
                tension_category=payload.tension_category or "",
                contact_name=contact.name,
                contact_email=contact.email,
                contact_phone=contact.phone,
                share_with=list(dict.fromkeys(payload.share_with)),
                urgent=payload.urgent,
            ),
            channel=Channel.API,
            language=payload.language,
            recorded_by_agency=token.agency,
            actor_label=f"API token {token.key_prefix} ({token.agency.name})",
        )
        report = submitted.report
        return 201, {
            "reference": report.reference,
            "status": report.status,
            "status_url": notifications.status_url(submitted.status_secret),
            "teams": report_queries.team_names_of(report),
            "triage_due_at": report.triage_due_at,
        }

    return create_once(
        request, response, operation="submit_report", key=key, payload=payload, what="report", create=create
    )


# --- Helpers ----------------------------------------------------------------------------------------


class _Place:
    def __init__(self, borough: Area | None = None, ward: Area | None = None, postcode: str = ""):
        self.borough, self.ward, self.postcode = borough, ward, postcode


def _place(location: LocationIn) -> _Place:
    if location.online is not None:
        return _Place()
    if location.postcode:
        postcode = normalise_postcode(location.postcode)
        ward = _ward_for_postcode(postcode) if postcode else None
        if postcode is None or ward is None:
            raise ApiError(
                422,
                "unknown_postcode",
                "That postcode is not in the partnership's area",
                f"'{postcode}' is not a known postcode here." if postcode else "That is not a UK postcode.",
            )
        return _Place(borough=ward.parent, ward=ward, postcode=postcode)
    borough = area_with_code(location.borough_code, AreaLevel.BOROUGH) if location.borough_code else None
    ward = area_with_code(location.ward_code, AreaLevel.WARD) if location.ward_code else None
    if ward is not None:
        if borough is not None and ward.parent_id != borough.pk:
            raise ApiError(
                422,
                "ward_not_in_borough",
                "That ward is not in that borough",
                f"{ward.code} ({ward.name}) is in {ward.parent}, not {borough.name}.",
            )
        borough = ward.parent
    return _Place(borough=borough, ward=ward)


def _ward_for_postcode(postcode: str) -> Area | None:
    return core_queries.ward_for_postcode(postcode)


def _strand_codes(codes: list[str]) -> list[str]:
    codes = list(dict.fromkeys(codes))
    known = {strand.code for strand in report_queries.active_strands()}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ApiError(
            422,
            "unknown_strand",
            "A strand is not one in use",
            f"Not known: {', '.join(unknown)}. Known strands: {', '.join(sorted(known))}.",
        )
    return codes
