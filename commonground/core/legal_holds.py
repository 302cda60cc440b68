"""Records under a legal hold are never erased by a retention sweep, until the hold is lifted.
Information governance keeps the holds (`governance.LegalHold`, naming records as the audit trail
does: "reports.report:12"); it sits above every app, so it registers here how to ask, and each app's
sweep excludes what is held through `exclude_held`."""

from collections.abc import Callable

from django.db import models

_held_pks: list[Callable[[str], set[int]]] = []


def register(held_pks: Callable[[str], set[int]]) -> None:
    """`held_pks(label)`: the primary keys of the records of model `label` under a hold now."""
    _held_pks.append(held_pks)


def held_pks(label: str) -> set[int]:
    held: set[int] = set()
    for ask in _held_pks:
        held |= ask(label.lower())
    return held


def exclude_held(queryset: models.QuerySet) -> models.QuerySet:
    held = held_pks(queryset.model._meta.label_lower)
    return queryset.exclude(pk__in=held) if held else queryset
