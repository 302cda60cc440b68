"""Reads for the staff pages, each starting from the reader's scope: the list of entries with
filters and each entry's status in words, one entry with its audit history, the checklist to audit
it against, and the staff home's list of entries overdue for audit."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area
from commonground.core.waiting import WaitingItem
from commonground.directory import listing_rules
from commonground.directory.actions.audits import checklist_for, may_audit
from commonground.directory.actions.entries import may_manage
from commonground.directory.models import (
    Audit,
    AuditAction,
    AuditChecklistItem,
    AuditFinding,
    DirectoryEntry,
    Language,
    OpeningHours,
)


def audit_period_days() -> int:
    return settings.DIRECTORY_AUDIT_PERIOD_DAYS


def _overdue(entries: QuerySet[DirectoryEntry], today: date) -> QuerySet[DirectoryEntry]:
    boundary = listing_rules.audited_before_which_is_overdue(today, audit_period_days())
    return entries.filter(Q(latest_audit_on__isnull=True) | Q(latest_audit_on__lte=boundary))


def _shown(entries: QuerySet[DirectoryEntry]) -> QuerySet[DirectoryEntry]:
    return entries.filter(published=True, latest_audit_result__in=sorted(listing_rules.LISTED_RESULTS))


@dataclass(frozen=True)
class EntryFilters:
    kind: str = ""
    borough_id: int | None = None
    overdue: bool = False
    hidden: bool = False


def entries(scope: Scope, filters: EntryFilters | None = None) -> QuerySet[DirectoryEntry]:
    chosen = filters or EntryFilters()
    rows = access.visible(scope, DirectoryEntry).select_related("borough").defer("borough__boundary")
    if chosen.kind:
        rows = rows.filter(kind=chosen.kind)
    if chosen.borough_id is not None:
        rows = rows.filter(borough_id=chosen.borough_id)
    if chosen.overdue:
        rows = _overdue(rows, timezone.localdate())
    if chosen.hidden:
        rows = rows.exclude(pk__in=_shown(DirectoryEntry.objects.all()).values("pk"))
    return rows.order_by("organisation_name", "place_name", "pk")


def status_of(entry: DirectoryEntry, today: date | None = None) -> list[str]:
    return listing_rules.status_in_words(
        published=entry.published,
        latest_audit_result=entry.latest_audit_result or None,
        latest_audit_on=entry.latest_audit_on,
        today=today or timezone.localdate(),
        period_days=audit_period_days(),
    )


def boroughs_for(scope: Scope) -> QuerySet[Area]:
    return Area.objects.boroughs().filter(pk__in=scope.area_ids).order_by("name")


def entry_or_404(scope: Scope, entry_id: int) -> DirectoryEntry:
    rows = DirectoryEntry.objects.select_related("borough", "ward").defer(
        "borough__boundary", "ward__boundary"
    )
    rows = rows.prefetch_related(
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at")),
        Prefetch("languages", queryset=Language.objects.order_by("position", "name")),
    )
    return access.get_visible_or_404(scope, rows, pk=entry_id)


@dataclass(frozen=True)
class EntryPage:
    entry: DirectoryEntry
    status: list[str]
    shown_to_public: bool
    overdue: bool
    due_on: date | None
    audits: list[Audit]
    may_manage: bool
    may_audit: bool


def open_entry(scope: Scope, entry_id: int) -> EntryPage:
    entry = entry_or_404(scope, entry_id)
    audits = list(
        access.visible(scope, Audit)
        .filter(entry=entry)
        .select_related("auditor")
        .prefetch_related(
            Prefetch(
                "findings", queryset=AuditFinding.objects.select_related("item").order_by("item__position")
            ),
            Prefetch(
                "actions", queryset=AuditAction.objects.select_related("done_by").order_by("due_on", "pk")
            ),
        )
        .order_by("-audited_on", "-pk")
    )
    today = timezone.localdate()
    return EntryPage(
        entry=entry,
        status=status_of(entry, today),
        shown_to_public=listing_rules.shown_to_public(
            published=entry.published, latest_audit_result=entry.latest_audit_result or None
        ),
        overdue=listing_rules.overdue_for_audit(
            latest_audit_on=entry.latest_audit_on, today=today, period_days=audit_period_days()
        ),
        due_on=listing_rules.audit_due_on(entry.latest_audit_on, audit_period_days()),
        audits=audits,
        may_manage=may_manage(scope),
        may_audit=may_audit(scope),
    )


def checklist(entry: DirectoryEntry) -> list[AuditChecklistItem]:
    return list(checklist_for(entry.kind))


def action_or_404(scope: Scope, action_id: int) -> AuditAction:
    return access.get_visible_or_404(scope, AuditAction.objects.select_related("audit__entry"), pk=action_id)


def overdue_waiting_for(scope: Scope) -> list[WaitingItem]:
    """Entries of the reader's boroughs overdue for audit (never audited first), for those who may
    audit them."""
    if not may_audit(scope):
        return []
    rows = _overdue(access.visible(scope, DirectoryEntry), timezone.localdate())
    items = []
    # Never audited first, then the longest overdue.
    for entry in rows.order_by(F("latest_audit_on").asc(nulls_first=True), "organisation_name")[:20]:
        detail = (
            "Never audited"
            if entry.latest_audit_on is None
            else f"Last audited {entry.latest_audit_on:%-d %B %Y}"
        )
        items.append(
            WaitingItem(
                label=str(entry),
                url=reverse("directory:staff-entry", args=[entry.pk]),
                detail=f"{entry.get_kind_display()}. {detail}",
                overdue=True,
            )
        )
    return items
