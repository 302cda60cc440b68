"""Who may see call-back requests: helpline advisors, for the boroughs they cover (all of them
when they cover the combined authority), like the call log. Kept apart from the routing of
reports to teams: the call-back queue is the helpline's own list."""

from django.db.models import Q

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.reports.models import CallBackAttempt, CallBackRequest


def _requests_in_scope(scope: Scope, requests):
    if scope.covers_combined_authority:
        return requests
    return requests.filter(Q(report__borough__in=scope.area_ids) | Q(report__borough__isnull=True))


def _attempts_in_scope(scope: Scope, attempts):
    return attempts.filter(request__in=access.visible(scope, CallBackRequest).values("pk"))


def register() -> None:
    access.register(
        CallBackRequest,
        ScopeRule(view_permission=Permission.LOG_HELPLINE_CALLS, custom_filter=_requests_in_scope),
    )
    access.register(
        CallBackAttempt,
        ScopeRule(view_permission=Permission.LOG_HELPLINE_CALLS, custom_filter=_attempts_in_scope),
    )
