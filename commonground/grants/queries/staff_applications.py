"""Reads of grant applications for staff, from the reader's scope (grants officers and the panel
see every application; an assessor only those assigned to them): the list by round and status, one
application's page with everything the group sent, and the assessors an officer may choose from."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from commonground.core import access, policy
from commonground.core.access import Scope
from commonground.core.audit_reads import record_list_view, record_read
from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.grants import scoring
from commonground.grants.models import (
    ApplicationAnswer,
    ApplicationMessage,
    ApplicationStatus,
    Assessment,
    AssessorAssignment,
    BudgetLine,
    ConflictDeclaration,
    CriterionScore,
    GrantApplication,
    MonitoringReport,
    Payment,
)

PER_PAGE = 50
SENT_STATUSES = [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT]


def application_or_404(scope: Scope, application_id: int) -> GrantApplication:
    return access.get_visible_or_404(
        scope, GrantApplication.objects.select_related("grant_round", "applicant"), pk=application_id
    )


def applications_page(
    scope: Scope, *, round_id: int | None = None, status: str = "", page_number: str | None = None
) -> Page:
    """Sent applications, newest first, narrowed to a round and a status if chosen. The page names
    each group's contact, so the list shown is audited."""
    rows = (
        access.visible(scope, GrantApplication)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("grant_round", "applicant", "possible_duplicate_of")
        .order_by("-submitted_at", "-pk")
    )
    if round_id:
        rows = rows.filter(grant_round_id=round_id)
    if status in {s.value for s in SENT_STATUSES}:
        rows = rows.filter(status=status)
    page = Paginator(rows, PER_PAGE).get_page(page_number)
    record_list_view(
        scope=scope, records=page.object_list, list_name="Grant applications", page_number=page.number
    )
    return page


@dataclass(frozen=True)
class AssessorRow:
    assignment: AssessorAssignment
    declaration: ConflictDeclaration | None
    assessment: Assessment | None
    scores: list[CriterionScore]

    @property
    def conflicted(self) -> bool:
        return self.declaration is not None and self.declaration.has_conflict


@dataclass(frozen=True)
class ApplicationPage:
    application: GrantApplication
    budget_lines: list[BudgetLine]
    budget_total: Decimal
    answers: list[ApplicationAnswer]
    messages: list[ApplicationMessage]
    assessors: list[AssessorRow]
    totals: list[Decimal]
    mean_total: Decimal | None
    payments: list[Payment]
    paid: Decimal
    monitoring: MonitoringReport | None
    waits_for_moderation: bool

    @property
    def needs_another_assessor(self) -> bool:
        active = [row for row in self.assessors if not row.conflicted]
        return self.application.status == ApplicationStatus.IN_ASSESSMENT and len(active) < 2


def open_application(scope: Scope, application_id: int) -> ApplicationPage:
    """Everything the group sent, the thread, and (to those who see them) the assessors' scores.
    It names the group's contact, so the opening is audited."""
    application = application_or_404(scope, application_id)
    lines = list(access.visible(scope, BudgetLine).filter(application=application))
    answers = list(
        access.visible(scope, ApplicationAnswer).filter(application=application).select_related("question")
    )
    messages = list(
        access.visible(scope, ApplicationMessage)
        .filter(application=application)
        .select_related("staff_author")
    )
    assignments = list(
        access.visible(scope, AssessorAssignment).filter(application=application).select_related("assessor")
    )
    declarations = {
        d.assessor_id: d for d in access.visible(scope, ConflictDeclaration).filter(application=application)
    }
    assessments = {
        a.assessor_id: a for a in access.visible(scope, Assessment).filter(application=application)
    }
    scores: dict[int, list[CriterionScore]] = {}
    for score in (
        access.visible(scope, CriterionScore)
        .filter(assessment__application=application)
        .select_related("criterion")
    ):
        scores.setdefault(score.assessment_id, []).append(score)
    rows = [
        AssessorRow(
            assignment=assignment,
            declaration=declarations.get(assignment.assessor_id),
            assessment=assessments.get(assignment.assessor_id),
            scores=scores.get(getattr(assessments.get(assignment.assessor_id), "pk", 0), []),
        )
        for assignment in assignments
    ]
    totals = [a.weighted_total for a in assessments.values()]
    decision = getattr(application, "decision", None)
    payments = list(access.visible(scope, Payment).filter(decision=decision)) if decision else []
    monitoring = access.visible(scope, MonitoringReport).filter(application=application).first()
    record_read(scope=scope, obj=application)
    return ApplicationPage(
        application=application,
        budget_lines=lines,
        budget_total=sum((line.amount for line in lines), Decimal(0)),
        answers=answers,
        messages=messages,
        assessors=rows,
        totals=totals,
        mean_total=scoring.mean_total(totals),
        payments=payments,
        paid=sum((p.amount for p in payments), Decimal(0)),
        monitoring=monitoring,
        waits_for_moderation=application.scores_disagree and not application.moderation_note,
    )


def assessors_to_choose(scope: Scope, application: GrantApplication) -> QuerySet[User]:
    """People who assess grant applications, not yet assigned to this one."""
    scope.require(Permission.MANAGE_GRANTS)
    already = AssessorAssignment.objects.filter(application=application).values("assessor_id")
    return (
        policy.who_may(Permission.ASSESS_GRANT_APPLICATIONS)
        .exclude(pk__in=already)
        .select_related("agency")
        .order_by("last_name", "first_name", "pk")
    )


@dataclass(frozen=True)
class MyAssignment:
    assignment: AssessorAssignment
    where: str  # where the assessor is with it, in words

    @property
    def application(self) -> GrantApplication:
        return self.assignment.application


def my_assignments(scope: Scope) -> list[MyAssignment]:
    """The assessor's own applications, newest assigned first, each with where they are with it."""
    assignments = list(
        access.visible(scope, AssessorAssignment)
        .filter(assessor=scope.user)
        .select_related("application", "application__grant_round")
        .order_by("-assigned_at")
    )
    ids = [a.application_id for a in assignments]
    declared = {
        d.application_id: d
        for d in ConflictDeclaration.objects.filter(assessor=scope.user, application_id__in=ids)
    }
    scored = set(
        Assessment.objects.filter(assessor=scope.user, application_id__in=ids).values_list(
            "application_id", flat=True
        )
    )

    def where(assignment: AssessorAssignment) -> str:
        declaration = declared.get(assignment.application_id)
        if assignment.application_id in scored:
            return SCORED
        if declaration is None:
            return TO_DECLARE
        return CONFLICT if declaration.has_conflict else TO_SCORE

    return [MyAssignment(assignment=a, where=where(a)) for a in assignments]


SCORED = "Scored"
TO_DECLARE = "Declare any conflict of interest"
TO_SCORE = "Waiting for your scores"
CONFLICT = "Conflict declared: not yours to score"


def my_scoring(
    scope: Scope, application: GrantApplication
) -> tuple[ConflictDeclaration | None, Assessment | None]:
    declaration = ConflictDeclaration.objects.filter(application=application, assessor=scope.user).first()
    assessment = Assessment.objects.filter(application=application, assessor=scope.user).first()
    return declaration, assessment


def criteria_of(application: GrantApplication):
    return list(application.grant_round.criteria.all())
