from commonground.grants.models.applicants import Applicant, SignInLink
from commonground.grants.models.applications import (
    ApplicationAnswer,
    ApplicationMessage,
    ApplicationStatus,
    BudgetLine,
    DuplicateCheck,
    GrantApplication,
    OrganisationType,
)
from commonground.grants.models.assessment import (
    Assessment,
    AssessorAssignment,
    ConflictDeclaration,
    CriterionScore,
)
from commonground.grants.models.awards import (
    DecisionOutcome,
    MonitoringPhoto,
    MonitoringReport,
    PanelDecision,
    Payment,
)
from commonground.grants.models.rounds import Criterion, GrantRound, RoundQuestion

__all__ = [
    "Applicant",
    "ApplicationAnswer",
    "ApplicationMessage",
    "ApplicationStatus",
    "Assessment",
    "AssessorAssignment",
    "BudgetLine",
    "ConflictDeclaration",
    "Criterion",
    "CriterionScore",
    "DecisionOutcome",
    "DuplicateCheck",
    "GrantApplication",
    "GrantRound",
    "MonitoringPhoto",
    "MonitoringReport",
    "OrganisationType",
    "PanelDecision",
    "Payment",
    "RoundQuestion",
    "SignInLink",
]
