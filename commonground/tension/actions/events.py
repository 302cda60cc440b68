"""Recording trigger events: local, national and international events that may raise tension (an
attack, a court case, a march, an anniversary, an election), with the areas likely affected.

Analysts record them on the staff pages; partner systems through the API. An event may be logged
before it happens (a planned march, an anniversary): only its end must not come before its start."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import Agency, Area, AreaLevel, AuditAction, User
from commonground.core.roles import Permission
from commonground.tension.models import ExpectedImpact, TriggerEvent, TriggerEventKind, TriggerEventReach


@dataclass
class TriggerEventDetails:
    title: str
    kind: str
    reach: str
    starts_on: date
    expected_impact: str
    ends_on: date | None = None
    areas: list[Area] = field(default_factory=list)
    description: str = ""


def check_details(details: TriggerEventDetails) -> None:
    """Refuse an event that cannot be right, naming each field to correct."""
    errors: dict[str, str] = {}
    if not details.title.strip():
        errors["title"] = "Enter a short title for the event"
    for name, choices, message in (
        ("kind", TriggerEventKind, "Select what kind of event it is"),
        ("reach", TriggerEventReach, "Select whether the event is local, national or international"),
        ("expected_impact", ExpectedImpact, "Select the expected impact"),
    ):
        if getattr(details, name) not in choices.values:
            errors[name] = message
    if details.ends_on is not None and details.ends_on < details.starts_on:
        errors["ends_on"] = "The end date must be the same as or after the start date"
    if details.reach == TriggerEventReach.LOCAL and not details.areas:
        errors["areas"] = "Select the boroughs or wards likely to be affected by a local event"
    elif any(area.level not in (AreaLevel.BOROUGH, AreaLevel.WARD) for area in details.areas):
        errors["areas"] = "Select boroughs or wards (leave them blank for an event affecting everywhere)"
    if errors:
        raise ValidationError(errors)


def record_trigger_event(*, actor: User, details: TriggerEventDetails) -> TriggerEvent:
    """Log an event for analysts to weigh in their assessments."""
    scope_for(actor).require(Permission.ASSESS_TENSION)
    check_details(details)
    with transaction.atomic():
        event = _create(details, recorded_by=actor)
        audit.record(actor=actor, action=AuditAction.CREATE, obj=event, changes=_changes(details))
    return event


def record_partner_trigger_event(
    *, agency: Agency, actor_label: str, details: TriggerEventDetails
) -> TriggerEvent:
    """Log an event sent by a partner system. A retried call is answered by the API's idempotency
    keys (commonground/api/idempotency.py), which call this once per key."""
    check_details(details)
    with transaction.atomic():
        event = _create(details, recorded_by=None)
        audit.record(
            actor=None,
            actor_label=actor_label,
            action=AuditAction.CREATE,
            obj=event,
            changes={**_changes(details), "agency": agency.name, "channel": "api"},
        )
    return event


def _create(details: TriggerEventDetails, *, recorded_by: User | None) -> TriggerEvent:
    event = TriggerEvent.objects.create(
        title=details.title.strip(),
        description=details.description,
        kind=details.kind,
        reach=details.reach,
        starts_on=details.starts_on,
        ends_on=details.ends_on,
        expected_impact=details.expected_impact,
        recorded_by=recorded_by,
    )
    event.areas.set(details.areas)
    return event


def _changes(details: TriggerEventDetails) -> dict:
    return {
        "kind": details.kind,
        "reach": details.reach,
        "starts_on": details.starts_on,
        "ends_on": details.ends_on,
        "expected_impact": details.expected_impact,
        "areas": sorted(area.code for area in details.areas),
    }
