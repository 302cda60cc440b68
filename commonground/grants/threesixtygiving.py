"""Awarded grants as 360Giving open data: the JSON package (`{"grants": [...]}`) and the flat CSV
with the standard's column titles. Pure: takes plain records, reads nothing, imports no Django.

Follows the 360Giving Data Standard (schema `360-giving-schema.json` and
`360-giving-package-schema.json`, the summary table's column titles, and the identifier guidance):
a grant's `id` is the publisher's prefix and its own reference; organisations are identified the
org-id.guide way (`GB-CHC-` a charity in England and Wales, `GB-SC-` one in Scotland, `GB-NIC-` one
in Northern Ireland, `GB-COH-` a company) and, when they have no register number, by an id of
our own under the publisher's prefix. A recipient is always an organisation: a private
individual's name, email, address or phone number is never published, and the contact's name and
email are taken out of every text before it is."""

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

CURRENCY = "GBP"
# The kind of geographic code a borough's ONS code is, from the standard's geoCodeType codelist.
LOCAL_AUTHORITY_DISTRICT = "LAD"
WITHHELD = "[name withheld]"
# Organisation types (grants.models.OrganisationType values) registered with a charity regulator.
CHARITY_TYPES = frozenset({"registered_charity", "cio"})
# Types registered at Companies House.
COMPANY_TYPES = frozenset({"cic", "clg"})

_ENGLAND_AND_WALES_CHARITY = re.compile(r"^[0-9]{6,7}$")
_SCOTTISH_CHARITY = re.compile(r"^SC[0-9]{6}$")
_NORTHERN_IRISH_CHARITY = re.compile(r"^NIC?[0-9]{5,6}$")
# Eight characters: digits, or two letters (SC, NI, OC, ...) then six digits.
_COMPANY = re.compile(r"^(?:[0-9]{8}|[A-Z]{2}[0-9]{6})$")


@dataclass(frozen=True)
class Publisher:
    """Who publishes: the 360Giving prefix (e.g. `360G-commonground`) and the funder."""

    prefix: str
    funder_id: str
    funder_name: str


@dataclass(frozen=True)
class Award:
    """One awarded application, as published. No field holds a person: `private_words` (the
    contact's name and email) are only there to be taken out of every text."""

    reference: str
    title: str
    description: str
    amount_awarded: Decimal
    award_date: date
    organisation_name: str
    organisation_type: str
    round_code: str
    round_title: str
    modified_at: datetime
    charity_number: str = ""
    company_number: str = ""
    amount_applied_for: Decimal | None = None
    amount_disbursed: Decimal | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    borough_name: str = ""
    borough_code: str = ""
    private_words: tuple[str, ...] = field(default=(), repr=False)


# --- Identifiers -------------------------------------------------------------------------------------


def _register_number(text: str) -> str:
    return re.sub(r"[\s.\-/]", "", text).upper()


def charity_identifier(number: str) -> str | None:
    """The org-id of a registered charity, by its register: None if the number fits none."""
    cleaned = _register_number(number)
    if _ENGLAND_AND_WALES_CHARITY.match(cleaned):
        return f"GB-CHC-{cleaned}"
    if _SCOTTISH_CHARITY.match(cleaned):
        return f"GB-SC-{cleaned}"
    if _NORTHERN_IRISH_CHARITY.match(cleaned):
        digits = re.sub(r"^NIC?", "", cleaned)
        return f"GB-NIC-{digits}"
    return None


def company_identifier(number: str) -> str | None:
    """The org-id of a UK company: Companies House numbers are eight characters, and the leading
    zeros people often leave out are put back."""
    cleaned = _register_number(number)
    if cleaned.isdigit() and len(cleaned) < 8:
        cleaned = cleaned.zfill(8)
    return f"GB-COH-{cleaned}" if _COMPANY.match(cleaned) else None


def organisation_key(name: str) -> str:
    """A stable key for an organisation without a register number, the same whatever its spacing,
    case or accents, and revealing nothing but itself."""
    folded = unicodedata.normalize("NFKD", name).casefold()
    letters = "".join(ch for ch in folded if ch.isalnum())
    return hashlib.sha256(letters.encode("utf-8")).hexdigest()[:12]


def recipient_identifier(award: Award, publisher: Publisher) -> str:
    if award.charity_number and (found := charity_identifier(award.charity_number)):
        return found
    if award.company_number and (found := company_identifier(award.company_number)):
        return found
    return f"{publisher.prefix}-org-{organisation_key(award.organisation_name)}"


def grant_identifier(award: Award, publisher: Publisher) -> str:
    """The prefix, a hyphen, then the reference. A reference of anything but letters, digits and
    hyphens has the others made underscores, as the standard's identifier guidance recommends, and
    a short hash of itself added, so that two references never give one identifier."""
    reference = award.reference
    if not re.fullmatch(r"[A-Za-z0-9-]+", reference):
        digest = hashlib.sha256(reference.encode("utf-8")).hexdigest()[:8]
        reference = f"{re.sub(r'[^A-Za-z0-9-]', '_', reference)}_{digest}"
    return f"{publisher.prefix}-{reference}"


# --- Keeping people out ------------------------------------------------------------------------------


def _private_patterns(words: Iterable[str], *, parts: bool) -> list[re.Pattern[str]]:
    """Whole words only, any case: the full name, the email and, with `parts`, each part of the
    name of three letters or more."""
    found: set[str] = set()
    for word in words:
        word = word.strip()
        if not word:
            continue
        found.add(word)
        if parts and "@" not in word:
            found.update(part for part in word.split() if len(part) >= 3)
    # Longest first, so that a full name goes before its parts.
    return [
        re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE)
        for w in sorted(found, key=len, reverse=True)
    ]


