"""Action plans: a plan for an area and a period, its objectives (each serving framework dimensions)
and its actions (an owner person and agency, resources, a start and a due date, a status moved
through `record_workflows.PLAN_ACTION`). Those who complete self-assessments write the plans of the
areas in their scope; each write is audited in its own transaction. An action edited from a stale
page is refused with what changed (`ActionConflict`)."""

from dataclasses import dataclass
from datetime import date
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.actions.moves import make_move
from commonground.core.conflicts import ConflictError, fields_changed_since
from commonground.core.models import Agency, Area, AreaLevel, AuditAction, NotificationKind, User
from commonground.core.notifications import Notice, item_key, notify_people
from commonground.core.roles import Permission
from commonground.programme import record_workflows
from commonground.programme.models import ActionPlan, ActionStatus, Dimension, Objective, PlanAction

WRITE = Permission.COMPLETE_SELF_ASSESSMENTS
PLAN_AREA_LEVELS = (AreaLevel.BOROUGH, AreaLevel.COMBINED_AUTHORITY)

# An action's fields an edit may change, with the label a conflict names them by.
ACTION_FIELDS = {
    "description": "What will be done",
    "owner_person": "Owner",
    "owner_agency": "Owning agency",
    "resources": "Resources",
    "start_on": "Start date",
    "due_on": "Due date",
}


class PlanExists(ValidationError):
    """The area already has a plan for that period: `existing` is it, for a link to open it."""

    def __init__(self, existing: ActionPlan):
        self.existing = existing
        super().__init__(
            f"{existing.area.name} already has a plan starting {existing.period_start:%-d %B %Y}: "
            f"{existing.title}. Open it to add to it instead."
        )


PLAN_FIELDS = {"title": "Title", "period_start": "Start of the period", "period_end": "End of the period"}


class PlanConflict(ConflictError):
    """Someone else saved the plan after this edit began; `changed` names what they changed."""

    def __init__(self, changed: dict[str, str], current_version: int):
        super().__init__(changed, current_version)
        names = ", ".join(changed.values()) or "the plan"
        self.args = (f"Someone else changed this plan while you were editing it: {names}",)


class ActionConflict(ConflictError):
    """Someone else saved the action after this edit began; `changed` names what they changed."""

    def __init__(self, changed: dict[str, str], current_version: int):
        super().__init__(changed, current_version)
        names = ", ".join(changed.values()) or "the action"
        self.args = (f"Someone else changed this action while you were editing it: {names}",)


def may_write(scope: Scope) -> bool:
    return scope.can(WRITE)


def writable(scope: Scope, rows: models.QuerySet, area_path: str) -> models.QuerySet:
    """Rows the scope may change: it completes self-assessments, and the row's area is its own
    (an action's owner sees their action but does not edit the plan)."""
    scope.require(WRITE)
    return access.visible(scope, rows).filter(**{f"{area_path}__in": scope.area_ids})


def _plan_to_change(scope: Scope, plan_id: int) -> ActionPlan:
    rows = writable(scope, ActionPlan.objects.select_for_update(), "area")
    return policy.row_to_act_on(rows, plan_id, "That action plan was not found.")


def _check_dates(start: date | None, end: date, *, start_field: str, end_field: str, what: str) -> None:
    if start is not None and end < start:
        raise ValidationError(
            {
                end_field: f"The {what} must be on or after the start date ({start:%-d %B %Y}). Check both dates."
            }
        )


# The owner of a newly assigned (or reassigned) action is told it waits for them.
ASSIGNED_KIND = NotificationKind.PLAN_ACTION_ASSIGNED


def action_assigned(action: PlanAction, *, actor: User) -> None:
    """Tell the action's owner it is theirs (not the person who assigned it to themselves). The
    notice names the kind of work and the due date only."""
    if action.owner_person_id is None:
        return
    owner = policy.who_may(Permission.USE_STAFF_AREA).filter(pk=action.owner_person_id).exclude(pk=actor.pk)
    notify_people(
        owner,
        Notice(
            kind=ASSIGNED_KIND,
            item_key=item_key(action),
            subject=f"An action plan action for you, due {action.due_on:%-d %B %Y}",
            url=reverse("programme:plan-action", args=[action.pk]),
        ),
    )


