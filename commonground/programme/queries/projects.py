"""Reads of projects, each starting from the user's scope: a project's page (milestones, budget and
spend by quarter with the overspend, status history, risks, evaluations, the staleness flag), one
milestone for its owner, and an evaluation's report for download (scope-checked and audited)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.programme import project_rules, record_workflows
from commonground.programme.actions.plans import WRITE
from commonground.programme.actions.projects import may_mark_milestone_done
from commonground.programme.models import (
    Milestone,
    Project,
    ProjectEvaluation,
    ProjectRisk,
    ProjectStatusUpdate,
    QuarterBudget,
)


def project_or_404(scope: Scope, project_id: int) -> Project:
    return access.get_visible_or_404(
        scope,
        Project.objects.select_related("objective__plan__area", "lead_agency", "lead_person"),
        pk=project_id,
    )


def writable_project_or_404(scope: Scope, project_id: int) -> Project:
    return access.get_visible_or_404(
        scope,
        Project.objects.select_related("objective__plan__area").filter(
            objective__plan__area__in=scope.area_ids
        ),
        pk=project_id,
    )


@dataclass(frozen=True)
class QuarterRow:
    starts_on: date
    budget: Decimal
    spend: Decimal
    over: Decimal  # spend above budget, 0 when within it


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    milestones: list[Milestone]
    overdue_milestone_ids: frozenset[int]
    quarters: list[QuarterRow]
    total_budget: Decimal
    total_spend: Decimal
    total_over: Decimal
    updates: list[ProjectStatusUpdate]
    risks: list[ProjectRisk]
    evaluations: list[ProjectEvaluation]
    stale: bool
    may_write: bool

    @property
    def latest(self) -> ProjectStatusUpdate | None:
        return self.updates[0] if self.updates else None


def open_project(scope: Scope, project_id: int) -> ProjectPage:
    """A project's page. Milestones and risks name their owners, so the opening is audited."""
    project = project_or_404(scope, project_id)
    milestones = list(
        access.visible(scope, Milestone)
        .filter(project=project)
        .select_related("owner_person")
        .order_by("due_on", "pk")
    )
    stored = list(access.visible(scope, QuarterBudget).filter(project=project).order_by("quarter_start"))
    spent = project_rules.overspend(project_rules.Quarter(q.quarter_start, q.budget, q.spend) for q in stored)
    updates = list(
        access.visible(scope, ProjectStatusUpdate)
        .filter(project=project)
        .select_related("recorded_by")
        .order_by("-as_of", "-recorded_at")
    )
    risks = list(
        access.visible(scope, ProjectRisk)
        .filter(project=project)
        .select_related("owner_person")
        .order_by("status", "-impact", "-likelihood")
    )
    evaluations = list(
        access.visible(scope, ProjectEvaluation)
        .filter(project=project)
        .select_related("recorded_by")
        .order_by("-evaluated_on")
    )
    for risk in risks:
        # The page's buttons: the moves the risk's table allows from where it stands.
        risk.next_steps = risk_steps(risk)  # type: ignore[attr-defined]
    today = timezone.localdate()
    record_read(scope=scope, obj=project, subject=project.lead_person)
    return ProjectPage(
        project=project,
        milestones=milestones,
        overdue_milestone_ids=frozenset(m.pk for m in milestones if m.done_on is None and m.due_on < today),
        quarters=[
            QuarterRow(q.quarter_start, q.budget, q.spend, spent.quarters.get(q.quarter_start, Decimal(0)))
            for q in stored
        ],
        total_budget=spent.total_budget,
        total_spend=spent.total_spend,
        total_over=spent.total_over,
        updates=updates,
        risks=risks,
        evaluations=evaluations,
        stale=project.start_on <= today
        and project_rules.is_stale(project.status_updated_on, today, project.start_on),
        may_write=scope.can(WRITE) and scope.covers_area(project.objective.plan.area_id),
    )


def risk_steps(risk: ProjectRisk) -> list[tuple[str, str]]:
    return [(s, record_workflows.RISK.label(s)) for s in record_workflows.RISK.allowed(risk.status)]


def writable_risk_or_404(scope: Scope, risk_id: int) -> ProjectRisk:
    return access.get_visible_or_404(
        scope,
        ProjectRisk.objects.select_related("project").filter(
            project__objective__plan__area__in=scope.area_ids
        ),
        pk=risk_id,
    )


@dataclass(frozen=True)
class MilestonePage:
    milestone: Milestone
    may_mark_done: bool
    may_open_project: bool
    overdue: bool


def milestone_or_404(scope: Scope, milestone_id: int) -> Milestone:
    return access.get_visible_or_404(
        scope,
        Milestone.objects.select_related("project__objective__plan__area", "owner_person"),
        pk=milestone_id,
    )


def open_milestone(scope: Scope, milestone_id: int) -> MilestonePage:
    """One milestone: to those following the programme in its area, and to its owner."""
    milestone = milestone_or_404(scope, milestone_id)
    record_read(scope=scope, obj=milestone, subject=milestone.owner_person)
    return MilestonePage(
        milestone=milestone,
        may_mark_done=may_mark_milestone_done(scope, milestone),
        may_open_project=access.visible(scope, Project).filter(pk=milestone.project_id).exists(),
        overdue=milestone.done_on is None and milestone.due_on < timezone.localdate(),
    )


def evaluation_report(scope: Scope, project_id: int, evaluation_id: int) -> ProjectEvaluation:
    """An evaluation's report, for download: only through the same scope as the project's page;
    each download audited. No report (or out of scope) is not found."""
    project = project_or_404(scope, project_id)
    evaluation = access.get_visible_or_404(
        scope, ProjectEvaluation.objects.filter(project=project).exclude(report=""), pk=evaluation_id
    )
    record_read(scope=scope, obj=evaluation, changes={"file": evaluation.report_name or "report"})
    return evaluation
