"""Reads of panel meetings for coordinators, each starting from the user's scope (see scoping.py):
the meetings of their boroughs, agendas, the people and agencies to invite, and the factors
discussed. Out of scope is 404."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from commonground.core import access, policy
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.models import Agency, Area, User
from commonground.core.roles import Permission
from commonground.safeguarding import workflow
from commonground.safeguarding.models import (
    AgendaItem,
    Attendance,
    FactorDiscussion,
    PanelMeeting,
    Referral,
    VulnerabilityFactor,
)

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


def active_agencies() -> QuerySet[Agency]:
    """Every active agency (named on the attendance form; the action checks it serves the borough)."""
    return Agency.objects.filter(is_active=True).order_by("name")


__all__ = [
    "DimensionFactors",
    "MeetingPage",
    "active_agencies",
    "active_factors",
    "agencies_serving",
    "agenda_item_for",
    "boroughs_for_meetings",
    "factor_discussion_of",
    "meeting_for",
    "meetings_coordinated_by",
    "open_agenda_item",
    "open_meeting",
    "people_for_boroughs",
    "people_for_panel",
    "referrals_for_agenda",
]
