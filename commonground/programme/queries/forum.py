"""Reads of the partnership forum, each starting from the user's scope: the meetings, one meeting
with its attendees grouped by agency and its actions, one action, the people and agencies a
recorder may choose from, and the staff home's list of one's own actions falling due."""

from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.models import Agency, User
from commonground.core.queries import staff_visible_to
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem
from commonground.programme.models import ForumAction, ForumAttendee, ForumMeeting

# A forum action shows on its owner's home from this many days before it is due.
DUE_SOON_DAYS = 14


def meetings(scope: Scope) -> QuerySet[ForumMeeting]:
    """Meetings newest first, each with how many attended and how many actions are still open."""
    return (
        access.visible(scope, ForumMeeting)
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            open_action_count=Count("actions", filter=Q(actions__done_on__isnull=True), distinct=True),
        )
        .order_by("-held_at", "-pk")
    )


def meeting_or_404(scope: Scope, meeting_id: int) -> ForumMeeting:
    return access.get_visible_or_404(scope, ForumMeeting, pk=meeting_id)


@dataclass(frozen=True)
class AgencyAttendance:
    agency: Agency
    attendees: list[ForumAttendee]


@dataclass(frozen=True)
class MeetingPage:
    meeting: ForumMeeting
    by_agency: list[AgencyAttendance]
    actions: list[ForumAction]
    overdue_ids: frozenset[int]


def open_meeting(scope: Scope, meeting_id: int) -> MeetingPage:
    """A meeting's page: who attended (by agency) and the actions agreed. It names people, so the
    opening is audited."""
    meeting = access.get_visible_or_404(
        scope, ForumMeeting.objects.select_related("created_by"), pk=meeting_id
    )
    attendees = list(
        access.visible(scope, ForumAttendee)
        .filter(meeting=meeting)
        .select_related("agency", "person")
        .order_by("agency__name", "person__last_name", "name")
    )
    by_agency = [
        AgencyAttendance(agency=agency, attendees=list(group))
        for agency, group in groupby(attendees, key=lambda attendee: attendee.agency)
    ]
    actions = list(
        access.visible(scope, ForumAction)
        .filter(meeting=meeting)
        .select_related("owner_agency", "owner_person")
        .order_by("done_on", "due_on", "pk")
    )
    today = timezone.localdate()
    record_read(scope=scope, obj=meeting)
    return MeetingPage(
        meeting=meeting,
        by_agency=by_agency,
        actions=actions,
        overdue_ids=frozenset(a.pk for a in actions if a.done_on is None and a.due_on < today),
    )


def action_for(scope: Scope, action_id: int) -> ForumAction:
    """One action: to those following the programme, and to its owner."""
    return access.get_visible_or_404(
        scope,
        ForumAction.objects.select_related("meeting", "owner_agency", "owner_person"),
        pk=action_id,
    )


def may_open_meeting(scope: Scope) -> bool:
    return scope.can(Permission.VIEW_PROGRAMME)


def people_to_choose(scope: Scope) -> QuerySet[User]:
    """Staff a recorder may name as an attendee or an owner: the colleagues their scope shows."""
    return staff_visible_to(scope).order_by("last_name", "first_name", "pk")


def agencies_to_choose() -> QuerySet[Agency]:
    """Every active partner agency: the forum is the whole partnership's."""
    return Agency.objects.filter(is_active=True).order_by("name")


def actions_waiting_for(scope: Scope) -> list[WaitingItem]:
    """The person's own open forum actions that are overdue or due within `DUE_SOON_DAYS`."""
    today = timezone.localdate()
    actions = (
        access.visible(scope, ForumAction)
        .filter(
            owner_person=scope.user.pk,
            done_on__isnull=True,
            due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("meeting")
        .order_by("due_on", "pk")[:20]
    )
    return [
        WaitingItem(
            label=action.description[:80],
            url=reverse("programme:forum-action", args=[action.pk]),
            detail=f"From {action.meeting.title}, due {action.due_on.day} {action.due_on:%b %Y}",
            overdue=action.due_on < today,
        )
        for action in actions
    ]
