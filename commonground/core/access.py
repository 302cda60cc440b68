"""The one scoping layer: what a user may see and do.

Every query of personal data, in every app, starts from a `Scope` and goes through `visible()`
(or a rule registered here). Views never filter on their own. Out of scope looks like "not found".

A user's scope is:
- the permissions of their roles (`core.roles.Permission`);
- the areas their agency serves, plus any wider areas an administrator granted them, each
  expanded downward (a borough covers its wards; the combined authority covers everything);
- later, membership of a case (the safeguarding app registers a rule for that);
- for an hour, each record the user opened in an emergency with a reason (break-glass: the
  records `core.break_glass` grants them, added to what their rule shows, nothing else).
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from commonground.core import break_glass
from commonground.core.models import Area, AreaLevel, User
from commonground.core.roles import Permission

# The rows of any scoped model: `visible()` hands back the same model it was given.
M = TypeVar("M", bound=models.Model)

# A rule is registered per model, so its filter takes and returns rows of that (unnamed) model.
ScopeFilter = Callable[["Scope", models.QuerySet[Any]], models.QuerySet[Any]]


@dataclass(frozen=True)
class Scope:
    user: User
    permissions: frozenset[Permission]
    area_ids: frozenset[int]
    # True where the user's areas include a combined authority: they see every area below it.
    covers_combined_authority: bool = False

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(f"This needs the permission: {permission.label}.")

    def covers_area(self, area: Area | int | None) -> bool:
        area_id = area.pk if isinstance(area, Area) else area
        return area_id is not None and area_id in self.area_ids

    @cached_property
    def borough_ids(self) -> frozenset[int]:
        return frozenset(Area.objects.boroughs().filter(pk__in=self.area_ids).values_list("pk", flat=True))

    @cached_property
    def _break_glass_grants(self) -> dict[str, frozenset[int]]:
        if not self.can(Permission.BREAK_GLASS) or not self.user.is_authenticated:
            return {}
        return break_glass.active_grants(self.user)

    def break_glass_pks(self, model: type[models.Model]) -> frozenset[int]:
        """The rows of `model` this user opened in an emergency and may still see (their hour is
        not over), while they hold the permission to see that kind of record. Asked once a request,
        and only for a model that supports break-glass."""
        target = break_glass.target_for(model._meta.label_lower)
        if target is None or not self.can(target.permission):
            return frozenset()
        return self._break_glass_grants.get(target.label, frozenset())


def _expand_downward(area_ids: set[int]) -> set[int]:
    """The areas given plus every area below them (two levels at most: borough → ward)."""
    expanded = set(area_ids)
    frontier = set(area_ids)
    while frontier:
        children = set(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier = children - expanded
        expanded |= children
    return expanded


# Where a user object (one per request) keeps its scope: an attribute of the instance, not a field.
_CACHED_SCOPE = "_commonground_scope"


def scope_for(user: User) -> Scope:
    """The scope of a signed-in user; cached on the user object for the request."""
    cached = getattr(user, _CACHED_SCOPE, None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope(user=user, permissions=frozenset(), area_ids=frozenset())
    else:
        codenames = {name.split(".", 1)[1] for name in user.get_all_permissions() if name.startswith("core.")}
        permissions = frozenset(p for p in Permission if p.value in codenames)
        direct = set(user.additional_areas.values_list("pk", flat=True))
        agency = user.agency
        if agency is not None and agency.is_active:
            direct |= set(agency.areas.values_list("pk", flat=True))
        covers_ca = Area.objects.filter(pk__in=direct, level=AreaLevel.COMBINED_AUTHORITY).exists()
        scope = Scope(
            user=user,
            permissions=permissions,
            area_ids=frozenset(_expand_downward(direct)),
            covers_combined_authority=covers_ca,
        )
    setattr(user, _CACHED_SCOPE, scope)
    return scope


# --- Rules for scoped models -----------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeRule:
    """How one model's rows are restricted: the permission to see any, then the area they belong
    to (a lookup path to an Area), or a custom filter for rules that areas cannot express."""

    view_permission: Permission
    area_lookup: str | None = None
    custom_filter: ScopeFilter | None = None
    holds_personal_data: bool = True


_RULES: dict[type[models.Model], ScopeRule] = {}

# Models that hold no agency-, area- or case-owned data, each with the reason; the system check
# `core.E001` fails for any model of ours that is in neither table.
UNSCOPED_MODELS: dict[str, str] = {}


def register(model: type[models.Model], rule: ScopeRule) -> None:
    _RULES[model] = rule


def declare_unscoped(label: str, reason: str) -> None:
    UNSCOPED_MODELS[label.lower()] = reason


def rule_for(model: type[models.Model]) -> ScopeRule:
    try:
        return _RULES[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} has no scope rule: register one in its app.") from None


def registered_models() -> list[type[models.Model]]:
    return list(_RULES)


def visible(scope: Scope, queryset_or_model: models.QuerySet[M] | type[M]) -> models.QuerySet[M]:
    """The rows of a scoped model this scope may see. Everything else is as if it did not exist."""
    queryset = (
        queryset_or_model._default_manager.all() if isinstance(queryset_or_model, type) else queryset_or_model
    )
    rule = rule_for(queryset.model)
    if not scope.can(rule.view_permission):
        return queryset.none()
    granted = scope.break_glass_pks(queryset.model)
    unnarrowed = queryset
    if rule.custom_filter is not None:
        queryset = rule.custom_filter(scope, queryset)
    if rule.area_lookup is not None:
        in_areas = queryset.model._default_manager.filter(**{f"{rule.area_lookup}__in": scope.area_ids})
        # A subquery rather than a join, so rows reached through many areas are not repeated.
        queryset = queryset.filter(pk__in=in_areas.values("pk"))
    if granted:
        # Records opened in an emergency, for their hour: those rows and no others.
        queryset = queryset | unnarrowed.filter(pk__in=granted)
    return queryset


# Rows that exist but were asked for out of scope during this request (the user saw "not found").
# Noted here and written by `middleware.OutOfScopeAttemptsMiddleware` once the response is made, so
# a transaction the 404 rolls back cannot take the note with it.
_OUT_OF_SCOPE_ATTEMPTS: ContextVar[list[tuple[int, str, str]] | None] = ContextVar(
    "out_of_scope_attempts", default=None
)


def start_noting_attempts() -> list[tuple[int, str, str]]:
    """Called at the start of a request: a fresh list of (user id, model, pk) asked out of scope."""
    attempts: list[tuple[int, str, str]] = []
    _OUT_OF_SCOPE_ATTEMPTS.set(attempts)
    return attempts


def stop_noting_attempts() -> None:
    """Called once the request's attempts are kept: nothing more is noted outside a request."""
    _OUT_OF_SCOPE_ATTEMPTS.set(None)


