"""Teams and routing rules, as administrators change them in the Django admin. Both decide who
sees which reports, so each change stays inside the administrator's areas, never touches a team
the administrator sits in (that would widen what they see themselves), and is audited."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from commonground.core import administration, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.reports import queries
from commonground.reports.models import RoutingRule, Team


def _require_not_a_member(scope: Scope, team_ids: Iterable[int | None]) -> None:
    if Team.objects.filter(pk__in=[t for t in team_ids if t is not None], members=scope.user).exists():
        raise PermissionDenied("You cannot change a team you belong to. Ask another administrator.")


def _require_team_administered(scope: Scope, team_id: int | None) -> None:
    if team_id is None or not queries.teams_administered_by(scope).filter(pk=team_id).exists():
        raise PermissionDenied("This team belongs to an agency outside your areas.")


# Team fields whose effect reaches past any one borough.
PARTNERSHIP_WIDE_FIELDS = frozenset({"is_partnership_triage", "requires_consent"})


def save_team(*, actor: User, team: Team, member_ids: Iterable[int], changes: Mapping[str, Any]) -> Team:
    """Create or update a team and set its members: staff the administrator administers, never
    the administrator."""
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_USERS)
    member_ids = set(member_ids)
    if team.pk is not None:
        _require_team_administered(scope, team.pk)
        _require_not_a_member(scope, [team.pk])
    if not administration.agencies_administered_by(scope).filter(pk=team.agency_id).exists():
        raise PermissionDenied("This agency serves areas outside yours.")
    if actor.pk in member_ids:
        raise PermissionDenied("You cannot add yourself to a team. Ask another administrator.")
    if PARTNERSHIP_WIDE_FIELDS & set(changes) and not scope.covers_combined_authority:
        # The catch-all team receives every borough's unrouted reports, and a team's consent is a
        # promise made to every reporter: both are the whole partnership's to decide.
        raise PermissionDenied(
            "Only the combined authority's administrators decide which team is the partnership "
            "triage team, or what consent a team needs."
        )
    if len(member_ids) != administration.staff_administered_by(scope).filter(pk__in=member_ids).count():
        raise PermissionDenied("You can only add staff who work inside your areas.")
    creating = team.pk is None
    with transaction.atomic():
        before = set() if creating else set(team.members.values_list("username", flat=True))
        team.save()
        team.members.set(member_ids)
        after = set(team.members.values_list("username", flat=True))
        recorded: dict[str, Any] = {
            name: str(value)[:200] for name, value in changes.items() if name != "members"
        }
        if before != after:
            recorded["members"] = [sorted(before), sorted(after)]
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=team,
            changes=recorded,
        )
    return team


def _require_rule_administered(scope: Scope, rule: RoutingRule) -> None:
    """The rule as it is now (if it exists) and as it would be are both inside the administrator's
    areas, and neither sends reports to a team the administrator sits in."""
    if rule.pk is not None:
        stored = policy.row_to_act_on(
            queries.routing_rules_administered_by(scope),
            rule.pk,
            "This rule routes reports outside your areas.",
        )
        _require_not_a_member(scope, [stored.team_id])
    _require_team_administered(scope, rule.team_id)
    _require_not_a_member(scope, [rule.team_id])
    if rule.borough_id is None and not scope.covers_combined_authority:
        raise PermissionDenied(
            "Only the combined authority's administrators route reports from every borough."
        )
    if rule.borough_id is not None and not scope.covers_area(rule.borough_id):
        raise PermissionDenied("This borough is outside your areas.")


def save_routing_rule(*, actor: User, rule: RoutingRule, changes: Mapping[str, Any]) -> RoutingRule:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_USERS)
    _require_rule_administered(scope, rule)
    creating = rule.pk is None
    with transaction.atomic():
        rule.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=rule,
            changes={name: str(value)[:200] for name, value in changes.items()},
        )
    return rule


def delete_routing_rule(*, actor: User, rule: RoutingRule) -> None:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_USERS)
    _require_rule_administered(scope, rule)
    with transaction.atomic():
        audit.record(actor=actor, action=AuditAction.DELETE, obj=rule)
        rule.delete()
