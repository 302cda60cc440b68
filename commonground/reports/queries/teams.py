"""Teams and routing rules: a user's teams, and those an administrator administers."""

from django.db.models import Q, QuerySet

from commonground.core import administration
from commonground.core.access import Scope
from commonground.reports.models import RoutingRule, Team


def teams_of(scope: Scope) -> QuerySet[Team]:
    return Team.objects.filter(members=scope.user).select_related("agency")


def teams_administered_by(scope: Scope) -> QuerySet[Team]:
    """Teams of the agencies an administrator administers (`core.administration`)."""
    return Team.objects.filter(agency__in=administration.agencies_administered_by(scope)).select_related(
        "agency"
    )


def routing_rules_administered_by(scope: Scope) -> QuerySet[RoutingRule]:
    """Rules sending reports from a borough in scope to a team administered. A rule for every
    borough belongs to the combined authority's administrators."""
    boroughs = Q(borough__in=scope.area_ids)
    if scope.covers_combined_authority:
        boroughs |= Q(borough__isnull=True)
    return (
        RoutingRule.objects.filter(team__in=teams_administered_by(scope))
        .filter(boroughs)
        .select_related("team", "borough")
    )
