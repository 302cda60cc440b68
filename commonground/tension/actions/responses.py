"""Response actions: what a partner agency will do about tension in an area, by when; its
progress, and its completion with evidence. Each write is audited in its own transaction."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.actions import moves
from commonground.core.models import Agency, Area, AreaLevel, AuditAction, User
from commonground.core.roles import Permission
from commonground.tension import notifications, response_workflow
from commonground.tension.models import ActionStatus, ResponseAction, TensionAssessment, TensionReport

# The statuses a status update may choose; "done" only through `complete_response_action`. Which
# moves are allowed from which status: `response_workflow`.
UPDATABLE_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED)


def create_response_action(
    *,
    actor: User,
    area: Area,
    description: str,
    owner_agency: Agency,
    due_at: datetime,
    tension_report: TensionReport | None = None,
    assessment: TensionAssessment | None = None,
) -> ResponseAction:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_RESPONSE_ACTIONS)
    errors: dict[str, str] = {}
    if area.level not in (AreaLevel.BOROUGH, AreaLevel.WARD) or not scope.covers_area(area):
        errors["area"] = "Select a borough or ward in your areas"
    if not description.strip():
        errors["description"] = "Enter what needs to be done"
    if not owner_agency.is_active:
        errors["owner_agency"] = "Select an agency that is still active"
    if due_at <= timezone.now():
        errors["due"] = "The due time must be in the future"
    if (
        tension_report is not None
        and not access.visible(scope, TensionReport).filter(pk=tension_report.pk).exists()
    ):
        errors["tension_report"] = "That tension report is not in your areas"
    if (
        assessment is not None
        and not access.visible(scope, TensionAssessment).filter(pk=assessment.pk).exists()
    ):
        errors["assessment"] = "That assessment is not in your areas"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = ResponseAction.objects.create(
            area=area,
            description=description.strip(),
            owner_agency=owner_agency,
            due_at=due_at,
            tension_report=tension_report,
            assessment=assessment,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=action,
            changes={
                "area": area.code,
                "owner_agency": owner_agency.name,
                "due_at": due_at,
                "tension_report": tension_report.reference if tension_report else None,
                "assessment": assessment.pk if assessment else None,
            },
        )
        notifications.response_action_assigned(action, actor=actor)
    return action


def _locked_for_update(scope: Scope, action: ResponseAction) -> ResponseAction:
    """The action, locked, if this user may update it: their agency owns it, or they manage
    response actions (and can see it)."""
    if not scope.can(Permission.UPDATE_RESPONSE_ACTIONS) and not scope.can(
        Permission.MANAGE_RESPONSE_ACTIONS
    ):
        raise PermissionDenied("This needs the permission to update response actions.")
    locked = policy.row_to_act_on(
        access.visible(scope, ResponseAction.objects.select_for_update()),
        action.pk,
        "That action is outside your areas.",
    )
    own_agency = scope.user.agency_id is not None and locked.owner_agency_id == scope.user.agency_id
    if not own_agency and not scope.can(Permission.MANAGE_RESPONSE_ACTIONS):
        raise PermissionDenied("Only the agency that owns this action can update it.")
    return locked


def update_response_action_status(*, actor: User, action: ResponseAction, status: str) -> ResponseAction:
    scope = scope_for(actor)
    with transaction.atomic():
        locked = _locked_for_update(scope, action)
        if status not in UPDATABLE_STATUSES:
            raise ValidationError({"status": "Select the action's status"})
        if locked.status == status and locked.status not in response_workflow.MACHINE.final:
            return locked
        before, after = moves.make_move(locked, response_workflow.MACHINE, status, error_field="status")
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"status": [before, after]})
    return locked


def complete_response_action(*, actor: User, action: ResponseAction, evidence: str) -> ResponseAction:
    """Mark an action done, with what shows it was done (a photo reference, a log number)."""
    scope = scope_for(actor)
    with transaction.atomic():
        locked = _locked_for_update(scope, action)
        if not evidence.strip():
            raise ValidationError({"evidence": "Describe what shows the action was done"})
        moves.require_move(
            locked, response_workflow.MACHINE, response_workflow.COMPLETE, error_field="evidence"
        )
        locked.completed_at = timezone.now()
        locked.completed_by = actor
        locked.completion_evidence = evidence.strip()
        before, after = moves.make_move(
            locked,
            response_workflow.MACHINE,
            response_workflow.COMPLETE,
            also=["completed_at", "completed_by", "completion_evidence"],
            error_field="evidence",
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={
                "status": [before, after],
                "completed_at": locked.completed_at,
                "on_time": locked.completed_at <= locked.due_at,
            },
        )
    return locked
