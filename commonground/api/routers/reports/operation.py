"""The operation: POST /api/v1/reports, stored once per idempotency key (see the package docstring)."""

import hashlib

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from commonground.api.auth import AgencyToken
from commonground.api.errors import PAYLOAD_TOO_LARGE, ApiError
from commonground.api.routers.reports.schemas import (
    IDEMPOTENCY_HEADER,
    IDEMPOTENCY_KEY,
    SUBMISSION_KEY_MAX,
    ContactIn,
    LocationIn,
    Problem,
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
    401: "No valid token (`token_missing`, `token_malformed`, `token_invalid`, `token_revoked`, "
    "`token_expired`).",
    403: "The token does not have the scope `reports:write` (`scope_missing`).",
    409: "The Idempotency-Key was already used for a different report (`idempotency_key_reused`). "
    "Use a new key for a new report.",
    422: "The report is not valid (`invalid_request`, `unknown_area`, `ward_not_in_borough`, "
    "`unknown_postcode`, `unknown_strand`). Nothing was stored.",
    413: PAYLOAD_TOO_LARGE,
    503: "The service is unavailable (`service_unavailable`). Nothing was saved; retry with the same key.",
}


@router.post(
    "",
    response={201: ReportReceived, 200: ReportReceived},
    summary="Submit a report from a partner's reporting form",
    auth=AgencyToken(needs=ApiScope.REPORTS_WRITE),
    url_name="submit_report",
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
            **{
                code: {
                    "description": text,
                    "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
                }
                for code, text in PROBLEMS.items()
            },
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
    key = _idempotency_key(request)
    place = _place(payload.location)
    strand_codes = _strand_codes(payload.strands)
    contact = payload.contact or ContactIn.model_validate({})
    online = payload.location.online

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
        submission_key=_submission_key(token, key),
        language=payload.language,
        recorded_by_agency=token.agency,
        actor_label=f"API token {token.key_prefix} ({token.agency.name})",
    )
    report = submitted.report
    if not submitted.created:
        if (report.kind, report.description, report.borough_id) != (
            payload.kind,
            payload.description,
            place.borough.pk if place.borough else None,
        ):
            raise ApiError(
                409,
                "idempotency_key_reused",
                "That Idempotency-Key was used for a different report",
                "Each report needs its own key. Send the same key only when retrying the same report.",
            )
        response["Idempotent-Replayed"] = "true"
    body = {
        "reference": report.reference,
        "status": report.status,
        "status_url": notifications.status_url(submitted.status_secret),
        "teams": [team.name for team in report.teams.all()],
        "triage_due_at": report.triage_due_at,
    }
    return Status(201 if submitted.created else 200, body)


# --- Helpers ----------------------------------------------------------------------------------------


def _idempotency_key(request: HttpRequest) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    if not key:
        raise ApiError(
            400,
            "idempotency_key_missing",
            "The Idempotency-Key header is required",
            "Send 'Idempotency-Key: <key>' with a key of your own for this report, e.g. a UUID. "
            "Send the same key if you retry.",
        )
    if not IDEMPOTENCY_KEY.match(key):
        raise ApiError(
            400,
            "idempotency_key_malformed",
            "The Idempotency-Key header is not a valid key",
            "A key is 1 to 100 letters (A-Z, a-z), digits, '.', '_', ':' or '-'.",
        )
    return key


def _submission_key(token: ApiToken, key: str) -> str:
    """The partner's key, namespaced by agency. Keys too long to fit beside the namespace are
    stored as their SHA-256 (still one report per key; a hash cannot be chosen to match a key)."""
    namespaced = f"api:{token.agency_id}:{key}"
    if len(namespaced) <= SUBMISSION_KEY_MAX:
        return namespaced
    return f"api:{token.agency_id}:{hashlib.sha256(key.encode()).hexdigest()}"


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
    borough = _area(location.borough_code, AreaLevel.BOROUGH) if location.borough_code else None
    ward = _area(location.ward_code, AreaLevel.WARD) if location.ward_code else None
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


def _area(code: str, level: AreaLevel) -> Area:
    # Codes are checked against a pattern by the schema, so they are safe to repeat in the detail.
    area = core_queries.area_for_api(code)
    if area is None or area.level != level:
        raise ApiError(
            422,
            "unknown_area",
            f"No {level.label.lower()} has that code",
            f"'{code.upper()}' is not the ONS code of a {level.label.lower()} in the partnership's area.",
        )
    return area


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
