"""Safeguarding referrals from partner systems (a school's or the police's case system):
POST /api/v1/referrals.

Write only: the API answers with the referral's reference and nothing else. Case data is never
exposed through the API; there is no operation to read a referral back.

Each call carries an `Idempotency-Key` chosen by the partner, kept per agency with the answer it
got (commonground/api/idempotency.py, as for every API create): a retry with the same key and the
same referral answers 200 with `Idempotent-Replayed: true` and the first answer; the same key with
a different referral answers 409."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import model_validator

from commonground.api.auth import AgencyToken
from commonground.api.errors import PAYLOAD_TOO_LARGE, UNAUTHENTICATED, ApiError, problem_responses
from commonground.api.idempotency import IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY, create_once, idempotency_key
from commonground.api.inputs import area_with_code
from commonground.api.routers.reports.schemas import (
    AreaCode,
    Bool,
    Email,
    Int,
    IsoDate,
    Text,
)
from commonground.core.models import ApiToken, Area, AreaLevel
from commonground.core.models.api_tokens import ApiScope
from commonground.safeguarding.actions.partner_referrals import submit_partner_referral
from commonground.safeguarding.actions.referrals import MAX_AGE, ReferralDetails
from commonground.safeguarding.models import ConcernType, PersonAware, ReferringSector

router = Router(tags=["Referrals"])

# --- Request and response ---------------------------------------------------------------------------


class PersonIn(Schema):
    """The person referred: their date of birth or, if it is not known, their age."""

    first_name: Text = Field(..., min_length=1, max_length=100)
    last_name: Text = Field(..., min_length=1, max_length=100)
    other_names: Text = Field("", max_length=200, description="Other names or spellings used.")
    date_of_birth: IsoDate | None = Field(None, description="Not in the future.")
    age_years: Int | None = Field(
        None, ge=0, le=MAX_AGE, description="Their age, where the date of birth is not known."
    )
    gender: Text = Field("", max_length=60)
    borough_code: AreaCode = Field(
        ..., description="ONS code of the borough where they live, e.g. E08000001 for Bolton."
    )
    ward_code: AreaCode | None = Field(None, description="ONS code of their ward, in that borough.")
    address: Text = Field("", max_length=1000)
    language: Text = Field("", max_length=100, description="Their first language, if not English.")
    interpreter_needed: Bool = False


class ReferrerIn(Schema):
    """Who is referring, with an email address or phone number (or both) to reach them."""

    name: Text = Field(..., min_length=1, max_length=200)
    role: Text = Field("", max_length=200, description="Their job, e.g. 'Designated safeguarding lead'.")
    agency_name: Text = Field("", max_length=200, description="Their organisation.")
    sector: ReferringSector
    email: Email = Field("", max_length=150)
    phone: Text = Field("", max_length=40)

    @model_validator(mode="after")
    def _reachable(self):
        if not self.email.strip() and not self.phone.strip():
            raise ValueError("give the referrer's email or phone (or both)")
        return self


EXAMPLE_REFERRAL: dict[str, Any] = {
    "person": {
        "first_name": "Sam",
        "last_name": "Example",
        "date_of_birth": "2010-03-14",
        "borough_code": "E08000001",
        "ward_code": "E05014820",
    },
    "referrer": {
        "name": "A. Teacher",
        "role": "Designated safeguarding lead",
        "agency_name": "Example High School",
        "sector": "education",
        "email": "dsl@school.example.org",
    },
    "concern": "Has been sharing extremist videos with classmates and talks of 'them' as enemies.",
    "concern_type": "extreme_right_wing",
    "what_done": "Spoke to the family; school safeguarding plan in place.",
    "person_aware": "yes",
    "safeguarding_lead_consulted": True,
}


class ReferralIn(Schema):
    model_config = {"json_schema_extra": {"examples": [EXAMPLE_REFERRAL]}}

    person: PersonIn
    referrer: ReferrerIn
    concern: Text = Field(..., min_length=1, max_length=10000, description="In the referrer's words.")
    concern_type: ConcernType
    what_done: Text = Field("", max_length=10000, description="What has already been done.")
    person_aware: PersonAware = Field(..., description="Whether the person knows about the referral.")
    safeguarding_lead_consulted: Bool


class ReferralReceived(Schema):
    reference: str = Field(
        ..., description="The reference to quote, e.g. SG-7K3M-9Q2X: random, it opens nothing."
    )
    status: str = Field(..., description="'to_screen': waiting for the borough coordinator's screening.")
    received_at: datetime


# --- The operation -----------------------------------------------------------------------------------

PROBLEMS = {
    400: "The Idempotency-Key header is missing (`idempotency_key_missing`) or not 1 to 100 letters, "
    "digits, '.', '_', ':' or '-' (`idempotency_key_malformed`).",
    401: UNAUTHENTICATED,
    403: "The token does not have the scope `referrals:write` (`scope_missing`), or no information sharing agreement in force covers what it sends (`no_sharing_agreement`).",
    409: "The Idempotency-Key was already used for a different referral (`idempotency_key_reused`).",
    422: "The referral is not valid (`invalid_request`, `unknown_area`, `ward_not_in_borough`, "
    "`date_of_birth_in_future`, `age_or_date_of_birth_required`). Nothing was stored.",
    413: PAYLOAD_TOO_LARGE,
}


@router.post(
    "",
    response={201: ReferralReceived, 200: ReferralReceived},
    summary="Submit a safeguarding referral from a partner system",
    auth=AgencyToken(needs=ApiScope.REFERRALS_WRITE),
    url_name="submit_referral",
    operation_id="submit_referral",
    openapi_extra={
        "parameters": [
            {
                "name": IDEMPOTENCY_HEADER,
                "in": "header",
                "required": True,
                "description": "A key the partner system chooses for this referral (a UUID is ideal). "
                "Send the same key when retrying: the referral is made once. Keys are kept per agency.",
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 100,
                    "pattern": IDEMPOTENCY_KEY.pattern,
                },
            }
        ],
        "responses": {
            201: {"description": "The referral was stored for the borough's coordinator to screen."},
            200: {
                "description": "A retry with the same key and the same referral: the first result.",
                "headers": {
                    "Idempotent-Replayed": {"description": "Always 'true'.", "schema": {"type": "string"}}
                },
            },
            **problem_responses(PROBLEMS),
        },
    },
)
def submit(request: HttpRequest, response: HttpResponse, payload: ReferralIn):
    """Refer a person to the safeguarding coordinator of the borough where they live. Needs the
    scope `referrals:write` and an `Idempotency-Key` header.

    Answers 201 with the referral's reference, status and time received, and nothing of the case:
    referrals cannot be read through the API. A retry with the same key and referral answers 200
    with the same reference; the same key with a different referral answers 409."""
    # The scope was checked before the body was read; django-ninja sets `auth`, unknown to the stubs.
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    key = idempotency_key(request)
    person = payload.person
    today = timezone.localdate()
    if person.date_of_birth is None and person.age_years is None:
        raise ApiError(
            422,
            "age_or_date_of_birth_required",
            "The person's date of birth or age is required",
            "Give person.date_of_birth or, if it is not known, person.age_years.",
        )
    if person.date_of_birth is not None and person.date_of_birth > today:
        raise ApiError(422, "date_of_birth_in_future", "The date of birth is in the future")
    borough, ward = _borough_and_ward(person.borough_code, person.ward_code)
    referrer = payload.referrer
    details = ReferralDetails(
        first_name=person.first_name,
        last_name=person.last_name,
        other_names=person.other_names,
        date_of_birth=person.date_of_birth,
        age_years=person.age_years,
        gender=person.gender,
        borough=borough,
        ward=ward,
        address=person.address,
        language=person.language,
        interpreter_needed=person.interpreter_needed,
        referrer_name=referrer.name,
        referrer_role=referrer.role,
        referrer_agency_name=referrer.agency_name or token.agency.name,
        referring_sector=referrer.sector,
        referrer_contact="; ".join(part for part in (referrer.email, referrer.phone) if part.strip()),
        concern=payload.concern,
        concern_type=payload.concern_type,
        action_already_taken=payload.what_done,
        person_aware=payload.person_aware,
        safeguarding_lead_consulted=payload.safeguarding_lead_consulted,
    )

    def create() -> tuple[int, dict]:
        try:
            referral = submit_partner_referral(
                agency=token.agency,
                actor_label=f"API token {token.key_prefix} ({token.agency.name})",
                details=details,
            )
        except DjangoValidationError as error:
            raise ApiError(
                422,
                "invalid_request",
                "The referral is not valid",
                " ".join(message for messages in error.message_dict.values() for message in messages),
            ) from None
        # The answer, stored for replays, is what the first call was told: the case's progress since
        # is never shared.
        return 201, {
            "reference": referral.reference,
            "status": "to_screen",
            "received_at": referral.received_at,
        }

    return create_once(
        request,
        response,
        operation="submit_referral",
        key=key,
        payload=payload,
        what="referral",
        create=create,
    )


# --- Helpers ----------------------------------------------------------------------------------------


def _borough_and_ward(borough_code: str, ward_code: str | None) -> tuple[Area, Area | None]:
    borough = area_with_code(borough_code, AreaLevel.BOROUGH)
    ward = area_with_code(ward_code, AreaLevel.WARD) if ward_code else None
    if ward is not None and ward.parent_id != borough.pk:
        raise ApiError(
            422,
            "ward_not_in_borough",
            "That ward is not in that borough",
            f"{ward.code} ({ward.name}) is in {ward.parent}, not {borough.name}.",
        )
    return borough, ward
