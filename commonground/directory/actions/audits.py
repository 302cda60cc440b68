"""Recording an audit of a directory entry against the checklist, and marking its actions done.

An audit's date is never in the future and never before the entry existed to be checked; it has a
finding (met or not) for every active checklist item of the entry's kind; "meets with actions" names
at least one action, each due on or after the audit. The entry's latest audit (by date) is copied
onto the entry in the same transaction: that copy is what decides whether the public sees it."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.models import AuditAction as TrailAction
from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.directory.models import (
    Audit,
    AuditAction,
    AuditChecklistItem,
    AuditFinding,
    AuditResult,
    DirectoryEntry,
)

AUDIT = Permission.AUDIT_DIRECTORY_ENTRIES


@dataclass(frozen=True)
class Finding:
    item: AuditChecklistItem
    met: bool
    note: str = ""


@dataclass(frozen=True)
class ActionAgreed:
    description: str
    due_on: date


def may_audit(scope: Scope) -> bool:
    return scope.can(AUDIT)


def checklist_for(kind: str):
    return AuditChecklistItem.objects.filter(applies_to=kind, active=True).order_by("position", "key")


def _check(
    entry: DirectoryEntry,
    *,
    audited_on: date,
    result: str,
    findings: list[Finding],
    actions: list[ActionAgreed],
    today: date,
) -> None:
    errors: dict[str, str] = {}
    if audited_on > today:
        errors["audited_on"] = f"The date of the audit must be today ({today:%-d %B %Y}) or earlier"
    if result not in AuditResult.values:
        errors["result"] = "Select the result of the audit"
    expected = set(checklist_for(entry.kind).values_list("pk", flat=True))
    given = [finding.item.pk for finding in findings]
    if len(given) != len(set(given)) or set(given) != expected:
        errors["findings"] = "Answer every item of the checklist once: met or not met"
    for each in actions:
        if not each.description.strip():
            errors["actions"] = "Describe each action the place must take"
        elif each.due_on < audited_on:
            errors["actions"] = f"Each action must be due on or after the audit ({audited_on:%-d %B %Y})"
    if result == AuditResult.MEETS_WITH_ACTIONS and not actions:
        errors.setdefault(
            "actions", "Add the actions the place must take, since it meets the standard with actions"
        )
    if errors:
        raise ValidationError(errors)


def _refresh_latest(entry: DirectoryEntry) -> None:
    """Copy the entry's latest audit (by date, then the last recorded) onto it."""
    latest = entry.audits.order_by("-audited_on", "-pk").first()
    entry.latest_audit_on = latest.audited_on if latest else None
    entry.latest_audit_result = latest.result if latest else ""
    entry.save(update_fields=["latest_audit_on", "latest_audit_result"])


def _entries_to_audit(scope: Scope):
    return access.visible(scope, DirectoryEntry.objects.select_for_update()).filter(
        borough__in=scope.area_ids
    )


def record_audit(
    *,
    actor: User,
    entry: DirectoryEntry,
    audited_on: date,
    result: str,
    findings: list[Finding],
    summary: str = "",
    actions: list[ActionAgreed] | None = None,
) -> Audit:
    scope = scope_for(actor)
    scope.require(AUDIT)
    agreed = actions or []
    with transaction.atomic():
        locked = policy.row_to_act_on(_entries_to_audit(scope), entry.pk, "That entry was not found.")
        _check(
            locked,
            audited_on=audited_on,
            result=result,
            findings=findings,
            actions=agreed,
            today=timezone.localdate(),
        )
        recorded = Audit.objects.create(
            entry=locked, audited_on=audited_on, auditor=actor, result=result, summary=summary.strip()
        )
        AuditFinding.objects.bulk_create(
            AuditFinding(audit=recorded, item=f.item, met=f.met, note=f.note.strip()) for f in findings
        )
        AuditAction.objects.bulk_create(
            AuditAction(audit=recorded, description=a.description.strip(), due_on=a.due_on) for a in agreed
        )
        before = (locked.latest_audit_on, locked.latest_audit_result)
        _refresh_latest(locked)
        audit.record(
            actor=actor,
            action=TrailAction.CREATE,
            obj=recorded,
            changes={
                "entry": locked.pk,
                "audited_on": audited_on,
                "result": result,
                "findings_not_met": sum(1 for f in findings if not f.met),
                "actions": len(agreed),
                "latest_audit": [
                    [before[0], before[1]],
                    [locked.latest_audit_on, locked.latest_audit_result],
                ],
            },
        )
    return recorded


def mark_action_done(*, actor: User, action: AuditAction, done_on: date | None = None) -> AuditAction:
    scope = scope_for(actor)
    scope.require(AUDIT)
    today = timezone.localdate()
    day = done_on or today
    with transaction.atomic():
        rows = access.visible(scope, AuditAction.objects.select_for_update()).filter(
            audit__entry__borough__in=scope.area_ids
        )
        current = policy.row_to_act_on(rows, action.pk, "That action was not found.")
        if current.done_on is not None:
            raise ValidationError(f"This action was already marked done on {current.done_on:%-d %B %Y}")
        if day > today:
            raise ValidationError({"done_on": "The day it was done must be today or earlier"})
        current.done_on = day
        current.done_by = actor
        current.save(update_fields=["done_on", "done_by"])
        audit.record(actor=actor, action=TrailAction.UPDATE, obj=current, changes={"done_on": day})
    return current
