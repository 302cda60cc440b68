"""Optimistic locking: an edit names the version it started from, and is refused with
`ConflictError` if someone else saved the record since. Nothing is changed; the page shows the
form again with what the person typed, at the version now stored (`form_helpers.form_after_conflict`),
so a second save knowingly replaces the other person's changes."""

from collections.abc import Mapping
from typing import Any

from django.db import models

from commonground.core import audit
from commonground.core.models import AuditAction, AuditEvent


class ConflictError(Exception):
    """Someone else saved the record after this edit began. Nothing was changed.

    Raised in one of two shapes, as the record keeps its history:
    - `ConflictError(changed, current_version)` for a record that versions its fields (a referral):
      `changed` maps each field changed since to its label;
    - `ConflictError(current)` for a record that keeps revisions (an assessment): `current` is the
      record as it now stands, with who amended it last.
    Either way `current_version` is the version a second save starts from.
    """

    def __init__(self, changed_or_current: Mapping[str, str] | Any, current_version: int | None = None):
        if isinstance(changed_or_current, Mapping):
            self.changed: dict[str, str] = dict(changed_or_current)
            self.current = None
            self.current_version = current_version
            names = ", ".join(self.changed.values()) or "the referral"
            message = f"Someone else changed this referral while you were editing it: {names}"
        else:
            current = changed_or_current
            self.changed = {}
            self.current = current
            self.current_version = current.revision
            message = (
                f"{current.assessed_by.get_full_name() or current.assessed_by} amended this assessment "
                f"(now revision {current.revision}) while you were editing it"
            )
        super().__init__(message)

    @property
    def current_revision(self) -> int | None:
        """The revision now stored, for records that count revisions rather than versions."""
        return self.current_version


def fields_changed_since(record: models.Model, version: int, labels: Mapping[str, str]) -> dict[str, str]:
    """The fields of `record` changed by saves made after `version`, each with its label, read back
    from the audit trail: every versioned save records `{"fields": [...], "version": [before, after]}`
    as an UPDATE of the record, so the trail already says who changed what since a page was opened.
    `labels` maps a field's name to its label (a name it does not know stands for itself)."""
    saves = AuditEvent.objects.filter(
        object_type=audit.object_type_of(record), object_id=str(record.pk), action=AuditAction.UPDATE
    ).order_by("sequence")
    changed: dict[str, str] = {}
    for save in saves:
        versions = save.changes.get("version") or [0, 0]
        if versions[0] >= version:
            for name in save.changes.get("fields", []):
                changed[name] = labels.get(name, name)
    return changed
