"""Reports from partner systems (a police or charity reporting form): POST /api/v1/reports.

Each call carries an `Idempotency-Key` chosen by the partner. The report is stored under that key,
namespaced by the token's agency, so a retried call (a timeout, a double click) returns the first
report instead of making a second one, and two agencies can never collide on a key."""

import hashlib
import re
import unicodedata
from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import AfterValidator, model_validator

from commonground.api.auth import require_scope
from commonground.api.errors import ApiError
from commonground.core import queries as core_queries
from commonground.core.models import ApiToken, Area, AreaLevel
from commonground.core.models.api_tokens import ApiScope
from commonground.core.places_files import normalise_postcode
from commonground.reports import notifications
from commonground.reports import queries as report_queries
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import (
    Channel,
    PoliceReported,
    ReporterRole,
    ReportKind,
    ReportStatus,
    SharingPartner,
    TensionCategory,
)

router = Router(tags=["Reports"])

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
SUBMISSION_KEY_MAX = 100  # Report.submission_key's max_length
ALLOWED_CONTROL = {"\n", "\r", "\t"}


# --- Text fields ------------------------------------------------------------------------------------


def _no_control_characters(value: str) -> str:
    """Text is stored exactly as given (and always shown escaped), but control characters other
    than line breaks and tabs have no place in a report and are refused."""
    if any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROL for ch in value):
        raise ValueError("must not contain control characters (other than new lines and tabs)")
    return value


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("is not a valid email address") from None
    return value


def _web_link(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise ValueError("is not a valid http(s) link") from None
    return value


Text = Annotated[str, AfterValidator(_no_control_characters)]
WebLink = Annotated[str, AfterValidator(_no_control_characters), AfterValidator(_web_link)]
Email = Annotated[str, AfterValidator(_no_control_characters), AfterValidator(_email)]
AreaCode = Annotated[str, Field(pattern=r"^[A-Za-z][0-9]{8}$")]


# --- Request and response ---------------------------------------------------------------------------


class OnlineIn(Schema):
    platform: Text = Field(
        ..., min_length=1, max_length=100, description="Where it happened online, e.g. 'Facebook'."
    )
    link: WebLink = Field(
        "", max_length=500, description="A link to the post or page (http or https), if there is one."
    )


class LocationIn(Schema):
    """Where it happened: exactly one of an area (`borough_code` and/or `ward_code`), a `postcode`,
    or `online`."""

    borough_code: AreaCode | None = Field(
        None, description="ONS code of the borough (local authority district), e.g. E08000001 for Bolton."
    )
    ward_code: AreaCode | None = Field(
        None,
        description="ONS code of the ward, e.g. E05014820 for Breightmet. Its borough is found from it; "
        "if `borough_code` is also given, the ward must lie in that borough.",
    )
    postcode: Text | None = Field(
        None,
        max_length=10,
        description="A postcode in the partnership's area, e.g. 'BL2 6PN'; its ward and borough are "
        "found from the ONS Postcode Directory.",
    )
    online: OnlineIn | None = Field(None, description="It happened online.")

    @model_validator(mode="after")
    def _exactly_one_kind_of_place(self):
        given = [
            bool(self.borough_code or self.ward_code),
            bool(self.postcode),
            self.online is not None,
        ]
        if sum(given) != 1:
            raise ValueError("give exactly one of: borough_code/ward_code, postcode, or online")
        return self


class ContactIn(Schema):
    name: Text = Field("", max_length=200, description="The reporter's name, if they chose to give it.")
    email: Email = Field(
        "",
        max_length=254,
        description="Email address for the acknowledgement and updates, if they chose to give it.",
    )
    phone: Text = Field("", max_length=40, description="Phone number, if they chose to give it.")


EXAMPLE_REPORT = {
    "kind": "hate_incident",
    "description": "Two men shouted abuse about my religion at the bus stop on Bury Road.",
    "happened_on": "2025-05-14",
    "location": {"postcode": "BL2 6PN"},
    "strands": ["religion"],
    "reporter_role": "victim",
    "reported_to_police": "no",
    "wants_support": True,
    "contact": {"name": "A. Reporter", "email": "reporter@example.org", "phone": ""},
    "share_with": ["victim_support"],
    "urgent": False,
    "language": "en",
}


class ReportIn(Schema):
    model_config = {"json_schema_extra": {"examples": [EXAMPLE_REPORT]}}

    kind: ReportKind = Field(..., description="What is being reported.")
    description: Text = Field(
        ...,
        min_length=1,
        max_length=10000,
        description="What happened, in the reporter's words. Stored exactly as given.",
    )
    happened_on: date | None = Field(None, description="The day it happened; not in the future.")
    location: LocationIn = Field(..., description="Where it happened.")
    strands: list[Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,40}$")]] = Field(
        default_factory=list,
        max_length=20,
        description="Codes of the hostility strands the reporter perceived (e.g. 'race', 'religion').",
    )
    reporter_role: ReporterRole | None = Field(None, description="How the reporter was involved.")
    reported_to_police: PoliceReported | None = Field(
        None, description="Whether it was reported to the police."
    )
    wants_support: bool | None = Field(None, description="Whether the reporter would like support.")
    tension_category: TensionCategory | None = Field(
        None, description="For community tension: what kind of tension it is."
    )
    contact: ContactIn | None = Field(
        None, description="How to reach the reporter; leave out to stay anonymous."
    )
    share_with: list[SharingPartner] = Field(
        default_factory=list, description="Partners the reporter consents to the report being shared with."
    )
    urgent: bool = Field(
        False, description="Someone may be at risk: triage within an hour, not two working days."
    )
    language: str = Field(
        "en",
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$",
        description="The reporter's language (e.g. 'en', 'ur', 'pl'), used for the emails they get.",
    )

    @model_validator(mode="after")
    def _not_in_the_future(self):
        if self.happened_on is not None and self.happened_on > timezone.localdate():
            raise ValueError("happened_on must not be in the future")
        return self


class ReportReceived(Schema):
    reference: str = Field(..., description="The reference to quote, e.g. CG-7K3M-9Q2X. It opens nothing.")
    status: ReportStatus = Field(..., description="The report's status: 'received' when it is first stored.")
    status_url: str = Field(
        ...,
        description="The reporter's private link to follow the report, send messages and change consent. "
        "Give it only to the reporter.",
    )
    teams: list[str] = Field(..., description="The teams whose queues received the report.")
    triage_due_at: datetime = Field(..., description="When triage is due by.")


class Problem(Schema):
    """Problem details (RFC 9457), sent as application/problem+json."""

    type: str
    title: str
    status: int
    code: str = Field(..., description="Stable error code.")
    detail: str | None = None
    errors: list[dict[str, str | list[str]]] | None = Field(
        None, description="For invalid_request: each problem's location and message."
    )


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
    503: "The service is unavailable (`service_unavailable`). Nothing was saved; retry with the same key.",
}


@router.post(
    "",
    response={201: ReportReceived, 200: ReportReceived},
    summary="Submit a report from a partner's reporting form",
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
    token = require_scope(request, ApiScope.REPORTS_WRITE)
    key = _idempotency_key(request)
    place = _place(payload.location)
    strand_codes = _strand_codes(payload.strands)
    contact = payload.contact or ContactIn()
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
        if ward is None:
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
                f"{ward.code} ({ward.name}) is in {ward.parent.name}, not {borough.name}.",
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
