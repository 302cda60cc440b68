"""Reads for panel members, and the attendance report, each starting from the user's scope (see
scoping.py).

A panel member sees the meetings they are recorded as attending and, on those agendas, the cases
that are still open. Out of scope is 404."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_list_view, record_read
from commonground.core.models import Agency, Area
from commonground.core.roles import Permission
from commonground.core.sensitivity import Purpose, RecordView, view_of, views_of
from commonground.safeguarding import panel_rules
from commonground.safeguarding.models import (
    AgendaItem,
    Attendance,
    InformationRequest,
    PanelDecision,
    PanelMeeting,
    Referral,
    RequestDirection,
)
from commonground.safeguarding.queries.information import may_ask_coordinator
from commonground.safeguarding.queries.panels import (
    DimensionFactors,
    boroughs_for_meetings,
    factor_discussion_of,
)
from commonground.safeguarding.scoping import OPEN_FOR_PANEL

# Who may read the attendance report: coordinators, and data protection officers (whose role's
# oversight permission is the audit search). It names agencies and dates, no person referred.
ATTENDANCE_REPORT_PERMISSIONS = (Permission.MANAGE_CASES, Permission.SEARCH_AUDIT_TRAIL)


# --- Panel members ---------------------------------------------------------------------------------


@dataclass
class PanelOnAgenda:
    meeting: PanelMeeting
    cases: list[AgendaItem] = field(default_factory=list)
    # Recorded as attending (or, for a meeting still to come, as expected to): only then are the
    # names on the agenda shown. Someone who sent apologies sees the meeting, not who is discussed.
    attending: bool = True


def your_panels(scope: Scope) -> list[PanelOnAgenda]:
    """The meetings this person is recorded at, with the open cases on each agenda where they are
    recorded as attending; none where they only sent apologies. Listing names is audited: one
    event naming the referrals shown."""
    if not scope.can(Permission.VIEW_PANEL_CASES):
        return []
    attending = Attendance.objects.filter(meeting=OuterRef("pk"), person=scope.user, attended=True)
    meetings = (
        access.visible(scope, PanelMeeting)
        .filter(attendance__person=scope.user)
        .distinct()
        .annotate(attending=Exists(attending))
        .select_related("borough", "chair")
        .prefetch_related(
            Prefetch(
                "agenda",
                AgendaItem.objects.filter(referral__status__in=OPEN_FOR_PANEL).select_related("referral"),
                to_attr="open_items",
            )
        )
        .order_by("-meets_on", "-pk")
    )
    panels = [
        PanelOnAgenda(
            meeting=meeting,
            cases=meeting.open_items if meeting.attending else [],
            attending=meeting.attending,
        )
        for meeting in meetings
    ]
    record_list_view(
        scope=scope,
        records=[item.referral for panel in panels for item in panel.cases],
        list_name="Your panels",
    )
    return panels


@dataclass(frozen=True)
class PanelCase:
    """What a panel member sees of a case: enough to discuss it, nothing more. The referral, its
    screening and the partners' answers are views for the panel's purpose (core.sensitivity): the
    fields the panel does not need (where the person lives, who referred them and how to reach the
    referrer, equality monitoring) are not in them."""

    meeting: PanelMeeting
    item: AgendaItem
    referral: RecordView
    age: int | None
    screening: list[RecordView]
    information: list[RecordView]
    factors: list[DimensionFactors]
    # Whether the member's agency may ask the coordinator about the case (it is part of it).
    may_ask_coordinator: bool = False


def open_panel_case(scope: Scope, meeting_id: int, referral_id: int) -> PanelCase:
    """A case on the agenda of a meeting this panel member attends, while it is open. 404 otherwise
    (not on their agenda, or it has left the open statuses). Each opening is audited."""
    scope.require(Permission.VIEW_PANEL_CASES)
    meeting = access.get_visible_or_404(
        scope,
        PanelMeeting.objects.filter(attendance__person=scope.user, attendance__attended=True)
        .distinct()
        .select_related("borough"),
        pk=meeting_id,
    )
    referral = access.get_visible_or_404(
        scope,
        Referral.objects.filter(
            status__in=OPEN_FOR_PANEL,
            agenda_items__meeting=meeting,
            agenda_items__meeting__attendance__person=scope.user,
        )
        .distinct()
        .select_related("borough")
        .prefetch_related("screening_decisions"),
        pk=referral_id,
    )
    item = access.get_visible_or_404(scope, AgendaItem, meeting=meeting, referral=referral)
    information = list(
        access.visible(scope, InformationRequest)
        .filter(referral=referral, direction=RequestDirection.TO_AGENCY)
        .exclude(answer="")
        .select_related("agency")
        .order_by("answered_at", "pk")
    )
    today = timezone.localdate()
    age = panel_rules.age_on(
        today,
        date_of_birth=referral.date_of_birth,
        age_years=referral.age_years,
        age_given_on=timezone.localtime(referral.received_at).date(),
    )
    record_read(scope=scope, obj=referral, subject=referral)
    return PanelCase(
        meeting=meeting,
        item=item,
        referral=view_of(referral, Purpose.PANEL),
        age=age,
        screening=views_of(referral.screening_decisions.all(), Purpose.PANEL),
        information=views_of(information, Purpose.PANEL),
        factors=factor_discussion_of(scope, item),
        may_ask_coordinator=may_ask_coordinator(scope, referral.pk),
    )


def decision_of(scope: Scope, item: AgendaItem) -> PanelDecision | None:
    return access.visible(scope, PanelDecision).filter(agenda_item=item).first()


# --- The attendance report -------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelAttendance:
    meeting: PanelMeeting
    agencies: list[Agency]
    police_present: bool
    # How many attended for police agencies and for health agencies (apologies not counted).
    police_attendees: int = 0
    health_attendees: int = 0

    @property
    def health_present(self) -> bool:
        return self.health_attendees > 0


@dataclass(frozen=True)
class BoroughAttendance:
    borough: Area
    panels: list[PanelAttendance]

    @property
    def without_police(self) -> int:
        return sum(1 for panel in self.panels if not panel.police_present)

    @property
    def without_health(self) -> int:
        return sum(1 for panel in self.panels if not panel.health_present)


def can_read_attendance_report(scope: Scope) -> bool:
    return any(scope.can(permission) for permission in ATTENDANCE_REPORT_PERMISSIONS)


def attendance_report(
    scope: Scope, *, date_from: date, date_to: date, borough: Area | None = None
) -> list[BoroughAttendance]:
    """Panels held in the period in the boroughs in scope (or one of them), each with the agencies
    that attended (apologies do not count), whether the police were there, and how many attended
    for police and for health agencies (by the agency's kind, whatever area it serves).

    Coordinators and data protection officers read it; it goes past `visible(PanelMeeting)` on
    purpose, bounded by the boroughs in the reader's scope, because it returns agencies and dates
    only: no attendee and no person referred. Three queries whatever the number of panels."""
    if not can_read_attendance_report(scope):
        return []
    boroughs = list(boroughs_for_meetings(scope))
    if borough is not None:
        boroughs = [b for b in boroughs if b.pk == borough.pk]
    meetings = (
        PanelMeeting.objects.filter(
            borough__in=[b.pk for b in boroughs], meets_on__gte=date_from, meets_on__lte=date_to
        )
        .order_by("meets_on", "pk")
        .prefetch_related(
            Prefetch(
                "attendance",
                Attendance.objects.filter(attended=True).select_related("agency").order_by("agency__name"),
                to_attr="present",
            )
        )
    )
    by_borough: dict[int, list[PanelAttendance]] = defaultdict(list)
    for meeting in meetings:
        agencies = list({row.agency_id: row.agency for row in meeting.present}.values())
        kinds = [row.agency.kind for row in meeting.present]
        by_borough[meeting.borough_id].append(
            PanelAttendance(
                meeting=meeting,
                agencies=agencies,
                police_present=panel_rules.police_present(a.kind for a in agencies),
                police_attendees=panel_rules.attendees_of_kind(kinds, panel_rules.POLICE_KIND),
                health_attendees=panel_rules.attendees_of_kind(kinds, panel_rules.HEALTH_KIND),
            )
        )
    return [BoroughAttendance(borough=b, panels=by_borough.get(b.pk, [])) for b in boroughs]


@dataclass(frozen=True)
class PolicePresence:
    panels: int
    with_police: int


def police_presence(scope: Scope, *, borough: Area, date_from: date, date_to: date) -> PolicePresence | None:
    """How many of a borough's Channel panels held in the period the police attended: two numbers,
    the evidence a borough's self-assessment asks for. Whoever reads the attendance report may ask,
    and so may those following the programme in that borough (two counts name no agency, attendee
    or person referred). None for anyone else. Two queries."""
    may_ask = can_read_attendance_report(scope) and borough.pk in scope.borough_ids
    following = scope.can(Permission.VIEW_PROGRAMME) and scope.covers_area(borough)
    if not (may_ask or following):
        return None
    meetings = PanelMeeting.objects.filter(borough=borough, meets_on__gte=date_from, meets_on__lte=date_to)
    police = Attendance.objects.filter(
        meeting=OuterRef("pk"), attended=True, agency__kind=panel_rules.POLICE_KIND
    )
    return PolicePresence(panels=meetings.count(), with_police=meetings.filter(Exists(police)).count())


__all__ = [
    "ATTENDANCE_REPORT_PERMISSIONS",
    "BoroughAttendance",
    "PanelAttendance",
    "PanelCase",
    "PanelOnAgenda",
    "PolicePresence",
    "attendance_report",
    "can_read_attendance_report",
    "decision_of",
    "open_panel_case",
    "police_presence",
    "record_list_view",
    "your_panels",
]
