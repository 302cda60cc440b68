"""Core models: places, agencies, staff users, the audit trail, API tokens, scheduled runs and
notifications to staff."""

from commonground.core.models.access_review import (
    AccessReviewMark,
    BreakGlassAccess,
    BreakGlassOutcome,
    OutOfScopeAttempt,
    ReviewItem,
)
from commonground.core.models.agencies import Agency, AgencyKind
from commonground.core.models.api_tokens import ApiToken
from commonground.core.models.audit import AuditAction, AuditChainHead, AuditEvent
from commonground.core.models.idempotency import IdempotencyKey
from commonground.core.models.notifications import (
    Notification,
    NotificationDelivery,
    NotificationKind,
    NotificationPreference,
)
from commonground.core.models.places import Area, AreaLevel, PopulationFigure, Postcode
from commonground.core.models.roles import Capability, RoleGrantRequest, RoleGrantStatus
from commonground.core.models.scheduling import ScheduledRun
from commonground.core.models.users import User

__all__ = [
    "AccessReviewMark",
    "Agency",
    "AgencyKind",
    "ApiToken",
    "Area",
    "AreaLevel",
    "AuditAction",
    "AuditChainHead",
    "AuditEvent",
    "BreakGlassAccess",
    "BreakGlassOutcome",
    "Capability",
    "IdempotencyKey",
    "Notification",
    "NotificationDelivery",
    "NotificationKind",
    "NotificationPreference",
    "OutOfScopeAttempt",
    "PopulationFigure",
    "Postcode",
    "ReviewItem",
    "RoleGrantRequest",
    "RoleGrantStatus",
    "ScheduledRun",
    "User",
]
