"""Directory entries in the shape of Open Referral UK 3.0 (the UK profile of the Human Services Data
Specification, HSDS 3.0): services, organisations, locations and services at locations.

One entry is one service, delivered at one location (its address) by one organisation (its
organisation's name). Every identifier is a UUID, as HSDS requires, and stable: an entry's objects
carry its primary key in the last twelve hex digits, behind a prefix naming the object's type, so a
service's id leads back to its entry; an organisation's id is a name-based UUID (version 5) of its
name. Opening hours are weekly schedules (`freq` WEEKLY, `byday` the iCal day), with the opening and
closing times in London time and today's offset from UTC, as HSDS asks.

Nothing here reads the database: it shapes entries a query has read (with their hours, languages
and borough), so it is called from the API's handlers. Empty optional fields are None, and the API
leaves them out.
"""

import uuid
from datetime import datetime
from typing import Any

from commonground.directory.models import DirectoryEntry, EntryKind
from commonground.directory.opening_hours import LONDON

# Eight hex digits naming each type of object whose id is derived from an entry.
PREFIXES = {
    "service": "5e41ce00",
    "location": "10ca7100",
    "service_at_location": "5a100c00",
    "phone": "9b0e0000",
    "schedule": "5c4ed000",
    "address": "addde550",
    "accessibility": "acce5500",
    "language": "1a260000",
    "service_area": "a4ea0000",
    "attribute": "a7740000",
}
ORGANISATION_NAMESPACE = uuid.UUID("0f6b3c1e-4b8a-5d2e-9c7f-2a1d3e4f5a6b")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ONS_AREA_URI = "http://statistics.data.gov.uk/id/statistical-geography/"

ACCESSIBILITY = [
    ("step_free_access", "Step-free access"),
    ("hearing_loop", "Hearing loop"),
    ("accessible_toilet", "Accessible toilet"),
    ("quiet_room", "Quiet room"),
    ("british_sign_language", "Staff who use British Sign Language"),
]


def object_id(kind: str, entry_id: int, index: int = 0) -> str:
    """The id of an entry's object of this type: prefix-index-4000-8000-primary key (a valid UUID)."""
    return f"{PREFIXES[kind]}-{index:04x}-4000-8000-{entry_id:012x}"


def entry_id_from(kind: str, value: str) -> int | None:
    """The entry's primary key in an id of this type, or None if the id is not one."""
    try:
        parsed = str(uuid.UUID(value))
    except ValueError:
        return None
    if not parsed.startswith(PREFIXES[kind] + "-0000-4000-8000-"):
        return None
    return int(parsed[-12:], 16)


def organisation_id(name: str) -> str:
    return str(uuid.uuid5(ORGANISATION_NAMESPACE, name.strip().casefold()))


def organisation(name: str, entries_count: int | None = None) -> dict[str, Any]:
    described = "Runs places in the partnership's directories of reporting centres and meeting spaces."
    if entries_count is not None:
        described = (
            f"Runs {entries_count} place{'s' if entries_count != 1 else ''} in the partnership's directories."
        )
    return {"id": organisation_id(name), "name": name, "description": described}


def _utc_offset(moment: datetime) -> tuple[str, float]:
    offset = moment.astimezone(LONDON).utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{'+' if seconds >= 0 else '-'}{hours:02d}:{minutes:02d}", seconds / 3600


def schedules(entry: DirectoryEntry, moment: datetime) -> list[dict[str, Any]]:
    suffix, offset_hours = _utc_offset(moment)
    return [
        {
            "id": object_id("schedule", entry.pk, index),
            "service_id": object_id("service", entry.pk),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": BYDAY[hours.weekday],
            "opens_at": f"{hours.opens_at:%H:%M}{suffix}",
            "closes_at": f"{hours.closes_at:%H:%M}{suffix}",
            "timezone": offset_hours,
            "description": "Weekly, in UK time (Europe/London).",
            "notes": entry.opening_hours_note or None,
        }
        for index, hours in enumerate(entry.opening_hours.all())
    ]


def languages(entry: DirectoryEntry) -> list[dict[str, Any]]:
    return [
        {
            "id": object_id("language", entry.pk, index),
            "service_id": object_id("service", entry.pk),
            "name": language.name,
            "code": language.code,
        }
        for index, language in enumerate(entry.languages.all())
    ]


def phones(entry: DirectoryEntry) -> list[dict[str, Any]]:
    if not entry.phone:
        return []
    return [
        {
            "id": object_id("phone", entry.pk),
            "service_id": object_id("service", entry.pk),
            "number": entry.phone,
            "type": "voice",
        }
    ]


def location(entry: DirectoryEntry, region: str) -> dict[str, Any]:
    lines = entry.address
    borough = entry.borough.name if entry.borough else ""
    return {
        "id": object_id("location", entry.pk),
        "location_type": "physical",
        "organization_id": organisation_id(entry.organisation_name),
        "name": entry.name,
        "latitude": entry.latitude,
        "longitude": entry.longitude,
        "addresses": [
            {
                "id": object_id("address", entry.pk),
                "location_id": object_id("location", entry.pk),
                "address_1": lines[0] if lines else entry.name,
                "address_2": ", ".join(lines[1:]) or None,
                "city": borough,
                "region": region or None,
                "state_province": region or borough,
                "postal_code": entry.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {
                "id": object_id("accessibility", entry.pk, index),
                "location_id": object_id("location", entry.pk),
                "description": label,
            }
            for index, (field, label) in enumerate(ACCESSIBILITY)
            if getattr(entry, field)
        ],
    }


def service_at_location(entry: DirectoryEntry, region: str) -> dict[str, Any]:
    return {
        "id": object_id("service_at_location", entry.pk),
        "service_id": object_id("service", entry.pk),
        "location_id": object_id("location", entry.pk),
        "location": location(entry, region),
    }


def service(entry: DirectoryEntry, *, url: str, region: str, moment: datetime) -> dict[str, Any]:
    fees = ""
    if entry.kind == EntryKind.MEETING_SPACE:
        cost = f"£{entry.cost_per_hour} an hour" if entry.cost_per_hour is not None else ""
        fees = "; ".join(part for part in (cost, entry.cost_note) if part)
    borough = entry.borough
    return {
        "id": object_id("service", entry.pk),
        "organization_id": organisation_id(entry.organisation_name),
        "name": entry.name,
        "description": entry.description or None,
        "url": url,
        "email": entry.email or None,
        "status": "active",
        "fees_description": fees or None,
        "assured_date": entry.latest_audit_on.isoformat() if entry.latest_audit_on else None,
        "last_modified": entry.updated_at.isoformat(),
        "organization": organisation(entry.organisation_name),
        "phones": phones(entry),
        "languages": languages(entry),
        "service_areas": (
            [
                {
                    "id": object_id("service_area", entry.pk),
                    "service_id": object_id("service", entry.pk),
                    "name": borough.name,
                    "uri": ONS_AREA_URI + borough.code,
                }
            ]
            if borough is not None
            else []
        ),
        "schedules": schedules(entry, moment),
        "service_at_locations": [service_at_location(entry, region)],
        "attributes": [
            {
                "id": object_id("attribute", entry.pk),
                "link_id": object_id("service", entry.pk),
                "link_type": "service_type",
                "link_entity": "service",
                "value": entry.kind,
                "label": EntryKind(entry.kind).label,
            }
        ],
    }


def page(items: list[Any], *, total: int, page_number: int, per_page: int) -> dict[str, Any]:
    """The HSDS list header around a page of items."""
    total_pages = (total + per_page - 1) // per_page
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": per_page,
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not items,
        "content": items,
    }
