"""Scope rules for the core app's models (registered at start-up by CoreConfig.ready)."""

from commonground.core import access
from commonground.core.access import ScopeRule
from commonground.core.models import (
    AccessReviewMark,
    ApiToken,
    AuditEvent,
    BreakGlassAccess,
    Notification,
    NotificationPreference,
    OutOfScopeAttempt,
    RoleGrantRequest,
    User,
)
from commonground.core.roles import Permission

# Staff contact details: visible to colleagues whose scope covers an area the person's agency serves.
access.register(User, ScopeRule(view_permission=Permission.VIEW_STAFF_DIRECTORY, area_lookup="agency__areas"))
# The audit trail names people and records: data protection officers only, partnership-wide.
access.register(AuditEvent, ScopeRule(view_permission=Permission.SEARCH_AUDIT_TRAIL))
# Tokens belong to an agency; administrators see those of agencies in their areas.
access.register(
    ApiToken,
    ScopeRule(
        view_permission=Permission.MANAGE_API_TOKENS, area_lookup="agency__areas", holds_personal_data=False
    ),
)
# Requests for the powerful roles: administrators see those for people in their areas (deciding
# one further needs the person to be wholly inside their areas: `core.administration`).
access.register(
    RoleGrantRequest, ScopeRule(view_permission=Permission.MANAGE_USERS, area_lookup="user__agency__areas")
)


def _own(field: str):
    def only_the_users_own(scope, rows):
        return rows.filter(**{field: scope.user.pk})

    return only_the_users_own


# Notifications and the choice of how to receive them: each person their own, nobody else's.
access.register(
    Notification,
    ScopeRule(
        view_permission=Permission.USE_STAFF_AREA, custom_filter=_own("recipient"), holds_personal_data=False
    ),
)
access.register(
    NotificationPreference,
    ScopeRule(
        view_permission=Permission.USE_STAFF_AREA, custom_filter=_own("user"), holds_personal_data=False
    ),
)

access.declare_unscoped("core.area", "public reference data: ONS areas and boundaries")
access.declare_unscoped("core.populationfigure", "public reference data: Census 2021 counts")
access.declare_unscoped("core.postcode", "public reference data: ONS Postcode Directory")
access.declare_unscoped("core.agency", "the partnership's organisations; no personal data")
access.declare_unscoped("core.auditchainhead", "the chain's latest hash; no personal data")
access.declare_unscoped("core.scheduledrun", "when scheduled tasks ran; no personal data")
access.declare_unscoped("core.capability", "holds no rows; carries permission definitions")
access.declare_unscoped(
    "core.idempotencykey", "read only by the API, for the calling agency's own keys; never shown to staff"
)

# Emergency access, failed attempts out of scope and the marks of the access review: the data
# protection officers who review staff access, partnership-wide. (Whether a grant opens a record
# is the scoping layer's own question: `access.visible` asks `break_glass.granted_pks`.)
for model in (BreakGlassAccess, OutOfScopeAttempt, AccessReviewMark):
    access.register(model, ScopeRule(view_permission=Permission.REVIEW_ACCESS))
