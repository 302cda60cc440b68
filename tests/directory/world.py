"""Directory entries, audits and the people who keep them, for the directory's tests and the URL
matrix: a Bolton lead, an Oldham lead, the combined authority's programme manager, and entries at
postcodes of the shipped sample."""

from datetime import time, timedelta

from django.conf import settings
from django.utils import timezone

from commonground.core.actions.places import import_postcodes
from commonground.core.models import Postcode
from commonground.core.roles import Role
from commonground.directory.actions.audits import ActionAgreed, Finding, checklist_for, record_audit
from commonground.directory.actions.entries import EntryDetails, HoursRange, add_entry
from commonground.directory.models import AuditResult, DirectoryEntry, EntryKind, Language
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

BOLTON_POSTCODE = "BL2 6PN"
OLDHAM_POSTCODE = "OL2 8AG"


def postcodes() -> None:
    if not Postcode.objects.filter(postcode=BOLTON_POSTCODE).exists():
        import_postcodes(actor=None, path=settings.DEFAULT_PLACES_DIR / "postcodes_sample.csv")


def a_lead(code: str = BOLTON, **fields):
    return staff(Role.BOROUGH_PROGRAMME_LEAD, code, **fields)


def a_manager():
    return staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)


def details(**changes) -> EntryDetails:
    values = {
        "kind": EntryKind.REPORTING_CENTRE,
        "organisation_name": "Demo Test Advice Centre",
        "address_lines": "1 Demo Street\nBolton",
        "postcode": BOLTON_POSTCODE,
        "languages": (Language.objects.get(code="ur"),),
        "opening_hours": (
            HoursRange(0, time(9), time(12, 30)),
            HoursRange(0, time(13, 30), time(17)),
            HoursRange(2, time(10), time(16)),
        ),
        "step_free_access": True,
    }
    values.update(changes)
    return EntryDetails(**values)


def a_space_details(**changes) -> EntryDetails:
    return details(kind=EntryKind.MEETING_SPACE, organisation_name="Demo Test Hall", capacity=40, **changes)


def an_entry(actor=None, **changes) -> DirectoryEntry:
    postcodes()
    return add_entry(actor=actor or a_manager(), details=details(**changes))


def all_met(entry: DirectoryEntry) -> list[Finding]:
    return [Finding(item=item, met=True) for item in checklist_for(entry.kind)]


def an_audit(entry: DirectoryEntry, actor=None, *, result=AuditResult.MEETS, days_ago: int = 10, actions=()):
    return record_audit(
        actor=actor or a_manager(),
        entry=entry,
        audited_on=timezone.localdate() - timedelta(days=days_ago),
        result=result,
        findings=all_met(entry),
        actions=list(actions),
    )


def a_world() -> dict:
    """A Bolton and an Oldham entry, each audited "meets with actions" with one open action."""
    postcodes()
    manager = a_manager()
    world: dict = {}
    for suffix, postcode in (("bolton", BOLTON_POSTCODE), ("oldham", OLDHAM_POSTCODE)):
        entry = an_entry(manager, postcode=postcode, organisation_name=f"Demo {suffix.title()} Centre")
        audit = an_audit(
            entry,
            manager,
            result=AuditResult.MEETS_WITH_ACTIONS,
            actions=[ActionAgreed("Put up signage", timezone.localdate() + timedelta(days=30))],
        )
        world[f"entry_{suffix}"] = entry
        world[f"action_{suffix}"] = audit.actions.get()
    return world


__all__ = ["BOLTON", "OLDHAM"]
