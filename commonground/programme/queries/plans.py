"""Reads of action plans, each starting from the user's scope: the plans, one plan with its
objectives, actions and projects (stale projects and overdue actions flagged), one action, what a
plan's writer may choose from, and the staff home's lists of what is waiting."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.models import Agency, Area, User
from commonground.core.queries import staff_visible_to
from commonground.core.waiting import WaitingItem
from commonground.programme import project_rules, record_workflows
from commonground.programme.actions.plans import PLAN_AREA_LEVELS, WRITE, may_move
from commonground.programme.models import (
    OPEN_ACTION_STATUSES,
    ActionPlan,
    Dimension,
    Milestone,
    Objective,
    PlanAction,
    Project,
)

# An action or milestone shows on its owner's home from this many days before it is due.
DUE_SOON_DAYS = 14


def plans(scope: Scope) -> QuerySet[ActionPlan]:
    return (
        access.visible(scope, ActionPlan)
        .select_related("area")
        .annotate(objective_count=Count("objectives", distinct=True))
        .order_by("-period_start", "area__name")
    )


def plan_or_404(scope: Scope, plan_id: int) -> ActionPlan:
    return access.get_visible_or_404(scope, ActionPlan.objects.select_related("area"), pk=plan_id)


def writable_plan_or_404(scope: Scope, plan_id: int) -> ActionPlan:
    """A plan the scope may add to: in its areas (others' plans are not found)."""
    return access.get_visible_or_404(
        scope, ActionPlan.objects.select_related("area").filter(area__in=scope.area_ids), pk=plan_id
    )


def objective_or_404(scope: Scope, objective_id: int) -> Objective:
    return access.get_visible_or_404(
        scope,
        Objective.objects.select_related("plan__area").filter(plan__area__in=scope.area_ids),
        pk=objective_id,
    )


@dataclass
class ObjectiveRow:
    objective: Objective
    dimensions: list[Dimension]
    actions: list[PlanAction]
    projects: list[Project]


@dataclass(frozen=True)
class PlanPage:
    plan: ActionPlan
    objectives: list[ObjectiveRow]
    overdue_action_ids: frozenset[int]
    stale_project_ids: frozenset[int]
    may_write: bool
    next_steps: list[tuple[str, str]] = field(default_factory=list)


def open_plan(scope: Scope, plan_id: int) -> PlanPage:
    """A plan's page. Its actions name their owners, so the opening is audited."""
    plan = plan_or_404(scope, plan_id)
    actions = access.visible(scope, PlanAction).select_related("owner_person", "owner_agency")
    projects = access.visible(scope, Project).select_related("lead_agency", "lead_person")
    objectives = (
        access.visible(scope, Objective)
        .filter(plan=plan)
        .prefetch_related(
            "dimensions",
            Prefetch("actions", queryset=actions.order_by("due_on", "pk")),
            Prefetch("projects", queryset=projects.order_by("title")),
        )
        .order_by("position", "pk")
    )
    rows = [
        ObjectiveRow(o, list(o.dimensions.all()), list(o.actions.all()), list(o.projects.all()))
        for o in objectives
    ]
    today = timezone.localdate()
    every_action = [a for row in rows for a in row.actions]
    every_project = [p for row in rows for p in row.projects]
    record_read(scope=scope, obj=plan, shown=[a for a in every_action if a.owner_person_id])
    may_write = scope.can(WRITE) and scope.covers_area(plan.area_id)
    return PlanPage(
        plan=plan,
        objectives=rows,
        overdue_action_ids=frozenset(
            a.pk for a in every_action if a.status in OPEN_ACTION_STATUSES and a.due_on < today
        ),
        stale_project_ids=frozenset(
            p.pk
            for p in every_project
            if p.start_on <= today and project_rules.is_stale(p.status_updated_on, today, p.start_on)
        ),
        may_write=may_write,
        next_steps=[
            (step, record_workflows.PLAN.label(step)) for step in record_workflows.PLAN.allowed(plan.status)
        ]
        if may_write
        else [],
    )


@dataclass(frozen=True)
class ActionPage:
    action: PlanAction
    may_edit: bool
    may_move: bool
    next_steps: list[tuple[str, str]]
    overdue: bool


def action_or_404(scope: Scope, action_id: int) -> PlanAction:
    """One action: to those following the programme in its area, and to its owner."""
    return access.get_visible_or_404(
        scope,
        PlanAction.objects.select_related("objective__plan__area", "owner_person", "owner_agency"),
        pk=action_id,
    )


def writable_action_or_404(scope: Scope, action_id: int) -> PlanAction:
    return access.get_visible_or_404(
        scope,
        PlanAction.objects.select_related("objective__plan__area", "owner_person", "owner_agency").filter(
            objective__plan__area__in=scope.area_ids
        ),
        pk=action_id,
    )


def open_action(scope: Scope, action_id: int) -> ActionPage:
    action = action_or_404(scope, action_id)
    record_read(scope=scope, obj=action, subject=action.owner_person)
    movable = may_move(scope, action)
    return ActionPage(
        action=action,
        may_edit=scope.can(WRITE) and scope.covers_area(action.objective.plan.area_id),
        may_move=movable,
        next_steps=[
            (s, record_workflows.PLAN_ACTION.label(s))
            for s in record_workflows.PLAN_ACTION.allowed(action.status)
        ]
        if movable
        else [],
        overdue=action.status in OPEN_ACTION_STATUSES and action.due_on < timezone.localdate(),
    )


def may_open_plan(scope: Scope, plan: ActionPlan) -> bool:
    return access.visible(scope, ActionPlan).filter(pk=plan.pk).exists()


# --- What a writer chooses from ---------------------------------------------------------------------


def areas_to_choose(scope: Scope) -> QuerySet[Area]:
    """The boroughs (and the combined authority, for its own plan) in the scope's areas."""
    return Area.objects.filter(pk__in=scope.area_ids, level__in=PLAN_AREA_LEVELS).order_by("level", "name")


def dimensions_to_choose() -> QuerySet[Dimension]:
    """The current framework's dimensions."""
    return Dimension.objects.filter(framework__is_current=True).order_by("framework__key", "position")


def people_to_choose(scope: Scope) -> QuerySet[User]:
    return staff_visible_to(scope).order_by("last_name", "first_name", "pk")


def agencies_to_choose() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("name")


# --- Waiting for you --------------------------------------------------------------------------------


def _when(day) -> str:
    return f"{day.day} {day:%b %Y}"


def actions_waiting_for(scope: Scope) -> list[WaitingItem]:
    """The person's own open plan actions that are overdue or due within `DUE_SOON_DAYS`."""
    today = timezone.localdate()
    actions = (
        access.visible(scope, PlanAction)
        .filter(
            owner_person=scope.user.pk,
            status__in=OPEN_ACTION_STATUSES,
            due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("objective__plan__area")
        .order_by("due_on", "pk")[:20]
    )
    return [
        WaitingItem(
            label=action.description[:80],
            url=reverse("programme:plan-action", args=[action.pk]),
            detail=f"{action.objective.plan.area.name} plan, due {_when(action.due_on)}",
            overdue=action.due_on < today,
        )
        for action in actions
    ]


def milestones_waiting_for(scope: Scope) -> list[WaitingItem]:
    """The person's own milestones not yet done that are overdue or due soon."""
    today = timezone.localdate()
    milestones = (
        access.visible(scope, Milestone)
        .filter(
            owner_person=scope.user.pk,
            done_on__isnull=True,
            due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("project")
        .order_by("due_on", "pk")[:20]
    )
    return [
        WaitingItem(
            label=milestone.title[:80],
            url=reverse("programme:project-milestone", args=[milestone.pk]),
            detail=f"Milestone of {milestone.project.title}, due {_when(milestone.due_on)}",
            overdue=milestone.due_on < today,
        )
        for milestone in milestones
    ]


def stale_projects_waiting_for(scope: Scope) -> list[WaitingItem]:
    """For those who write plans: started projects in their areas whose status has not been
    updated for 6 weeks (never updated counts from the start)."""
    if not scope.can(WRITE):
        return []
    today = timezone.localdate()
    cutoff = today - project_rules.STALE_AFTER
    projects = (
        access.visible(scope, Project)
        .filter(objective__plan__area__in=scope.area_ids, start_on__lte=today, end_on__gte=today)
        .select_related("objective__plan__area")
        .order_by("status_updated_on", "start_on", "pk")
    )
    projects = projects.filter(status_updated_on__lte=cutoff) | projects.filter(
        status_updated_on__isnull=True, start_on__lte=cutoff
    )
    return [
        WaitingItem(
            label=project.title,
            url=reverse("programme:project", args=[project.pk]),
            detail=(
                f"Status last updated {_when(project.status_updated_on)}"
                if project.status_updated_on
                else f"No status since it started {_when(project.start_on)}"
            ),
            overdue=True,
        )
        for project in projects[:20]
        if project_rules.is_stale(project.status_updated_on, today, project.start_on)
    ]
