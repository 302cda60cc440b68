"""A briefing's audience, in one place for both directions: which briefings a person may open (the
scoping rule reads it) and who the members of a briefing's audience are (its email, its read
receipts' "not yet"). Someone is in the audience when they match every part that is set: one of
its roles, one of its agencies, and areas covering one of its boroughs. Out of the audience a
briefing does not exist; after its expiry it closes to everyone but its author and the data
protection officers."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from commonground.core import policy
from commonground.core.access import Scope
from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.programme.models import Briefing, BriefingStatus

# Data protection officers may open an expired briefing (to answer a request about it, or audit it).
AFTER_EXPIRY = Permission.SEARCH_AUDIT_TRAIL


def _part_matches(through, briefing_field: str, value_field: str, values) -> Q:
    """An empty part of the audience matches everyone; a set one needs one of `values`."""
    rows = through.objects.filter(**{briefing_field: OuterRef("pk")})
    return ~Exists(rows) | Exists(rows.filter(**{f"{value_field}__in": values}))


def in_audience(scope: Scope) -> Q:
    """A condition on `Briefing`: `scope`'s person is in its audience."""
    user = scope.user
    group_ids = list(user.groups.values_list("pk", flat=True))
    agency_ids = [user.agency.pk] if user.agency is not None and user.agency.is_active else []
    return (
        _part_matches(Briefing.audience_roles.through, "briefing_id", "group_id", group_ids)
        & _part_matches(Briefing.audience_agencies.through, "briefing_id", "agency_id", agency_ids)
        & _part_matches(Briefing.audience_boroughs.through, "briefing_id", "area_id", list(scope.area_ids))
    )


def openable(scope: Scope) -> QuerySet[Briefing]:
    """The briefings `scope`'s person may open: their own, those sent to them while open, and, for
    the data protection officers, those that have expired."""
    now = timezone.now()
    condition = Q(author=scope.user.pk) | (
        Q(status=BriefingStatus.SENT, expires_at__gt=now) & in_audience(scope)
    )
    if scope.can(AFTER_EXPIRY):
        condition |= Q(status=BriefingStatus.SENT, expires_at__lte=now)
    return Briefing.objects.filter(condition)


def members(briefing: Briefing) -> QuerySet[User]:
    """The active staff in `briefing`'s audience (its author is not counted unless they match)."""
    candidates = User.objects.all()
    roles = list(briefing.audience_roles.values_list("pk", flat=True))
    if roles:
        candidates = candidates.filter(groups__in=roles)
    agencies = list(briefing.audience_agencies.values_list("pk", flat=True))
    if agencies:
        candidates = candidates.filter(agency__in=agencies, agency__is_active=True)
    boroughs = list(briefing.audience_boroughs.values_list("pk", flat=True))
    if boroughs:
        covering_any = Q(pk__in=[])
        for borough in boroughs:
            covering_any |= policy.covering(borough)
        candidates = candidates.filter(covering_any)
    return policy.who_may(Permission.USE_STAFF_AREA, among=candidates.distinct())
