"""The partnership forum's records: a meeting (when, where, its agenda and minutes), who attended
for which agency, and the actions agreed with an owner and a date. Those who run the forum record
them; an action's owner (or a recorder) marks it done. Each write is audited in its own
transaction; an edit made from a stale page is refused with what changed (`MeetingConflict`)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.conflicts import ConflictError, fields_changed_since
from commonground.core.models import Agency, AuditAction, NotificationKind, User
from commonground.core.notifications import Notice, item_key, notify_people
from commonground.core.roles import Permission
from commonground.programme.models import ForumAction, ForumAttendee, ForumMeeting

# The meeting's fields an edit may change, with the label a conflict names them by.
MEETING_FIELDS = {
    "held_at": "When it is held",
    "title": "Title",
    "place": "Place",
    "agenda": "Agenda",
    "minutes": "Minutes",
}


class MeetingConflict(ConflictError):
    """Someone else saved the meeting after this edit began; `changed` names what they changed."""

    def __init__(self, changed: dict[str, str], current_version: int):
        super().__init__(changed, current_version)
        names = ", ".join(changed.values()) or "the meeting's record"
        self.args = (f"Someone else changed this meeting while you were editing it: {names}",)


@dataclass(frozen=True)
class MeetingDetails:
    held_at: datetime
    title: str
    place: str = ""
    agenda: str = ""
    minutes: str = ""


def _check_details(details: MeetingDetails) -> MeetingDetails:
    if not details.title.strip():
        raise ValidationError({"title": "Enter the meeting's title"})
    return MeetingDetails(
        held_at=details.held_at,
        title=details.title.strip(),
        place=details.place.strip(),
        agenda=details.agenda.strip(),
        minutes=details.minutes.strip(),
    )


def create_meeting(*, actor: User, details: MeetingDetails) -> ForumMeeting:
    scope_for(actor).require(Permission.RUN_PARTNERSHIP_FORUM)
    details = _check_details(details)
    with transaction.atomic():
        meeting = ForumMeeting.objects.create(
            held_at=details.held_at,
            title=details.title,
            place=details.place,
            agenda=details.agenda,
            minutes=details.minutes,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=meeting,
            changes={"title": meeting.title, "held_at": meeting.held_at},
        )
    return meeting


def _meeting_to_record(scope: Scope, meeting_id: int, *, lock: bool = True) -> ForumMeeting:
    scope.require(Permission.RUN_PARTNERSHIP_FORUM)
    rows = ForumMeeting.objects.select_for_update() if lock else ForumMeeting.objects.all()
    return policy.row_to_act_on(access.visible(scope, rows), meeting_id, "That forum meeting was not found.")


def edit_meeting(
    *, actor: User, meeting: ForumMeeting, expected_version: int, details: MeetingDetails
) -> ForumMeeting:
    """Change a meeting's record. If someone saved it after `expected_version`, raise
    MeetingConflict naming what they changed, and change nothing."""
    scope = scope_for(actor)
    details = _check_details(details)
    with transaction.atomic():
        current = _meeting_to_record(scope, meeting.pk)
        if current.version != expected_version:
            raise MeetingConflict(
                fields_changed_since(current, expected_version, MEETING_FIELDS), current.version
            )
        changed = [name for name in MEETING_FIELDS if getattr(current, name) != getattr(details, name)]
        if not changed:
            return current
        for name in changed:
            setattr(current, name, getattr(details, name))
        current.version += 1
        current.save(update_fields=[*changed, "version"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"fields": changed, "version": [expected_version, current.version]},
        )
    return current


def add_attendee(
    *,
    actor: User,
    meeting: ForumMeeting,
    person: User | None = None,
    name: str = "",
    agency: Agency | None = None,
) -> ForumAttendee:
    """Someone who attended: a member of staff (for their own agency unless another is given), or a
    guest without an account, by name and agency."""
    scope = scope_for(actor)
    name = name.strip()
    errors: dict[str, str] = {}
    if person is None and not name:
        errors["person"] = "Select a member of staff, or enter a guest's name"
    if person is not None and name:
        errors["name"] = "Enter a guest's name only when the attendee is not a member of staff"
    if agency is None and person is not None:
        agency = person.agency if person.agency_id is not None else None
    if agency is None and "person" not in errors:
        errors["agency"] = "Select the agency they attended for"
    if errors or agency is None:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _meeting_to_record(scope, meeting.pk)
        if person is not None and ForumAttendee.objects.filter(meeting=locked, person=person).exists():
            raise ValidationError({"person": f"{person.get_full_name() or person} is already an attendee"})
        try:
            with transaction.atomic():
                attendee = ForumAttendee.objects.create(
                    meeting=locked, person=person, name=name, agency=agency
                )
        except IntegrityError as error:
            raise ValidationError({"person": "They are already an attendee"}) from error
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=attendee,
            changes={"meeting": locked.pk, "agency": agency.name, "guest": person is None},
        )
    return attendee


def add_action(
    *,
    actor: User,
    meeting: ForumMeeting,
    description: str,
    owner_agency: Agency | None,
    due_on: date,
    owner_person: User | None = None,
) -> ForumAction:
    """An action agreed at the meeting: what, which agency (and, if one person, who), by when."""
    scope = scope_for(actor)
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Enter what was agreed"
    if owner_agency is None and owner_person is not None and owner_person.agency_id is not None:
        owner_agency = owner_person.agency
    if owner_agency is None:
        errors["owner_agency"] = "Select the agency that owns the action"
    if errors or owner_agency is None:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _meeting_to_record(scope, meeting.pk)
        action = ForumAction.objects.create(
            meeting=locked,
            description=description.strip(),
            owner_agency=owner_agency,
            owner_person=owner_person,
            due_on=due_on,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=action,
            changes={
                "meeting": locked.pk,
                "owner_agency": owner_agency.name,
                "owner_person": owner_person.pk if owner_person else None,
                "due_on": due_on,
            },
        )
        if owner_person is not None:
            _tell_owner(action, owner_person, actor=actor)
    return action


def _tell_owner(action: ForumAction, owner_person: User, *, actor: User) -> None:
    """The owner learns an action waits for them (not its words); not when they took it themself."""
    owner = policy.who_may(Permission.USE_STAFF_AREA).filter(pk=owner_person.pk).exclude(pk=actor.pk)
    notify_people(
        owner,
        Notice(
            kind=NotificationKind.FORUM_ACTION_ASSIGNED,
            item_key=item_key(action),
            subject=f"A partnership forum action for you, due {action.due_on:%-d %B %Y}",
            url=reverse("programme:forum-action", args=[action.pk]),
        ),
    )


def may_mark_done(scope: Scope, action: ForumAction) -> bool:
    """The action's owner, or someone who records the forum's meetings, while it is not done."""
    if action.done_on is not None:
        return False
    return action.owner_person_id == scope.user.pk or scope.can(Permission.RUN_PARTNERSHIP_FORUM)


def mark_action_done(*, actor: User, action: ForumAction, done_on: date | None = None) -> ForumAction:
    scope = scope_for(actor)
    with transaction.atomic():
        locked = policy.row_to_act_on(
            access.visible(scope, ForumAction.objects.select_for_update()),
            action.pk,
            "That forum action was not found.",
        )
        if locked.done_on is not None:
            raise ValidationError(
                f"This action was already marked done on {locked.done_on.day} {locked.done_on:%B %Y}."
            )
        if not may_mark_done(scope, locked):
            raise PermissionDenied("Only the action's owner or someone who runs the forum can mark it done.")
        today = timezone.localdate()
        done_on = done_on or today
        if done_on > today:
            raise ValidationError({"done_on": "The day it was done must be today or in the past"})
        locked.done_on = done_on
        locked.save(update_fields=["done_on"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={"done_on": done_on, "on_time": done_on <= locked.due_on},
        )
    return locked