# --- Plans and objectives --------------------------------------------------------------------------


def create_plan(*, actor: User, area: Area, title: str, period_start: date, period_end: date) -> ActionPlan:
    """A plan for an area in the actor's scope; refused kindly if the period ends before it starts,
    and with `PlanExists` (naming the plan) if the area has one for that period already."""
    scope = scope_for(actor)
    scope.require(WRITE)
    if area.level not in PLAN_AREA_LEVELS or not scope.covers_area(area):
        raise PermissionDenied("You can write plans only for the boroughs you work in.")
    if not title.strip():
        raise ValidationError({"title": "Enter the plan's title"})
    _check_dates(
        period_start, period_end, start_field="period_start", end_field="period_end", what="end date"
    )
    with transaction.atomic():
        existing = ActionPlan.objects.filter(
            area=area, period_start__lte=period_end, period_end__gte=period_start
        )
        first_existing = existing.select_related("area").order_by("period_start").first()
        if first_existing is not None:
            raise PlanExists(first_existing)
        try:
            with transaction.atomic():
                plan = ActionPlan.objects.create(
                    area=area,
                    title=title.strip(),
                    period_start=period_start,
                    period_end=period_end,
                    created_by=actor,
                )
        except IntegrityError:
            raise PlanExists(
                ActionPlan.objects.select_related("area").get(area=area, period_start=period_start)
            ) from None
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=plan,
            changes={"area": area.name, "period": [period_start, period_end]},
        )
    return plan


def edit_plan(
    *, actor: User, plan: ActionPlan, expected_version: int, title: str, period_start: date, period_end: date
) -> ActionPlan:
    """Change a plan's title or period. If someone saved it after `expected_version`, raise
    PlanConflict naming what they changed, and change nothing."""
    scope = scope_for(actor)
    if not title.strip():
        raise ValidationError({"title": "Enter the plan's title"})
    _check_dates(
        period_start, period_end, start_field="period_start", end_field="period_end", what="end date"
    )
    wanted = {"title": title.strip(), "period_start": period_start, "period_end": period_end}
    with transaction.atomic():
        current = _plan_to_change(scope, plan.pk)
        if current.version != expected_version:
            raise PlanConflict(
                fields_changed_since(current, expected_version, _labelled(PLAN_FIELDS)), current.version
            )
        clash = ActionPlan.objects.filter(
            area=current.area_id, period_start__lte=period_end, period_end__gte=period_start
        ).exclude(pk=current.pk)
        first_clash = clash.select_related("area").order_by("period_start").first()
        if first_clash is not None:
            raise PlanExists(first_clash)
        changed = [name for name, value in wanted.items() if getattr(current, name) != value]
        if not changed:
            return current
        for name in changed:
            setattr(current, name, wanted[name])
        current.version += 1
        current.save(update_fields=[*changed, "version", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"fields": changed, "version": [expected_version, current.version]},
        )
    return current


def move_plan(*, actor: User, plan: ActionPlan, step: str) -> ActionPlan:
    """Start working the plan, or close it, as `record_workflows.PLAN` allows."""
    scope = scope_for(actor)
    with transaction.atomic():
        locked = _plan_to_change(scope, plan.pk)
        before, after = make_move(locked, record_workflows.PLAN, step, error_field="step")
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"status": [before, after]})
    return locked


def add_objective(
    *, actor: User, plan: ActionPlan, title: str, description: str = "", dimensions=()
) -> Objective:
    scope = scope_for(actor)
    if not title.strip():
        raise ValidationError({"title": "Enter the objective"})
    with transaction.atomic():
        locked = _plan_to_change(scope, plan.pk)
        position = (locked.objectives.aggregate(last=models.Max("position"))["last"] or 0) + 1
        objective = Objective.objects.create(
            plan=locked, position=position, title=title.strip(), description=description.strip()
        )
        chosen = list(Dimension.objects.filter(pk__in=[getattr(d, "pk", d) for d in dimensions]))
        objective.dimensions.set(chosen)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=objective,
            changes={"plan": locked.pk, "dimensions": [d.key for d in chosen]},
        )
    return objective


# --- Actions ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionDetails:
    description: str
    owner_agency: Agency | None
    due_on: date
    owner_person: User | None = None
    resources: str = ""
    start_on: date | None = None