def without_private_words(text: str, words: Iterable[str], *, parts: bool = True) -> str:
    """The text with the given names and emails taken out. An organisation's name is cleaned of the
    full name only (`parts=False`): a street or a family name may well be in a group's name."""
    for pattern in _private_patterns(words, parts=parts):
        text = pattern.sub(WITHHELD, text)
    return text


# --- Records -----------------------------------------------------------------------------------------


def _amount(value: Decimal) -> int | float:
    """A number, never a string: whole pounds as integers, pence kept to two places."""
    rounded = value.quantize(Decimal("0.01"))
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def _datetime(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def grant_record(award: Award, publisher: Publisher) -> dict[str, Any]:
    """One grant as the standard's JSON: its required fields always, the rest when known."""

    def clean(text: str) -> str:
        return without_private_words(text, award.private_words).strip()

    organisation_name = without_private_words(
        award.organisation_name, award.private_words, parts=False
    ).strip()
    recipient: dict[str, Any] = {
        "id": recipient_identifier(award, publisher),
        "name": organisation_name,
    }
    if award.charity_number and charity_identifier(award.charity_number):
        recipient["charityNumber"] = _register_number(award.charity_number)
    if award.company_number and (company := company_identifier(award.company_number)):
        recipient["companyNumber"] = company.removeprefix("GB-COH-")
    title = clean(award.title) or f"Grant to {organisation_name}"
    record: dict[str, Any] = {
        "id": grant_identifier(award, publisher),
        "title": title[:140],
        "description": clean(award.description) or title,
        "currency": CURRENCY,
        "amountAwarded": _amount(award.amount_awarded),
        "awardDate": award.award_date.isoformat(),
        "recipientOrganization": [recipient],
        "fundingOrganization": [{"id": publisher.funder_id, "name": publisher.funder_name}],
        "grantProgramme": [{"code": award.round_code, "title": clean(award.round_title)}],
        "fromOpenCall": "Yes",
        "dateModified": _datetime(award.modified_at),
    }
    if award.amount_applied_for is not None:
        record["amountAppliedFor"] = _amount(award.amount_applied_for)
    if award.amount_disbursed is not None:
        record["amountDisbursed"] = _amount(award.amount_disbursed)
    if award.starts_on:
        planned = {"startDate": award.starts_on.isoformat()}
        if award.ends_on:
            planned["endDate"] = award.ends_on.isoformat()
        record["plannedDates"] = [planned]
    if award.borough_code:
        record["beneficiaryLocation"] = [
            {
                "name": award.borough_name,
                "geoCode": award.borough_code,
                "geoCodeType": LOCAL_AUTHORITY_DISTRICT,
            }
        ]
    return record


def package(awards: Iterable[Award], publisher: Publisher, *, licence_url: str = "") -> dict[str, Any]:
    """The standard's JSON package. The package schema asks for at least one grant, so a publisher
    with none yet publishes an empty list, which tools read as "nothing yet"."""
    document: dict[str, Any] = {"grants": [grant_record(a, publisher) for a in awards]}
    if licence_url:
        document["license"] = licence_url
    return document


# --- The flat CSV ------------------------------------------------------------------------------------

# The summary table's column titles, each with how to read it from a grant record.
COLUMNS: Sequence[tuple[str, tuple[str | int, ...]]] = (
    ("Identifier", ("id",)),
    ("Title", ("title",)),
    ("Description", ("description",)),
    ("Currency", ("currency",)),
    ("Amount Applied For", ("amountAppliedFor",)),
    ("Amount Awarded", ("amountAwarded",)),
    ("Amount Disbursed", ("amountDisbursed",)),
    ("Award Date", ("awardDate",)),
    ("Planned Dates:Start Date", ("plannedDates", 0, "startDate")),
    ("Planned Dates:End Date", ("plannedDates", 0, "endDate")),
    ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
    ("Recipient Org:Name", ("recipientOrganization", 0, "name")),
    ("Recipient Org:Charity Number", ("recipientOrganization", 0, "charityNumber")),
    ("Recipient Org:Company Number", ("recipientOrganization", 0, "companyNumber")),
    ("Beneficiary Location:Name", ("beneficiaryLocation", 0, "name")),
    ("Beneficiary Location:Geographic Code", ("beneficiaryLocation", 0, "geoCode")),
    ("Beneficiary Location:Geographic Code Type", ("beneficiaryLocation", 0, "geoCodeType")),
    ("Funding Org:Identifier", ("fundingOrganization", 0, "id")),
    ("Funding Org:Name", ("fundingOrganization", 0, "name")),
    ("Grant Programme:Code", ("grantProgramme", 0, "code")),
    ("Grant Programme:Title", ("grantProgramme", 0, "title")),
    ("From an open call?", ("fromOpenCall",)),
    ("Last modified", ("dateModified",)),
)

# Characters that make a spreadsheet read a cell as a formula (or a command), checked after NFKC
# normalisation and leading spaces, as spreadsheets read them.
_FORMULA_START = frozenset("=+-@|\u2212")


def _safe_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)  # numbers stay numbers, a negative one included
    text = str(value)
    first = text.lstrip()[:1]
    if text.startswith(("\t", "\r", "\n")) or (
        first and unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START
    ):
        return "'" + text
    return text


def _pick(record: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    value: Any = record
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def csv_text(records: Iterable[dict[str, Any]]) -> str:
    """The records as the standard's flat table, one grant a row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([title for title, _ in COLUMNS])
    for record in records:
        writer.writerow([_safe_cell(_pick(record, path)) for _, path in COLUMNS])
    return out.getvalue()
