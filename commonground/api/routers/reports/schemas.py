"""What a partner's reporting form sends (POST /api/v1/reports) and what it gets back: the
request schemas with their checks, the answer, and the problem document."""

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, StrictBool, StrictInt, model_validator

from commonground.reports.models import (
    PoliceReported,
    ReporterRole,
    ReportKind,
    ReportStatus,
    SharingPartner,
    TensionCategory,
)

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


ISO_DATE_START = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _iso_8601_text(value: object) -> object:
    """JSON has no dates: a date or time is a string in ISO 8601 form, as the schema says. Without
    this, a number (or a string of digits) would be read as a Unix time, 0 as 1 January 1970."""
    if not isinstance(value, str) or not ISO_DATE_START.match(value):
        raise ValueError("must be a string in ISO 8601 form, e.g. 2026-03-14 or 2026-03-14T21:30:00Z")
    return value


Text = Annotated[str, AfterValidator(_no_control_characters)]
# For path and query parameters: any printable text (PostgreSQL cannot even compare a NUL byte, so a
# parameter holding one is refused as invalid before it reaches a query).
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
# Request fields take only their own JSON type (no 0 for false, no "16" for 16, no number for a date).
IsoDate = Annotated[date, BeforeValidator(_iso_8601_text)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_8601_text)]
Bool = StrictBool
Int = StrictInt
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


EXAMPLE_REPORT: dict[str, Any] = {
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
    happened_on: IsoDate | None = Field(None, description="The day it happened; not in the future.")
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
    wants_support: Bool | None = Field(None, description="Whether the reporter would like support.")
    tension_category: TensionCategory | None = Field(
        None, description="For community tension: what kind of tension it is."
    )
    contact: ContactIn | None = Field(
        None, description="How to reach the reporter; leave out to stay anonymous."
    )
    share_with: list[SharingPartner] = Field(
        default_factory=list, description="Partners the reporter consents to the report being shared with."
    )
    urgent: Bool = Field(
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