def _check_action(details: ActionDetails) -> ActionDetails:
    errors: dict[str, str] = {}
    if not details.description.strip():
        errors["description"] = "Enter what will be done"
    agency = details.owner_agency
    if agency is None and details.owner_person is not None and details.owner_person.agency_id:
        agency = details.owner_person.agency
    if agency is None:
        errors["owner_agency"] = "Select the agency that owns the action"
    if errors:
        raise ValidationError(errors)
    _check_dates(
        details.start_on, details.due_on, start_field="start_on", end_field="due_on", what="due date"
    )
    return ActionDetails(
        description=details.description.strip(),
        owner_agency=agency,
        due_on=details.due_on,
        owner_person=details.owner_person,
        resources=details.resources.strip(),
        start_on=details.start_on,
    )


def add_action(*, actor: User, objective: Objective, details: ActionDetails) -> PlanAction:
    """An action under an objective; its owner (if a person) is told it is theirs."""
    scope = scope_for(actor)
    details = _check_action(details)
    with transaction.atomic():
        _plan_to_change(scope, objective.plan_id)
        action = PlanAction.objects.create(
            objective=objective,
            description=details.description,
            owner_person=details.owner_person,
            owner_agency=cast(Agency, details.owner_agency),  # _check_action made sure of it
            resources=details.resources,
            start_on=details.start_on,
            due_on=details.due_on,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=action,
            changes={
                "objective": objective.pk,
                "owner_agency": details.owner_agency.name,  # type: ignore[union-attr]
                "owner_person": details.owner_person.pk if details.owner_person else None,
                "due_on": details.due_on,
            },
        )
        if details.owner_person is not None:
            action_assigned(action, actor=actor)
    return action


def _action_to_change(scope: Scope, action_id: int) -> PlanAction:
    rows = writable(scope, PlanAction.objects.select_for_update(), "objective__plan__area")
    return policy.row_to_act_on(rows, action_id, "That action was not found.")


def edit_action(
    *, actor: User, action: PlanAction, expected_version: int, details: ActionDetails
) -> PlanAction:
    """Change an action. If someone saved it after `expected_version`, raise ActionConflict naming
    what they changed, and change nothing. A new owner is told."""
    scope = scope_for(actor)
    details = _check_action(details)
    with transaction.atomic():
        current = _action_to_change(scope, action.pk)
        if current.version != expected_version:
            raise ActionConflict(
                fields_changed_since(current, expected_version, _labelled(ACTION_FIELDS)), current.version
            )
        changed = [name for name in ACTION_FIELDS if getattr(current, name) != getattr(details, name)]
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
        if "owner_person" in changed and current.owner_person is not None:
            action_assigned(current, actor=actor)
    return current


def _labelled(labels: dict[str, str]) -> dict[str, str]:
    """A record's field labels, with its status (changed by moves, not by the form) named too."""
    return {"status": "Status", **labels}


def may_move(scope: Scope, action: PlanAction) -> bool:
    """The action's owner, or whoever writes the area's plan."""
    return action.owner_person_id == scope.user.pk or (
        scope.can(WRITE) and scope.covers_area(action.objective.plan.area_id)
    )


def move_action(
    *, actor: User, action: PlanAction, step: str, expected_version: int | None = None
) -> PlanAction:
    """Move an action's status through `record_workflows.PLAN_ACTION` (done records the day)."""
    scope = scope_for(actor)
    with transaction.atomic():
        locked = policy.row_to_act_on(
            access.visible(scope, PlanAction.objects.select_for_update().select_related("objective__plan")),
            action.pk,
            "That action was not found.",
        )
        if not may_move(scope, locked):
            raise PermissionDenied("Only the action's owner or the plan's lead can change its status.")
        if expected_version is not None and locked.version != expected_version:
            raise ActionConflict(
                fields_changed_since(locked, expected_version, _labelled(ACTION_FIELDS)), locked.version
            )
        version = locked.version
        locked.version += 1
        also = ["version"]
        if step == ActionStatus.DONE:
            locked.done_on = timezone.localdate()
            also.append("done_on")
        before, after = make_move(locked, record_workflows.PLAN_ACTION, step, also=also, error_field="step")
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={"status": [before, after], "fields": ["status"], "version": [version, locked.version]},
        )
    return locked
