"""Writing the calendar: adding an event, editing it (a stale edit is refused with what changed),
publishing it with the organiser's consent recorded, cancelling it, and `publish_funded_event`,
which the grants app calls when an award is made and the group agreed to its event being shown.

Every action needs `MANAGE_EVENTS` and an event in a borough of the actor's scope; each write is
audited in its own transaction, and every change bumps the event's version (iCalendar's SEQUENCE,
so subscribed calendars take the change)."""

from dataclasses import dataclass, fields, replace
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commonground.calendar import workflow
from commonground.calendar.models import Event, EventKind
from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.actions.moves import make_move, require_move
from commonground.core.conflicts import ConflictError, fields_changed_since
from commonground.core.models import Area, AuditAction, Postcode, User
from commonground.core.places_files import normalise_postcode
from commonground.core.roles import Permission

MANAGE = Permission.MANAGE_EVENTS
NOT_FOUND = "That event was not found."
NEEDS_CONSENT = (
    "This event cannot be published until the organiser's agreement is recorded: tick the box to "
    "confirm the organiser agreed to the event appearing on the public calendar"
)

# An event's fields an edit may change, with the label a conflict names them by.
EVENT_FIELDS = {
    "title": "Title",
    "description": "Description",
    "kind": "Kind of event",
    "starts_at": "Start",
    "ends_at": "End",
    "venue_name": "Venue",
    "address": "Address",
    "postcode": "Postcode",
    "borough": "Borough",
    "organiser": "Organiser",
    "website": "Website",
    "booking_link": "Booking link",
    "accessibility": "Accessibility",
    "is_free": "Free or paid",
    "cost": "Cost",
}

OTHER_LABELS = {"status": "Status", "consent_source": "Where the organiser agreed"}


class EventConflict(ConflictError):
    """Someone else saved the event after this edit began; `changed` names what they changed."""

    def __init__(self, changed: dict[str, str], current_version: int):
        super().__init__(changed, current_version)
        names = ", ".join(changed.values()) or "the event"
        self.args = (f"Someone else changed this event while you were editing it: {names}",)


