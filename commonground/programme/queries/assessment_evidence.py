"""Evidence from the product itself, offered beside a borough's self-assessment: its tension levels
and response actions (tension monitoring), its Channel panels' attendance (casework), training
completed and the open actions of its plan. Figures only, no person.

Each source is read through the reader's scope and the owning app's public queries. A source the
reader may not see is named with the reason, never left out silently: the page must not suggest the
borough has nothing to show when it is only that this reader cannot see it."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area
from commonground.core.roles import Permission
from commonground.programme.models import (
    OPEN_ACTION_STATUSES,
    Attendance,
    AttendanceStatus,
    FrontLineStaff,
    PlanAction,
)
from commonground.safeguarding.queries.panel_members import police_presence
from commonground.tension.models import ActionStatus, ResponseAction
from commonground.tension.queries.assessments import assessments_visible_to


@dataclass(frozen=True)
class LevelWeeks:
    name: str
    rank: int
    weeks: int


@dataclass(frozen=True)
class TensionEvidence:
    levels: list[LevelWeeks]  # lowest level first, only those assessed
    actions_due: int
    actions_done_on_time: int
    actions_done_late: int
    actions_open_overdue: int

    @property
    def weeks_assessed(self) -> int:
        return sum(level.weeks for level in self.levels)

    @property
    def highest(self) -> LevelWeeks | None:
        return self.levels[-1] if self.levels else None


@dataclass(frozen=True)
class PanelEvidence:
    panels: int
    with_police: int


@dataclass(frozen=True)
class TrainingEvidence:
    front_line_staff: int
    completed_in_period: int
    only_own_record: bool  # the reader sees their own training record only


@dataclass(frozen=True)
class PlanEvidence:
    open_actions: int
    overdue: int


@dataclass(frozen=True)
class ProductEvidence:
    """Each source's figures, or None with the reason the reader cannot see it."""

    borough: Area
    period_start: date
    period_end: date
    tension: TensionEvidence | None
    tension_refused: str
    panels: PanelEvidence | None
    panels_refused: str
    training: TrainingEvidence | None
    training_refused: str
    plan: PlanEvidence | None
    plan_refused: str


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def _tension(scope: Scope, borough: Area, start: date, end: date, today: date) -> TensionEvidence:
    """Weeks at each level (the borough's own assessments, weekly or ad hoc) and the response
    actions due in the period in the borough or its wards. Two queries."""
    levels = (
        assessments_visible_to(scope, area=borough, since=start - timedelta(days=start.weekday()))
        .filter(week_starting_on__lte=end)
        .order_by()
        .values("level__name", "level__rank")
        .annotate(weeks=Count("week_starting_on", distinct=True))
    )
    begin, finish = _day_bounds(start, end)
    now = timezone.make_aware(datetime.combine(today, time.min))
    actions = (
        access.visible(scope, ResponseAction)
        .filter(Q(area=borough) | Q(area__parent=borough), due_at__gte=begin, due_at__lt=finish)
        .exclude(status=ActionStatus.CANCELLED)
        .aggregate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(status=ActionStatus.DONE, completed_at__lte=F("due_at"))),
            late=Count("pk", filter=Q(status=ActionStatus.DONE, completed_at__gt=F("due_at"))),
            overdue=Count(
                "pk",
                filter=Q(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS), due_at__lt=now),
            ),
        )
    )
    return TensionEvidence(
        levels=sorted(
            (LevelWeeks(row["level__name"], row["level__rank"], row["weeks"]) for row in levels),
            key=lambda level: level.rank,
        ),
        actions_due=actions["due"],
        actions_done_on_time=actions["on_time"],
        actions_done_late=actions["late"],
        actions_open_overdue=actions["overdue"],
    )


def _panels(scope: Scope, borough: Area, start: date, end: date) -> PanelEvidence | None:
    """From casework: panels held and how many the police attended (two counts; no one referred)."""
    presence = police_presence(scope, borough=borough, date_from=start, date_to=end)
    if presence is None:
        return None
    return PanelEvidence(panels=presence.panels, with_police=presence.with_police)


def _training(scope: Scope, borough: Area, start: date, end: date) -> TrainingEvidence:
    """A minimal count from the training records the reader may see: the front-line staff of the
    agencies serving the borough, and how many of them completed a course in the period."""
    front_line = access.visible(scope, FrontLineStaff).filter(person__agency__areas=borough)
    figures = front_line.aggregate(staff=Count("person", distinct=True))
    completed = (
        access.visible(scope, Attendance)
        .filter(
            status=AttendanceStatus.COMPLETED,
            completed_on__gte=start,
            completed_on__lte=end,
            person__in=front_line.values("person"),
        )
        .values("person")
        .distinct()
        .count()
    )
    return TrainingEvidence(
        front_line_staff=figures["staff"],
        completed_in_period=completed,
        only_own_record=not scope.can(Permission.LEAD_AGENCY_TRAINING),
    )


def _plan(scope: Scope, borough: Area, start: date, end: date, today: date) -> PlanEvidence:
    """Open actions of the borough's plans that overlap the period. One query."""
    figures = (
        access.visible(scope, PlanAction)
        .filter(
            objective__plan__area=borough,
            objective__plan__period_start__lte=end,
            objective__plan__period_end__gte=start,
            status__in=OPEN_ACTION_STATUSES,
        )
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    )
    return PlanEvidence(open_actions=figures["open"], overdue=figures["overdue"])


def product_evidence(
    scope: Scope, borough: Area, period_start: date, period_end: date, *, today: date | None = None
) -> ProductEvidence:
    """What the product already knows about the borough over the period, for its self-assessment.
    The borough must be one the reader follows the programme in; a source the reader may not see
    comes back as None with the reason."""
    scope.require(Permission.VIEW_PROGRAMME)
    today = today or timezone.localdate()
    in_scope = scope.covers_area(borough)
    tension = panels = training = plan = None
    tension_refused = panels_refused = training_refused = plan_refused = ""
    if not in_scope:
        tension_refused = panels_refused = training_refused = plan_refused = (
            "This borough is outside your areas."
        )
    else:
        if scope.can(Permission.VIEW_TENSION):
            tension = _tension(scope, borough, period_start, period_end, today)
        else:
            tension_refused = (
                "You cannot see community tension, so its levels and response actions are not shown."
            )
        panels = _panels(scope, borough, period_start, period_end)
        if panels is None:
            panels_refused = (
                "Channel panel attendance is shown to case coordinators, data protection officers "
                "and those following the programme in this borough."
            )
        training = _training(scope, borough, period_start, period_end)
        plan = _plan(scope, borough, period_start, period_end, today)
    return ProductEvidence(
        borough=borough,
        period_start=period_start,
        period_end=period_end,
        tension=tension,
        tension_refused=tension_refused,
        panels=panels,
        panels_refused=panels_refused,
        training=training,
        training_refused=training_refused,
        plan=plan,
        plan_refused=plan_refused,
    )
