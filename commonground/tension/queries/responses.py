"""Reads of response actions, each starting from the user's scope: the list (overdue first), one
action, the agencies that may own one, the report per agency, and the staff home's waiting list."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Agency, AreaLevel
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem
from commonground.tension.models import ActionStatus, ResponseAction, TensionAssessment, TensionReport
from commonground.tension.references import normalise_reference

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionFilter:
    OPEN = "open"
    OVERDUE = "overdue"
    CLOSED = "closed"
    ALL = "all"


def actions_visible_to(
    scope: Scope, *, show: str = ActionFilter.OPEN, agency: Agency | None = None
) -> QuerySet[ResponseAction]:
    """Actions in scope, each marked `is_overdue`; open ones soonest due first, closed ones newest."""
    now = timezone.now()
    actions = (
        access.visible(scope, ResponseAction)
        .select_related("area", "owner_agency", "tension_report", "assessment")
        .defer("area__boundary")
        .annotate(
            is_overdue=ExpressionWrapper(
                Q(status__in=OPEN_STATUSES, due_at__lt=now), output_field=BooleanField()
            )
        )
    )
    if agency is not None:
        actions = actions.filter(owner_agency=agency)
    if show == ActionFilter.OVERDUE:
        return actions.filter(status__in=OPEN_STATUSES, due_at__lt=now).order_by("due_at")
    if show == ActionFilter.CLOSED:
        return actions.exclude(status__in=OPEN_STATUSES).order_by("-completed_at", "-due_at")
    if show == ActionFilter.ALL:
        return actions.order_by(
            Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1)), "due_at"
        )
    return actions.filter(status__in=OPEN_STATUSES).order_by("due_at")


def action_for(scope: Scope, action_id: int) -> ResponseAction:
    return access.get_visible_or_404(
        scope,
        ResponseAction.objects.select_related(
            "area",
            "owner_agency",
            "tension_report",
            "assessment",
            "assessment__area",
            "created_by",
            "completed_by",
        ).defer("area__boundary", "assessment__area__boundary"),
        pk=action_id,
    )


def may_update(scope: Scope, action: ResponseAction) -> bool:
    """Whether this user may change the action's status (the action's own rule, for the page)."""
    if action.status not in OPEN_STATUSES:
        return False
    if scope.can(Permission.MANAGE_RESPONSE_ACTIONS):
        return True
    return scope.can(Permission.UPDATE_RESPONSE_ACTIONS) and action.owner_agency_id == scope.user.agency_id


def open_actions_in(scope: Scope, area_ids) -> QuerySet[ResponseAction]:
    return actions_visible_to(scope).filter(area_id__in=list(area_ids))


def owner_agencies(scope: Scope) -> QuerySet[Agency]:
    """Active agencies serving an area in scope, or the whole combined authority."""
    return (
        Agency.objects.filter(is_active=True)
        .filter(Q(areas__in=scope.area_ids) | Q(areas__level=AreaLevel.COMBINED_AUTHORITY))
        .distinct()
        .order_by("name")
    )


def linkable_report(scope: Scope, reference: str) -> TensionReport | None:
    reference = normalise_reference(reference or "")
    if not reference:
        return None
    return access.visible(scope, TensionReport).filter(reference=reference).first()


def linkable_assessment(scope: Scope, assessment_id: int | None) -> TensionAssessment | None:
    if not assessment_id:
        return None
    return (
        access.visible(scope, TensionAssessment)
        .select_related("area")
        .defer("area__boundary")
        .filter(pk=assessment_id)
        .first()
    )


@dataclass(frozen=True)
class AgencyPerformance:
    agency_id: int
    agency_name: str
    due: int
    done_on_time: int
    done_late: int
    open_overdue: int
    open_not_yet_due: int

    @property
    def on_time_percent(self) -> int | None:
        done = self.done_on_time + self.done_late
        return round(100 * self.done_on_time / done) if done else None


def performance_by_agency(scope: Scope, *, since: date, until: date) -> list[AgencyPerformance]:
    """Per owner agency, the actions in scope due between `since` and `until` (inclusive): how many
    were due, done on time, done late, still open and overdue, still open and not yet due. One
    aggregate query."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min))
    now = timezone.now()
    rows = (
        access.visible(scope, ResponseAction)
        .filter(due_at__gte=start, due_at__lt=end)
        .exclude(status=ActionStatus.CANCELLED)
        .values("owner_agency_id", "owner_agency__name")
        .annotate(
            due=Count("pk"),
            done_on_time=Count("pk", filter=Q(status=ActionStatus.DONE, completed_at__lte=F("due_at"))),
            done_late=Count("pk", filter=Q(status=ActionStatus.DONE, completed_at__gt=F("due_at"))),
            open_overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
            open_not_yet_due=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__gte=now)),
        )
        .order_by("owner_agency__name")
    )
    return [
        AgencyPerformance(
            agency_id=row["owner_agency_id"],
            agency_name=row["owner_agency__name"],
            due=row["due"],
            done_on_time=row["done_on_time"],
            done_late=row["done_late"],
            open_overdue=row["open_overdue"],
            open_not_yet_due=row["open_not_yet_due"],
        )
        for row in rows
    ]


# Actions due within this many days show on the owner agency's staff home.
DUE_SOON_DAYS = 7


def actions_due_for_agency(scope: Scope) -> list[WaitingItem]:
    """The open actions owned by the user's agency that are overdue or due within a week."""
    if scope.user.agency_id is None:
        return []
    now = timezone.now()
    actions = (
        access.visible(scope, ResponseAction)
        .filter(
            owner_agency_id=scope.user.agency_id,
            status__in=OPEN_STATUSES,
            due_at__lt=now + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("area")
        .defer("area__boundary")
        .order_by("due_at")[:20]
    )
    return [
        WaitingItem(
            label=f"{action.area.name}: {action.description[:80]}",
            url=reverse("tension:action", args=[action.pk]),
            detail=f"Due {timezone.localtime(action.due_at):%d %b %H:%M}",
            overdue=action.due_at < now,
        )
        for action in actions
    ]
