"""Adding, editing, withdrawing and publishing again a directory entry. Each write is checked
against the actor's scope (the entry's borough, found from its postcode, must be one of theirs) and
audited in the same transaction. An edit names the version it started from, and is refused with
`ConflictError` (naming what changed) if someone saved since."""

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.conflicts import ConflictError, fields_changed_since
from commonground.core.models import AuditAction as TrailAction
from commonground.core.models import Postcode, User
from commonground.core.places_files import normalise_postcode
from commonground.core.roles import Permission
from commonground.directory.models import DirectoryEntry, EntryKind, Language, OpeningHours, Weekday

MANAGE = Permission.MANAGE_DIRECTORY

# The fields an edit may change, with the words a conflict names them by.
EDITABLE_FIELDS = {
    "kind": "What kind of place it is",
    "organisation_name": "The organisation's name",
    "place_name": "The place's name",
    "description": "The description",
    "address_lines": "The address",
    "postcode": "The postcode",
    "contact_name": "The contact's name",
    "phone": "The phone number",
    "email": "The email address",
    "website": "The website",
    "step_free_access": "Step-free access",
    "hearing_loop": "Hearing loop",
    "accessible_toilet": "Accessible toilet",
    "quiet_room": "Quiet room",
    "british_sign_language": "British Sign Language",
    "capacity": "The capacity",
    "cost_per_hour": "The cost per hour",
    "cost_note": "The note on cost",
    "opening_hours_note": "The note on opening hours",
    "languages": "The languages spoken",
    "opening_hours": "The opening hours",
    "published": "Whether it is published",
}


@dataclass(frozen=True)
class HoursRange:
    weekday: int
    opens_at: time
    closes_at: time


@dataclass(frozen=True)
class EntryDetails:
    kind: str
    organisation_name: str
    address_lines: str
    postcode: str
    place_name: str = ""
    description: str = ""
    contact_name: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    languages: tuple[Language, ...] = ()
    step_free_access: bool = False
    hearing_loop: bool = False
    accessible_toilet: bool = False
    quiet_room: bool = False
    british_sign_language: bool = False
    capacity: int | None = None
    cost_per_hour: Decimal | None = None
    cost_note: str = ""
    opening_hours: tuple[HoursRange, ...] = field(default=())
    opening_hours_note: str = ""


def may_manage(scope: Scope) -> bool:
    return scope.can(MANAGE)


def _place_of(scope: Scope, postcode_text: str, errors: dict[str, str]) -> Postcode | None:
    postcode = normalise_postcode(postcode_text)
    if postcode is None:
        errors["postcode"] = "Enter a real postcode, like BL2 6PN"
        return None
    place = Postcode.objects.select_related("ward__parent").filter(postcode=postcode).first()
    if place is None:
        errors["postcode"] = (
            f"We do not know the postcode {postcode} in Greater Manchester: check it, or ask an "
            "administrator to load the latest postcodes"
        )
        return None
    borough = place.ward.parent
    if borough is None or not scope.covers_area(borough):
        errors["postcode"] = f"{postcode} is in {borough or 'an area'}, which is outside your boroughs"
        return None
    return place


def _hours_overlap(hours: tuple[HoursRange, ...]) -> int | None:
    """The first weekday with two ranges that overlap, if any."""
    by_day: dict[int, list[HoursRange]] = {}
    for each in hours:
        by_day.setdefault(each.weekday, []).append(each)
    for weekday, ranges in sorted(by_day.items()):
        ranges.sort(key=lambda r: r.opens_at)
        for earlier, later in pairwise(ranges):
            if later.opens_at < earlier.closes_at:
                return weekday
    return None


def check_details(scope: Scope, details: EntryDetails) -> Postcode:
    """The place the postcode names, or ValidationError naming each problem (by field)."""
    errors: dict[str, str] = {}
    if details.kind not in EntryKind.values:
        errors["kind"] = "Select whether it is a reporting centre or a meeting space"
    if not details.organisation_name.strip():
        errors["organisation_name"] = "Enter the organisation's name"
    if not details.address_lines.strip():
        errors["address_lines"] = "Enter the address"
    place = _place_of(scope, details.postcode, errors)
    if details.kind == EntryKind.MEETING_SPACE:
        if details.capacity is None:
            errors["capacity"] = "Enter how many people the space holds"
        elif details.capacity < 1:
            errors["capacity"] = "The capacity must be 1 or more people"
    elif details.capacity is not None and details.capacity < 1:
        errors["capacity"] = "The capacity must be 1 or more people, or left blank"
    if details.cost_per_hour is not None and details.cost_per_hour < 0:
        errors["cost_per_hour"] = "The cost per hour must be £0 or more, or left blank"
    for each in details.opening_hours:
        if each.weekday not in Weekday.values:
            errors["opening_hours"] = "Choose a day of the week for each row of opening hours"
        elif each.closes_at <= each.opens_at:
            day = Weekday(each.weekday).label
            errors["opening_hours"] = (
                f"On {day}, the closing time ({each.closes_at:%H:%M}) must be after the opening time "
                f"({each.opens_at:%H:%M})"
            )
    if "opening_hours" not in errors:
        overlapping = _hours_overlap(details.opening_hours)
        if overlapping is not None:
            errors["opening_hours"] = f"On {Weekday(overlapping).label}, two ranges of opening hours overlap"
    if errors or place is None:
        raise ValidationError(errors)
    return place


