"""The one place a stored status changes. Each app's action calls `make_move` inside its
transaction: the row is locked, the step is checked against the entity's table (a pure `Machine`)
from the status stored now, the field is set and saved, and (before, after) comes back for the
audit event the action writes in the same transaction. A refused step raises ValidationError with
the table's message, before anything is written.

`tests/architecture/test_statuses_move_through_machines.py` fails on any other module that sets a
status. Why: docs/decisions/0016-statuses-move-through-state-machines.md."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction

from commonground.core.state_machine import Machine, MoveRefused


def refused(error: MoveRefused, error_field: str | None = None) -> ValidationError:
    message = str(error)
    return ValidationError({error_field: message} if error_field else message)


def require_move(
    obj: models.Model, machine: Machine, step: str, *, field: str = "status", error_field: str | None = None
) -> str:
    """The state `step` leads to from the record's; ValidationError (nothing written) if the table
    does not allow it. For checking early, on a row the action has locked, before other writes."""
    try:
        return machine.after(getattr(obj, field), step)
    except MoveRefused as error:
        raise refused(error, error_field) from error


def make_move(
    obj: models.Model,
    machine: Machine,
    step: str,
    *,
    field: str = "status",
    also: Iterable[str] = (),
    error_field: str | None = None,
) -> tuple[str, str]:
    """Move the record on by `step`: lock its row, check the step from the stored state, set and
    save the field (with the fields named in `also`, which the action has set on `obj`). Returns
    (state before, state after) for the audit event. Must run inside the action's transaction, so
    the lock holds until the audit event is written."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("A status moves inside the action's transaction.")
    stored = (
        type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list(field, flat=True).get()
    )
    try:
        after = machine.after(stored, step)
    except MoveRefused as error:
        raise refused(error, error_field) from error
    setattr(obj, field, after)
    fields = [*also] + ([field] if after != stored else [])
    if fields:
        obj.save(update_fields=fields)
    return stored, after
