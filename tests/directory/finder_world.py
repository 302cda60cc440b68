"""Entries for the finder's tests, made as the staff pages leave them: a postcode in the postcode
table, the borough and ward it lies in, a position, opening hours, languages and an audit result."""

from datetime import date, time

from commonground.core.models import Area, Postcode
from commonground.directory.models import AuditResult, DirectoryEntry, EntryKind, Language, OpeningHours

BOLTON = "E08000001"
BURY = "E08000002"

# Postcodes near Bolton town centre, with made-up but plausible positions.
SEARCHED = ("BL1 1RU", 53.5780, -2.4290)


def ward_in(borough_code: str) -> Area:
    return Area.objects.filter(parent__code=borough_code).order_by("code").first()


def postcode(code: str, latitude: float, longitude: float, borough_code: str = BOLTON) -> Postcode:
    row, _ = Postcode.objects.update_or_create(
        postcode=code, defaults={"ward": ward_in(borough_code), "latitude": latitude, "longitude": longitude}
    )
    return row


def entry(
    name: str,
    latitude: float,
    longitude: float,
    *,
    kind: str = EntryKind.REPORTING_CENTRE,
    borough_code: str = BOLTON,
    result: str = AuditResult.MEETS,
    published: bool = True,
    hours: list[tuple[int, time, time]] | None = None,
    languages: tuple[str, ...] = ("ur",),
    **fields,
) -> DirectoryEntry:
    ward = ward_in(borough_code)
    made = DirectoryEntry.objects.create(
        kind=kind,
        organisation_name=name,
        address_lines="1 High Street\nBolton",
        postcode=fields.pop("postcode", "BL1 1AA"),
        borough=ward.parent,
        ward=ward,
        latitude=latitude,
        longitude=longitude,
        phone="01204 333333",
        email="centre@example.org",
        website="https://example.org/",
        contact_name="Sam Private",
        capacity=fields.pop("capacity", 30 if kind == EntryKind.MEETING_SPACE else None),
        published=published,
        latest_audit_on=date(2026, 1, 5) if result else None,
        latest_audit_result=result,
        **fields,
    )
    for weekday, opens, closes in hours if hours is not None else [(d, time(9), time(17)) for d in range(5)]:
        OpeningHours.objects.create(entry=made, weekday=weekday, opens_at=opens, closes_at=closes)
    made.languages.set(Language.objects.filter(code__in=languages))
    return made
