"""Who sees what in community grants, through the one scoping layer:

- rounds: staff who run, assess or decide grants (a round names no person);
- applications and everything under them: the grants officers and the panel see every one; an
  assessor sees the applications assigned to them, and nothing else;
- applicants' own accounts are never read through a staff scope: an applicant reaches only their
  own records through their own session, and staff reach an applicant through an application."""

from django.db.models import Exists, OuterRef

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.grants import models

STAFF = Permission.USE_STAFF_AREA
_RUNS_OR_DECIDES = (Permission.MANAGE_GRANTS, Permission.DECIDE_GRANTS)


def _grant_staff(scope: Scope, rows):
    if any(scope.can(p) for p in (*_RUNS_OR_DECIDES, Permission.ASSESS_GRANT_APPLICATIONS)):
        return rows
    return rows.none()


def _applications_at(path: str):
    application = path or "pk"

    def rows_in_scope(scope: Scope, rows):
        if any(scope.can(p) for p in _RUNS_OR_DECIDES):
            return rows
        if scope.can(Permission.ASSESS_GRANT_APPLICATIONS):
            # A subquery rather than a join: no duplicate rows to remove, so the rows can be locked.
            assigned = models.AssessorAssignment.objects.filter(
                application=OuterRef(application), assessor=scope.user.pk
            )
            return rows.filter(Exists(assigned))
        return rows.none()

    return rows_in_scope


def _register(model, rows_in_scope, *, personal=True):
    access.register(
        model, ScopeRule(view_permission=STAFF, custom_filter=rows_in_scope, holds_personal_data=personal)
    )


_register(models.GrantRound, _grant_staff, personal=False)
_register(models.Criterion, _grant_staff, personal=False)
_register(models.RoundQuestion, _grant_staff, personal=False)
_register(models.GrantApplication, _applications_at(""))
_register(models.BudgetLine, _applications_at("application"))
_register(models.ApplicationAnswer, _applications_at("application"))
_register(models.ApplicationMessage, _applications_at("application"))
_register(models.AssessorAssignment, _applications_at("application"))
_register(models.ConflictDeclaration, _applications_at("application"))
_register(models.Assessment, _applications_at("application"))
_register(models.CriterionScore, _applications_at("assessment__application"))
_register(models.PanelDecision, _applications_at("application"))
_register(models.Payment, _applications_at("decision__application"))
_register(models.MonitoringReport, _applications_at("application"))
_register(models.MonitoringPhoto, _applications_at("report__application"))

for label in ("grants.Applicant", "grants.SignInLink"):
    access.declare_unscoped(
        label,
        "An applicant's account is read only by the applicant's own session, never through a staff "
        "scope; staff reach an applicant through an application in their scope.",
    )
