"""Reads of the panel part of casework, each starting from the user's scope (see scoping.py).

Coordinators see the meetings of their boroughs; a panel member sees the meetings they are
recorded as attending and, on those agendas, the cases that are still open. Out of scope is 404."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from commonground.core import access, policy
from commonground.core.access import Scope
from commonground.core.audit_reads import record_list_view, record_read
from commonground.core.models import Agency, Area, User
from commonground.core.roles import Permission
from commonground.safeguarding import panel_rules, workflow
from commonground.safeguarding.models import (
    AgendaItem,
    Attendance,
    FactorDiscussion,
    InformationRequest,
    PanelDecision,
    PanelMeeting,
    Referral,
    RequestDirection,
    VulnerabilityFactor,
)
from commonground.safeguarding.queries.information import may_ask_coordinator
from commonground.safeguarding.scoping import OPEN_FOR_PANEL

# Who may read the attendance report: coordinators, and data protection officers (whose role's
# oversight permission is the audit search). It names agencies and dates, no person referred.
ATTENDANCE_REPORT_PERMISSIONS = (Permission.MANAGE_CASES, Permission.SEARCH_AUDIT_TRAIL)


# --- Coordinators ----------------------------------------------------------------------------------


def meetings_coordinated_by(scope: Scope) -> QuerySet[PanelMeeting]:
    """Meetings of the coordinator's boroughs, latest first."""
    if not scope.can(Permission.MANAGE_CASES):
        return PanelMeeting.objects.none()
    return (
        access.visible(scope, PanelMeeting)
        .filter(borough__in=scope.area_ids)
        .select_related("borough", "chair")
        .order_by("-meets_on", "-pk")
    )


def meeting_for(scope: Scope, meeting_id: int) -> PanelMeeting:
    """A meeting of the coordinator's boroughs, with its agenda and attendance. 404 otherwise."""
    return access.get_visible_or_404(
        scope,
        meetings_coordinated_by(scope).prefetch_related(
            Prefetch("agenda", AgendaItem.objects.select_related("referral", "decision")),
            Prefetch("attendance", Attendance.objects.select_related("agency", "person")),
        ),
        pk=meeting_id,
    )


@dataclass(frozen=True)
class MeetingPage:
    meeting: PanelMeeting
    referrals_to_add: list[Referral]


def open_meeting(scope: Scope, meeting_id: int) -> MeetingPage:
    """A meeting for its page, with the referrals that may be added to its agenda. Both name
    people, so each opening is audited naming every referral shown. 404 as `meeting_for`."""
    meeting = meeting_for(scope, meeting_id)
    referrals_to_add = list(referrals_for_agenda(scope, meeting))
    on_agenda = [item.referral for item in meeting.agenda.all()]
    record_read(scope=scope, obj=meeting, shown=on_agenda + referrals_to_add)
    return MeetingPage(meeting=meeting, referrals_to_add=referrals_to_add)


def agenda_item_for(scope: Scope, meeting_id: int, item_id: int) -> AgendaItem:
    """One item of a coordinator's meeting, with its referral and any decision. 404 otherwise."""
    meeting = meeting_for(scope, meeting_id)
    return access.get_visible_or_404(
        scope,
        AgendaItem.objects.filter(meeting=meeting).select_related(
            "meeting__borough", "referral__borough", "decision__decided_by"
        ),
        pk=item_id,
    )


def open_agenda_item(scope: Scope, meeting_id: int, item_id: int) -> AgendaItem:
    """An agenda item for its page (the person, the factors, the decision); each opening is
    audited with the referral as subject. 404 as `agenda_item_for`."""
    item = agenda_item_for(scope, meeting_id, item_id)
    record_read(scope=scope, obj=item, subject=item.referral)
    return item


def boroughs_for_meetings(scope: Scope) -> QuerySet[Area]:
    return Area.objects.boroughs().filter(pk__in=scope.borough_ids).defer("boundary").order_by("name")


def agencies_serving(borough: Area) -> QuerySet[Agency]:
    """Active agencies that may sit on a borough's panel: those serving it or the combined authority."""
    areas = [borough.pk] + ([borough.parent_id] if borough.parent_id else [])
    return Agency.objects.filter(
        is_active=True, pk__in=Agency.objects.filter(areas__in=areas).values("pk")
    ).order_by("name")


