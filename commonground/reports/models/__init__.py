"""The report and advice line: reports from the public, helpers and reporting centres; their
triage, routing and follow-up; helpline calls; and the advice content people read. One module per
part; every model and choice is importable from here, as Django and the rest of the code expect."""

from commonground.reports.models.content import (
    ContentPage,
)
from commonground.reports.models.helpline import (
    AdviceScript,
    CallBackAttempt,
    CallBackOutcome,
    CallBackRequest,
    CallerType,
    CallOutcome,
    CallTopic,
    HelplineCall,
)
from commonground.reports.models.reports import (
    Channel,
    HostilityStrand,
    LinkSuggestion,
    Message,
    PoliceReported,
    Report,
    ReporterRole,
    ReportKind,
    ReportPhoto,
    ReportStatus,
    RoutingRule,
    SharingPartner,
    StatusChange,
    Team,
    TensionCategory,
    Urgency,
    WorryRoute,
)
from commonground.reports.models.sharing import (
    ConsentRecord,
    LawfulBasis,
    ShareBasis,
    ShareRecord,
    SharingDecision,
)

__all__ = [
    "AdviceScript",
    "CallBackAttempt",
    "CallBackOutcome",
    "CallBackRequest",
    "CallOutcome",
    "CallTopic",
    "CallerType",
    "Channel",
    "ConsentRecord",
    "ContentPage",
    "HelplineCall",
    "HostilityStrand",
    "LawfulBasis",
    "LinkSuggestion",
    "Message",
    "PoliceReported",
    "Report",
    "ReportKind",
    "ReportPhoto",
    "ReportStatus",
    "ReporterRole",
    "RoutingRule",
    "ShareBasis",
    "ShareRecord",
    "SharingDecision",
    "SharingPartner",
    "StatusChange",
    "Team",
    "TensionCategory",
    "Urgency",
    "WorryRoute",
]
