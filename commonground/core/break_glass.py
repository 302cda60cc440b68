"""Emergency ("break-glass") access: which records may be opened outside one's scope in an
emergency, and which grants are open now.

An app says a model supports it by registering a `BreakGlassTarget` from its scoping.py: how a
record is found by its reference, the permission a person must already hold to see records of
that kind (break-glass widens their areas for one record, never their permissions), who owns a
record (told at once when it is opened this way), and the page that shows it. Core imports no app.

The scoping layer (`core.access.visible`) asks `granted_pks(scope, model)`: the records this
person opened in an emergency whose hour has not ended. That makes exactly those rows visible to
exactly that person until the grant expires, through every page and list that starts from
`visible` (and rows whose rules follow them, such as a referral's screening decisions); after the
hour they answer 404 again. The grant itself is made by `core.actions.break_glass`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from commonground.core.models import BreakGlassAccess, User
from commonground.core.roles import Permission

if TYPE_CHECKING:  # the scope is only passed through here (access imports this module)
    from commonground.core.access import Scope


@dataclass(frozen=True)
class BreakGlassTarget:
    model: type[models.Model]
    noun: str  # what a person calls it: "safeguarding referral"
    permission: Permission  # the view permission a person must already hold
    reference_field: str  # the field the reference is typed into
    # The people who own the record and are told at once when it is opened in an emergency.
    owners: Callable[[Any], models.QuerySet[User]]
    # The record's page, for the person who opened it (a path on this site).
    url: Callable[[Any], str]
    # The rows of this kind the person can already open through their own scope (their pages'
    # starting point, if narrower than `access.visible`): a record among them needs no emergency.
    reach: Callable[["Scope"], models.QuerySet[Any]] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_TARGETS: dict[str, BreakGlassTarget] = {}


def register(target: BreakGlassTarget) -> None:
    _TARGETS[target.label] = target


def targets() -> list[BreakGlassTarget]:
    return list(_TARGETS.values())


def target_for(label: str) -> BreakGlassTarget | None:
    return _TARGETS.get(label.lower())


def supports(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _TARGETS


def active_grants(user: User) -> dict[str, frozenset[int]]:
    """The records `user` opened in an emergency whose hour is not over, by model: one query."""
    now = timezone.now()
    grants: dict[str, set[int]] = {}
    for record_type, record_pk in BreakGlassAccess.objects.filter(
        user=user, opened_at__lte=now, expires_at__gt=now
    ).values_list("record_type", "record_pk"):
        grants.setdefault(record_type, set()).add(record_pk)
    return {label: frozenset(pks) for label, pks in grants.items()}


def active_grant_for(user: User, record: models.Model) -> BreakGlassAccess | None:
    """This person's open grant to this record, if they have one."""
    now = timezone.now()
    return (
        BreakGlassAccess.objects.filter(
            user=user,
            record_type=record._meta.label_lower,
            record_pk=record.pk,
            opened_at__lte=now,
            expires_at__gt=now,
        )
        .order_by("-expires_at")
        .first()
    )
