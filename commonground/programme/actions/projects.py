"""Projects under a plan's objective, and what is recorded about them: milestones (marked done by
their owner or the plan's lead), budget and spend by quarter (spend above budget is allowed, and
shown), red/amber/green status updates (always with a reason and the date they describe), risks
(opened, then closed through `record_workflows.RISK`) and evaluations with an optional report, each
file checked by its content. Each write is audited in its own transaction."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.actions.moves import make_move
from commonground.core.models import Agency, AuditAction, User
from commonground.programme import project_rules, record_workflows
from commonground.programme.actions.plans import WRITE, writable
from commonground.programme.documents import DocumentRefused, check_document
from commonground.programme.models import (
    Milestone,
    Objective,
    Project,
    ProjectEvaluation,
    ProjectRisk,
    ProjectStatusUpdate,
    QuarterBudget,
    Rag,
)

PROJECT_AREA = "objective__plan__area"


def _project_to_change(scope: Scope, project_id: int) -> Project:
    rows = writable(scope, Project.objects.select_for_update(), PROJECT_AREA)
    return policy.row_to_act_on(rows, project_id, "That project was not found.")


def _required(errors: dict[str, str], **texts: tuple[str, str]) -> None:
    for name, (value, message) in texts.items():
        if not value.strip():
            errors[name] = message


@dataclass(frozen=True)
class ProjectDetails:
    title: str
    lead_agency: Agency | None
    start_on: date
    end_on: date
    description: str = ""
    lead_person: User | None = None


def add_project(*, actor: User, objective: Objective, details: ProjectDetails) -> Project:
    scope = scope_for(actor)
    errors: dict[str, str] = {}
    _required(errors, title=(details.title, "Enter the project's title"))
    agency = details.lead_agency or (details.lead_person.agency if details.lead_person else None)
    if agency is None:
        errors["lead_agency"] = "Select the agency that leads the project"
    if details.end_on < details.start_on:
        errors["end_on"] = f"The end date must be on or after the start date ({details.start_on:%-d %B %Y})"
    if errors or agency is None:
        raise ValidationError(errors)
    with transaction.atomic():
        rows = writable(scope, Objective.objects.select_for_update(), "plan__area")
        locked = policy.row_to_act_on(rows, objective.pk, "That objective was not found.")
        project = Project.objects.create(
            objective=locked,
            title=details.title.strip(),
            description=details.description.strip(),
            lead_agency=agency,
            lead_person=details.lead_person,
            start_on=details.start_on,
            end_on=details.end_on,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=project,
            changes={
                "objective": locked.pk,
                "lead_agency": agency.name,
                "period": [details.start_on, details.end_on],
            },
        )
    return project


# --- Milestones ------------------------------------------------------------------------------------


def add_milestone(
    *, actor: User, project: Project, title: str, due_on: date, owner_person: User | None = None
) -> Milestone:
    scope = scope_for(actor)
    if not title.strip():
        raise ValidationError({"title": "Enter the milestone"})
    with transaction.atomic():
        locked = _project_to_change(scope, project.pk)
        milestone = Milestone.objects.create(
            project=locked, title=title.strip(), due_on=due_on, owner_person=owner_person
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=milestone,
            changes={
                "project": locked.pk,
                "due_on": due_on,
                "owner_person": getattr(owner_person, "pk", None),
            },
        )
    return milestone


def may_mark_milestone_done(scope: Scope, milestone: Milestone) -> bool:
    if milestone.done_on is not None:
        return False
    return milestone.owner_person_id == scope.user.pk or (
        scope.can(WRITE) and scope.covers_area(milestone.project.objective.plan.area_id)
    )


def mark_milestone_done(*, actor: User, milestone: Milestone) -> Milestone:
    scope = scope_for(actor)
    with transaction.atomic():
        locked = policy.row_to_act_on(
            access.visible(
                scope, Milestone.objects.select_for_update().select_related("project__objective__plan")
            ),
            milestone.pk,
            "That milestone was not found.",
        )
        if locked.done_on is not None:
            raise ValidationError(f"This milestone was already marked done on {locked.done_on:%-d %B %Y}.")
        if not may_mark_milestone_done(scope, locked):
            raise PermissionDenied("Only the milestone's owner or the plan's lead can mark it done.")
        locked.done_on = timezone.localdate()
        locked.save(update_fields=["done_on"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={"done_on": locked.done_on, "on_time": locked.done_on <= locked.due_on},
        )
    return locked


# --- Budget and spend ------------------------------------------------------------------------------


def record_quarter(
    *, actor: User, project: Project, quarter_of: date, budget: Decimal, spend: Decimal
) -> QuarterBudget:
    """Set one quarter's budget and spend (the quarter holding `quarter_of`). Spend above budget is
    recorded as it is: the project page shows the overspend."""
    scope = scope_for(actor)
    errors = {}
    if budget < 0:
        errors["budget"] = "The budget cannot be negative"
    if spend < 0:
        errors["spend"] = "The spend cannot be negative; record a refund as lower spend"
    if errors:
        raise ValidationError(errors)
    starts = project_rules.quarter_start(quarter_of)
    with transaction.atomic():
        locked = _project_to_change(scope, project.pk)
        quarter, created = QuarterBudget.objects.select_for_update().get_or_create(
            project=locked, quarter_start=starts, defaults={"budget": budget, "spend": spend}
        )
        before = {"budget": quarter.budget, "spend": quarter.spend}
        if not created:
            quarter.budget, quarter.spend = budget, spend
            quarter.save(update_fields=["budget", "spend"])
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=quarter,
            changes={
                "quarter_start": starts,
                **audit.diff({} if created else before, {"budget": budget, "spend": spend}),
            },
        )
    return quarter


# --- Status updates ---------------------------------------------------------------------------------


def record_status(
    *, actor: User, project: Project, rag: str, reason: str, as_of: date
) -> ProjectStatusUpdate:
    """A red/amber/green status, with why and the day it describes (not in the future)."""
    scope = scope_for(actor)
    errors: dict[str, str] = {}
    if rag not in Rag.values:
        errors["rag"] = "Select red, amber or green"
    _required(errors, reason=(reason, "Enter the reason for this status"))
    if as_of > timezone.localdate():
        errors["as_of"] = "The date of the status must be today or in the past"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _project_to_change(scope, project.pk)
        update = ProjectStatusUpdate.objects.create(
            project=locked, rag=rag, reason=reason.strip(), as_of=as_of, recorded_by=actor
        )
        # Kept on the project for the "not updated for 6 weeks" list: the latest date described.
        if locked.status_updated_on is None or as_of > locked.status_updated_on:
            locked.status_updated_on = as_of
            locked.save(update_fields=["status_updated_on"])
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=update,
            changes={"project": locked.pk, "rag": rag, "as_of": as_of},
        )
    return update


# --- Risks ------------------------------------------------------------------------------------------


def add_risk(
    *,
    actor: User,
    project: Project,
    description: str,
    likelihood: int,
    impact: int,
    mitigation: str = "",
    owner_person: User | None = None,
) -> ProjectRisk:
    scope = scope_for(actor)
    errors: dict[str, str] = {}
    _required(errors, description=(description, "Describe the risk"))
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not 1 <= value <= 5:
            errors[name] = f"The {name} must be from 1 to 5"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _project_to_change(scope, project.pk)
        risk = ProjectRisk.objects.create(
            project=locked,
            description=description.strip(),
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation.strip(),
            owner_person=owner_person,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=risk,
            changes={"project": locked.pk, "likelihood": likelihood, "impact": impact},
        )
    return risk


def move_risk(*, actor: User, risk: ProjectRisk, step: str) -> ProjectRisk:
    scope = scope_for(actor)
    with transaction.atomic():
        rows = writable(scope, ProjectRisk.objects.select_for_update(), f"project__{PROJECT_AREA}")
        locked = policy.row_to_act_on(rows, risk.pk, "That risk was not found.")
        before, after = make_move(locked, record_workflows.RISK, step, error_field="step")
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"status": [before, after]})
    return locked


# --- Evaluations ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationDetails:
    evaluated_on: date
    method: str
    findings: str
    changes_made: str
    report: bytes | None = None
    report_name: str = ""


def add_evaluation(*, actor: User, project: Project, details: EvaluationDetails) -> ProjectEvaluation:
    """An evaluation: how, what it found, what changed; its report (if any) checked by content."""
    scope = scope_for(actor)
    errors: dict[str, str] = {}
    _required(
        errors,
        method=(details.method, "Enter how the project was evaluated"),
        findings=(details.findings, "Enter what the evaluation found"),
        changes_made=(details.changes_made, "Enter what changed as a result"),
    )
    if details.evaluated_on > timezone.localdate():
        errors["evaluated_on"] = "The date of the evaluation must be today or in the past"
    checked = None
    if details.report is not None:
        try:
            checked = check_document(details.report)
        except DocumentRefused as refused:
            errors["report"] = str(refused)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _project_to_change(scope, project.pk)
        evaluation = ProjectEvaluation(
            project=locked,
            evaluated_on=details.evaluated_on,
            method=details.method.strip(),
            findings=details.findings.strip(),
            changes_made=details.changes_made.strip(),
            recorded_by=actor,
        )
        if checked is not None:
            evaluation.report_name = (details.report_name or "report")[:255]
            evaluation.report_content_type = checked.content_type
            evaluation.report_size = checked.size
            evaluation.report.save(
                f"evaluation.{checked.extension}", ContentFile(checked.content), save=False
            )
        evaluation.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=evaluation,
            changes={
                "project": locked.pk,
                "evaluated_on": details.evaluated_on,
                "report": checked is not None,
            },
        )
    return evaluation