@dataclass(frozen=True)
class EventDetails:
    """What a person types about an event. `borough` is used only when the postcode is not known."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    venue_name: str
    organiser: str
    borough: Area | None = None
    description: str = ""
    address: str = ""
    postcode: str = ""
    website: str = ""
    booking_link: str = ""
    accessibility: str = ""
    is_free: bool = True
    cost: str = ""


def may_manage(scope: Scope) -> bool:
    return scope.can(MANAGE)


def _checked(scope: Scope, details: EventDetails, *, new: bool) -> EventDetails:
    """The details with text trimmed and the borough settled from the postcode when it is known,
    or ValidationError naming each problem."""
    errors: dict[str, str] = {}
    text = {
        f.name: getattr(details, f.name).strip()
        for f in fields(details)
        if isinstance(getattr(details, f.name), str)
    }
    details = replace(details, **text)
    for name, message in (
        ("title", "Enter the event's title"),
        ("venue_name", "Enter the name of the venue"),
        ("organiser", "Enter the name of the organisation running the event"),
    ):
        if not getattr(details, name):
            errors[name] = message
    if details.kind not in EventKind.values:
        errors["kind"] = "Select the kind of event"
    if details.ends_at <= details.starts_at:
        errors["ends_at"] = "The end must be after the start"
    if new and details.starts_at < timezone.now():
        errors["starts_at"] = "The start must be in the future: a new event cannot begin in the past"
    if not details.is_free and not details.cost:
        errors["cost"] = "Enter what the event costs, or choose that it is free"
    borough = details.borough
    postcode = ""
    if details.postcode:
        normalised = normalise_postcode(details.postcode)
        if normalised is None:
            errors["postcode"] = "Enter a full UK postcode, like BL2 6PN"
        else:
            postcode = normalised
            found = Postcode.objects.filter(postcode=normalised).select_related("ward__parent").first()
            if found is not None and found.ward.parent is not None:
                borough = found.ward.parent
            elif borough is None:
                errors["postcode"] = (
                    f"We could not find the postcode {normalised}: check it, or choose the borough the venue is in"
                )
    if borough is None and "postcode" not in errors:
        errors["borough"] = "Select the borough the event is in, or enter the venue's postcode"
    elif borough is not None and not scope.covers_area(borough):
        errors["borough"] = "You can only add events in the boroughs you work in"
    if errors:
        raise ValidationError(errors)
    return replace(details, postcode=postcode, borough=borough)


def _event_to_change(scope: Scope, event_id: int) -> Event:
    scope.require(MANAGE)
    rows = access.visible(scope, Event.objects.select_for_update())
    return policy.row_to_act_on(rows, event_id, NOT_FOUND)


def _values(details: EventDetails) -> dict:
    return {name: getattr(details, name) for name in EVENT_FIELDS}


def add_event(*, actor: User, details: EventDetails) -> Event:
    """A new draft event; it reaches the public calendar only when published."""
    scope = scope_for(actor)
    scope.require(MANAGE)
    details = _checked(scope, details, new=True)
    with transaction.atomic():
        event = Event.objects.create(**_values(details), created_by=actor)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=event,
            changes={"title": event.title, "borough": event.borough.code, "starts_at": event.starts_at},
        )
    return event


def edit_event(*, actor: User, event: Event, expected_version: int, details: EventDetails) -> Event:
    """Change an event. If someone saved it after `expected_version`, raise EventConflict naming
    what they changed, and change nothing."""
    scope = scope_for(actor)
    scope.require(MANAGE)
    details = _checked(scope, details, new=False)
    with transaction.atomic():
        current = _event_to_change(scope, event.pk)
        if current.version != expected_version:
            raise EventConflict(
                fields_changed_since(current, expected_version, {**EVENT_FIELDS, **OTHER_LABELS}),
                current.version,
            )
        return _apply(actor, current, _values(details))


def _apply(actor: User, current: Event, values: dict) -> Event:
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    if not changed:
        return current
    version = current.version
    for name in changed:
        setattr(current, name, values[name])
    current.version += 1
    current.save(update_fields=[*changed, "version", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=current,
        changes={"fields": changed, "version": [version, current.version]},
    )
    return current


def publish_event(*, actor: User, event: Event, organiser_agreed: bool, consent_source: str = "") -> Event:
    """Put a draft on the public calendar. The organiser's agreement is recorded now (who and when)
    unless it already was; without it the event stays a draft."""
    scope = scope_for(actor)
    with transaction.atomic():
        locked = _event_to_change(scope, event.pk)
        require_move(locked, workflow.MACHINE, "publish")
        also = ["version", "updated_at"]
        if locked.consent_recorded_at is None:
            if not organiser_agreed:
                raise ValidationError({"organiser_agreed": NEEDS_CONSENT})
            locked.consent_recorded_at = timezone.now()
            locked.consent_recorded_by = actor
            locked.consent_source = consent_source.strip() or "The organiser agreed, as recorded by staff"
            also += ["consent_recorded_at", "consent_recorded_by", "consent_source"]
        return _move(actor, locked, "publish", also)


def cancel_event(*, actor: User, event: Event) -> Event:
    """Cancel an event. A published one stays in the feeds, marked cancelled, so subscribers'
    calendars update; a draft never reaches the public."""
    scope = scope_for(actor)
    with transaction.atomic():
        locked = _event_to_change(scope, event.pk)
        return _move(actor, locked, "cancel", ["version", "updated_at"])


def _move(actor: User, locked: Event, step: str, also: list[str]) -> Event:
    version = locked.version
    locked.version += 1
    before, after = make_move(locked, workflow.MACHINE, step, also=also)
    changes: dict = {"status": [before, after], "fields": ["status"], "version": [version, locked.version]}
    if "consent_source" in also:
        changes["consent_source"] = locked.consent_source
    audit.record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes)
    return locked


def publish_funded_event(
    *,
    actor: User,
    title: str,
    description: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    venue: str,
    address: str,
    postcode: str,
    borough: Area | None,
    organiser: str,
    source_reference: str,
    consent_source: str,
) -> Event:
    """Put a funded event on the public calendar, with the group's consent as `consent_source`
    words it ("The group agreed on their grant application"). Idempotent on `source_reference`
    (the grant application's reference): a second call updates the same event, never a second.
    A cancelled event keeps its details up to date but stays cancelled."""
    scope = scope_for(actor)
    scope.require(MANAGE)
    reference, consent = source_reference.strip(), consent_source.strip()
    errors = {}
    if not reference:
        errors["source_reference"] = "A funded event needs the reference of what funded it"
    if not consent:
        errors["consent_source"] = (
            "A funded event is published only with the group's consent: say where they gave it"
        )
    if errors:
        raise ValidationError(errors)
    details = _checked(
        scope,
        EventDetails(
            title=title,
            description=description,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            venue_name=venue,
            address=address,
            postcode=postcode,
            borough=borough,
            organiser=organiser,
        ),
        new=False,
    )
    try:
        with transaction.atomic():
            return _publish_funded(actor, scope, details, reference, consent)
    except IntegrityError:
        # Two calls at once for the same reference: the other created it; update that one.
        with transaction.atomic():
            return _publish_funded(actor, scope, details, reference, consent)


def _publish_funded(actor: User, scope: Scope, details: EventDetails, reference: str, consent: str) -> Event:
    existing = Event.objects.select_for_update().filter(source_reference=reference).first()
    if existing is None:
        event = Event.objects.create(
            **_values(details),
            source_reference=reference,
            consent_recorded_at=timezone.now(),
            consent_recorded_by=actor,
            consent_source=consent,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=event,
            changes={"title": event.title, "borough": event.borough.code, "source_reference": reference},
        )
        return _move(actor, event, "publish", ["version", "updated_at"])
    if not scope.covers_area(existing.borough_id):
        raise PermissionDenied(NOT_FOUND)
    event = _apply(actor, existing, {**_values(details), "consent_source": consent})
    if workflow.MACHINE.can(event.status, "publish"):
        return _move(actor, event, "publish", ["version", "updated_at"])
    return event


__all__ = [
    "EventConflict",
    "EventDetails",
    "add_event",
    "cancel_event",
    "edit_event",
    "may_manage",
    "publish_event",
    "publish_funded_event",
]