def people_for_panel(scope: Scope, borough: Area) -> QuerySet[User]:
    """Who may be recorded as attending a borough's panel: the coordinator's colleagues in scope
    of the agencies serving the borough, and the panel members and coordinators of partnership-wide
    agencies (the police, health, probation: serving the whole combined authority).

    The second group is outside a borough coordinator's staff directory (`visible(User)` needs an
    area in common, and theirs is the combined authority), which left the police unrecordable as
    attending and so unable to see the cases they discussed. It is read past the directory on
    purpose, bounded to staff who sit on panels for an agency serving this borough."""
    serving = agencies_serving(borough).values("pk")
    in_directory = access.visible(scope, User).filter(agency__in=serving).values("pk")
    partnership_wide = Q(pk__in=[])
    if borough.parent_id and scope.can(Permission.MANAGE_CASES):
        sits_on_panels = policy.holding(Permission.VIEW_PANEL_CASES) | policy.holding(Permission.MANAGE_CASES)
        partnership_wide = Q(
            pk__in=User.objects.filter(
                sits_on_panels, agency__in=serving, agency__areas=borough.parent_id
            ).values("pk")
        )
    return (
        User.objects.filter(Q(pk__in=in_directory) | partnership_wide, is_active=True)
        .select_related("agency")
        .order_by("first_name", "last_name", "pk")
    )


def people_for_boroughs(scope: Scope) -> QuerySet[User]:
    """Staff in scope of agencies serving any of the coordinator's boroughs (to chair a panel)."""
    boroughs = list(boroughs_for_meetings(scope))
    areas = {b.pk for b in boroughs} | {b.parent_id for b in boroughs if b.parent_id}
    agencies = Agency.objects.filter(is_active=True, areas__in=areas).values("pk")
    return (
        access.visible(scope, User)
        .filter(is_active=True, agency__in=agencies)
        .select_related("agency")
        .order_by("first_name", "last_name", "pk")
    )


def referrals_for_agenda(scope: Scope, meeting: PanelMeeting) -> QuerySet[Referral]:
    """Referrals of the meeting's borough that may be added: ready for panel, not yet on it."""
    return (
        access.visible(scope, Referral)
        .filter(borough=meeting.borough_id, status__in=workflow.statuses_allowing(workflow.PUT_ON_AGENDA))
        .exclude(agenda_items__meeting=meeting)
        .order_by("received_at")
    )


def active_factors() -> list[VulnerabilityFactor]:
    return list(VulnerabilityFactor.objects.filter(is_active=True).order_by("order", "pk"))


@dataclass(frozen=True)
class DimensionFactors:
    label: str
    rows: list  # (factor, FactorDiscussion | None)


def factor_discussion_of(scope: Scope, item: AgendaItem) -> list[DimensionFactors]:
    """Every active factor (and any discussed since retired), grouped by dimension, with the
    panel's judgement and evidence where recorded. Judgements only: never a count or a score."""
    discussed = {
        row.factor_id: row
        for row in access.visible(scope, FactorDiscussion).filter(agenda_item=item).select_related("factor")
    }
    return by_dimension(active_factors(), discussed)


def by_dimension(active: list[VulnerabilityFactor], discussed: dict) -> list[DimensionFactors]:
    """The active factors and any discussed since retired, with their discussion (factor id →
    FactorDiscussion), grouped by dimension."""
    factors = active + [row.factor for row in discussed.values() if not row.factor.is_active]
    groups = []
    for value, label in VulnerabilityFactor.Dimension.choices:
        rows = [(factor, discussed.get(factor.pk)) for factor in factors if factor.dimension == value]
        if rows:
            groups.append(DimensionFactors(label=label, rows=rows))
    return groups


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
    """What a panel member sees of a case: enough to discuss it, nothing more."""

    meeting: PanelMeeting
    item: AgendaItem
    referral: Referral
    age: int | None
    screening: list
    information: list[InformationRequest]
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
        .select_related("borough", "ward")
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
        referral=referral,
        age=age,
        screening=list(referral.screening_decisions.all()),
        information=information,
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


__all__ = [
    "ATTENDANCE_REPORT_PERMISSIONS",
    "BoroughAttendance",
    "DimensionFactors",
    "MeetingPage",
    "PanelAttendance",
    "PanelCase",
    "PanelOnAgenda",
    "active_factors",
    "agencies_serving",
    "agenda_item_for",
    "attendance_report",
    "boroughs_for_meetings",
    "can_read_attendance_report",
    "decision_of",
    "factor_discussion_of",
    "meeting_for",
    "meetings_coordinated_by",
    "open_agenda_item",
    "open_meeting",
    "open_panel_case",
    "people_for_boroughs",
    "people_for_panel",
    "record_list_view",
    "referrals_for_agenda",
    "your_panels",
]


def active_agencies() -> QuerySet[Agency]:
    """Every active agency (named on the attendance form; the action checks it serves the borough)."""
    return Agency.objects.filter(is_active=True).order_by("name")


__all__ += ["active_agencies"]
