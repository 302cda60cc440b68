"""Who sees what in tension monitoring: everything is area-level, so the rule is the user's
areas (a borough partner sees its borough and wards unless granted wider areas). Response actions
are also seen by the agency that owns them; alert subscriptions and deliveries only by their user."""

from django.db.models import Q

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.tension.models import (
    Alert,
    AlertDelivery,
    AlertSubscription,
    AssessmentRevision,
    ReportDistribution,
    ResponseAction,
    TensionAssessment,
    TensionReport,
    TriggerEvent,
)


def _events_in_scope(scope: Scope, events):
    # National and international events name no areas; everyone following tension sees them.
    return events.filter(Q(areas__isnull=True) | Q(areas__in=scope.area_ids)).distinct()


def _actions_in_scope(scope: Scope, actions):
    return actions.filter(Q(area__in=scope.area_ids) | Q(owner_agency_id=scope.user.agency_id))


def _own_rows(scope: Scope, rows):
    return rows.filter(user=scope.user)


def _own_distributions(scope: Scope, rows):
    if scope.can(Permission.ASSESS_TENSION):
        return rows
    return rows.filter(recipient=scope.user)


access.register(TensionReport, ScopeRule(view_permission=Permission.VIEW_TENSION, area_lookup="areas"))
access.register(
    TriggerEvent,
    ScopeRule(
        view_permission=Permission.VIEW_TENSION, custom_filter=_events_in_scope, holds_personal_data=False
    ),
)
access.register(
    TensionAssessment,
    ScopeRule(view_permission=Permission.VIEW_TENSION, area_lookup="area", holds_personal_data=False),
)
access.register(
    AssessmentRevision,
    ScopeRule(
        view_permission=Permission.VIEW_TENSION, area_lookup="assessment__area", holds_personal_data=False
    ),
)
access.register(
    ResponseAction,
    ScopeRule(
        view_permission=Permission.VIEW_TENSION, custom_filter=_actions_in_scope, holds_personal_data=False
    ),
)
access.register(
    Alert, ScopeRule(view_permission=Permission.VIEW_TENSION, area_lookup="area", holds_personal_data=False)
)
access.register(
    AlertSubscription, ScopeRule(view_permission=Permission.VIEW_TENSION, custom_filter=_own_rows)
)
access.register(AlertDelivery, ScopeRule(view_permission=Permission.VIEW_TENSION, custom_filter=_own_rows))
access.register(
    ReportDistribution, ScopeRule(view_permission=Permission.VIEW_TENSION, custom_filter=_own_distributions)
)

access.declare_unscoped("tension.tensionlevel", "reference data: the partnership's tension scale")
