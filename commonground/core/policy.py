"""The one policy for "who may": asked from either side, it gives the same answer.

- What may this user see and do? `policy.may`, `policy.visible`, `policy.get_visible_or_404`:
  the scoping layer's answer (`core.access`: the user's `Scope` and the rules each app registers),
  passed through, never worked out again here.
- Who may do this here? `policy.who_may(permission, area=..., agencies=..., among=...)`: the people
  whose `Scope` would let them, as one query (subqueries, no scope computed per person). Every list
  of people to tell (notices, alerts, chases, the weekly report, the officers told of a broken
  audit trail) starts here, so nobody outside the area or without the permission is ever listed.
- May this actor act on this row? `policy.row_to_act_on(rows, pk, refusal)`: the row, from rows
  already narrowed to the actor's reach, or a refusal that reads the same whether the row is
  missing or someone else's.

Both questions answer from the same facts as `access.scope_for`: an active account; the
permissions of its roles or given to it directly (a superuser holds them all, as Django says); the
areas of its agency while the agency is active, and any areas an administrator added, each
covering the areas below it. `tests/core/test_policy.py` checks the two answers agree.
"""

from collections.abc import Iterable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Agency, Area, User
from commonground.core.roles import Permission

M = TypeVar("M", bound=models.Model)


# --- What may this user see and do ------------------------------------------------------------------


def scope(user: User) -> Scope:
    return access.scope_for(user)


def may(user: User, permission: Permission, *, area: Area | int | None = None) -> bool:
    """Whether `user` holds `permission` (and, if `area` is given, whether their areas cover it)."""
    user_scope = access.scope_for(user)
    return user_scope.can(permission) and (area is None or user_scope.covers_area(area))


def visible(user: User, rows: models.QuerySet | type[models.Model]) -> models.QuerySet:
    return access.visible(access.scope_for(user), rows)


def get_visible_or_404(user: User, rows: models.QuerySet | type[models.Model], **lookup) -> models.Model:
    return access.get_visible_or_404(access.scope_for(user), rows, **lookup)


def row_to_act_on(rows: models.QuerySet[M], pk: object, refusal: str) -> M:
    """The row `pk` of `rows`, which the caller has already narrowed to what the actor may act on
    (their scope, their side of a request, their own subscriptions), or `PermissionDenied(refusal)`:
    the answer actions give for a row that is missing and for one outside the actor's reach alike,
    so an action never tells anyone that someone else's row exists."""
    row = rows.filter(pk=pk).first()
    if row is None:
        raise PermissionDenied(refusal)
    return row


# --- Who may do this here ---------------------------------------------------------------------------


def holding(permission: Permission) -> Q:
    """A condition on `User`: holds `permission` through a role, directly, or as a superuser."""
    codename = {"content_type__app_label": "core", "codename": permission.value}
    through_roles = User.objects.filter(**{f"groups__permissions__{k}": v for k, v in codename.items()})
    given_directly = User.objects.filter(**{f"user_permissions__{k}": v for k, v in codename.items()})
    return Q(is_superuser=True) | Q(pk__in=through_roles.values("pk")) | Q(pk__in=given_directly.values("pk"))


def covering(area: Area | int) -> Q:
    """A condition on `User`: their areas include `area`, through their active agency or areas
    granted to them, at its level or above (a borough covers its wards, the combined authority
    everything). Areas are at most three deep, so the areas above are two joins away."""
    area_id = area.pk if isinstance(area, Area) else area
    at_or_above = Area.objects.filter(
        Q(pk=area_id) | Q(children__pk=area_id) | Q(children__children__pk=area_id)
    ).values("pk")
    through_agency = User.objects.filter(agency__is_active=True, agency__areas__in=at_or_above)
    granted = User.objects.filter(additional_areas__in=at_or_above)
    return Q(pk__in=through_agency.values("pk")) | Q(pk__in=granted.values("pk"))


def who_may(
    permission: Permission,
    *,
    area: Area | int | None = None,
    agencies: models.QuerySet[Agency] | Iterable[Agency | int] | None = None,
    among: models.QuerySet[User] | None = None,
) -> models.QuerySet[User]:
    """The active people who hold `permission`, and, where given: whose areas cover `area`; who
    work for one of `agencies` (while it is active: a case's agencies, an agency asked a question);
    who are among `among` (a team, a subscription list). One query, whatever their number."""
    people = User.objects.filter(is_active=True).filter(holding(permission))
    if area is not None:
        people = people.filter(covering(area))
    if agencies is not None:
        if not isinstance(agencies, models.QuerySet):
            ids = [a.pk if isinstance(a, Agency) else a for a in agencies]
            agencies = Agency.objects.filter(pk__in=ids)
        people = people.filter(agency__in=agencies.filter(is_active=True).values_list("pk", flat=True))
    if among is not None:
        people = people.filter(pk__in=among.values("pk"))
    return people.order_by("pk")


def emails_of(people: models.QuerySet[User]) -> list[str]:
    """The addresses of `people` who have one, each once, in order: for an email to them all."""
    return sorted(set(people.exclude(email="").values_list("email", flat=True)))