def _scalar_values(details: EntryDetails, place: Postcode) -> dict[str, object]:
    is_space = details.kind == EntryKind.MEETING_SPACE
    return {
        "kind": details.kind,
        "organisation_name": details.organisation_name.strip(),
        "place_name": details.place_name.strip(),
        "description": details.description.strip(),
        "address_lines": "\n".join(
            line.strip() for line in details.address_lines.splitlines() if line.strip()
        ),
        "postcode": place.postcode,
        "contact_name": details.contact_name.strip(),
        "phone": details.phone.strip(),
        "email": details.email.strip(),
        "website": details.website.strip(),
        "step_free_access": details.step_free_access,
        "hearing_loop": details.hearing_loop,
        "accessible_toilet": details.accessible_toilet,
        "quiet_room": details.quiet_room,
        "british_sign_language": details.british_sign_language,
        "capacity": details.capacity,
        # Cost is a meeting space's; a reporting centre is always free to use.
        "cost_per_hour": details.cost_per_hour if is_space else None,
        "cost_note": details.cost_note.strip() if is_space else "",
        "opening_hours_note": details.opening_hours_note.strip(),
    }


def _hours_key(hours) -> list[tuple[int, str, str]]:
    return sorted((h.weekday, f"{h.opens_at:%H:%M}", f"{h.closes_at:%H:%M}") for h in hours)


def _set_hours(entry: DirectoryEntry, hours: tuple[HoursRange, ...]) -> None:
    entry.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(entry=entry, weekday=h.weekday, opens_at=h.opens_at, closes_at=h.closes_at)
        for h in hours
    )


def add_entry(*, actor: User, details: EntryDetails) -> DirectoryEntry:
    scope = scope_for(actor)
    scope.require(MANAGE)
    place = check_details(scope, details)
    with transaction.atomic():
        entry = DirectoryEntry.objects.create(
            **_scalar_values(details, place),
            borough=place.ward.parent,
            ward=place.ward,
            latitude=place.latitude,
            longitude=place.longitude,
            created_by=actor,
        )
        entry.languages.set(details.languages)
        _set_hours(entry, details.opening_hours)
        audit.record(
            actor=actor,
            action=TrailAction.CREATE,
            obj=entry,
            changes={"kind": entry.kind, "borough": entry.borough.code if entry.borough else None},
        )
    return entry


def _entries_to_change(scope: Scope):
    return access.visible(scope, DirectoryEntry.objects.select_for_update()).filter(
        borough__in=scope.area_ids
    )


def edit_entry(
    *, actor: User, entry: DirectoryEntry, expected_version: int, details: EntryDetails
) -> DirectoryEntry:
    """Change an entry's details. If someone saved it after `expected_version`, raise ConflictError
    naming what they changed, and change nothing."""
    scope = scope_for(actor)
    scope.require(MANAGE)
    with transaction.atomic():
        current = policy.row_to_act_on(_entries_to_change(scope), entry.pk, "That entry was not found.")
        if current.version != expected_version:
            raise ConflictError(
                fields_changed_since(current, expected_version, EDITABLE_FIELDS), current.version
            )
        place = check_details(scope, details)
        after = _scalar_values(details, place)
        changed = [name for name, value in after.items() if getattr(current, name) != value]
        languages_before = sorted(current.languages.values_list("code", flat=True))
        if sorted(language.code for language in details.languages) != languages_before:
            changed.append("languages")
        if _hours_key(current.opening_hours.all()) != _hours_key(details.opening_hours):
            changed.append("opening_hours")
        if not changed:
            return current
        for name, value in after.items():
            setattr(current, name, value)
        current.borough = place.ward.parent
        current.ward = place.ward
        current.latitude = place.latitude
        current.longitude = place.longitude
        current.version += 1
        current.updated_at = timezone.now()
        current.save()
        if "languages" in changed:
            current.languages.set(details.languages)
        if "opening_hours" in changed:
            _set_hours(current, details.opening_hours)
        audit.record(
            actor=actor,
            action=TrailAction.UPDATE,
            obj=current,
            changes={"fields": changed, "version": [expected_version, current.version]},
        )
    return current


def set_published(*, actor: User, entry: DirectoryEntry, published: bool, reason: str = "") -> DirectoryEntry:
    """Withdraw an entry from the public (it stays, with its audits), or publish it again. Published
    is not shown: the entry is shown only once its latest audit meets the standard."""
    scope = scope_for(actor)
    scope.require(MANAGE)
    if not published and not reason.strip():
        raise ValidationError({"reason": "Say why the entry is withdrawn"})
    with transaction.atomic():
        current = policy.row_to_act_on(_entries_to_change(scope), entry.pk, "That entry was not found.")
        if current.published == published:
            return current
        current.published = published
        current.version += 1
        current.updated_at = timezone.now()
        current.save(update_fields=["published", "version", "updated_at"])
        audit.record(
            actor=actor,
            action=TrailAction.UPDATE,
            obj=current,
            changes={
                "fields": ["published"],
                "published": published,
                "version": [current.version - 1, current.version],
            },
            reason=reason.strip(),
        )
    return current