def _note_attempt_if_out_of_scope(scope: Scope, model: type[models.Model], lookup: dict[str, Any]) -> None:
    attempts = _OUT_OF_SCOPE_ATTEMPTS.get()
    if attempts is None or not scope.user.is_authenticated or not rule_for(model).holds_personal_data:
        return
    try:
        # The same lookup without the scope: a row that does not exist is not an attempt.
        found = model._default_manager.filter(**lookup).values_list("pk", flat=True)[:1]
        pks = list(found)
    except (ValueError, TypeError, models.ObjectDoesNotExist):
        return
    if pks:
        attempts.append((scope.user.pk, model._meta.label_lower, str(pks[0])))


def get_visible_or_404(scope: Scope, queryset_or_model: models.QuerySet[M] | type[M], **lookup: Any) -> M:
    """One row this scope may see; out of scope answers 404 just like a missing row (and, when the
    row exists, the attempt is noted for the data protection officer's access review)."""
    try:
        return visible(scope, queryset_or_model).get(**lookup)
    except models.ObjectDoesNotExist:
        model = queryset_or_model if isinstance(queryset_or_model, type) else queryset_or_model.model
        _note_attempt_if_out_of_scope(scope, model, lookup)
        raise Http404("Not found") from None
    except (ValueError, TypeError):
        raise Http404("Not found") from None


def require(scope: Scope, permission: Permission) -> None:
    scope.require(permission)
