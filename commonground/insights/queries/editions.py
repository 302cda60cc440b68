"""Reads of statistics editions.

Public reads see published editions only: a draft, or one awaiting approval, does not exist for
them (404). Staff reads need a statistics permission; editions hold aggregates only, so every
member of staff who may see statistics sees every edition of the partnership.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import Scope
from commonground.core.models import AuditAction
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem
from commonground.insights.models import EditionStatus, StatisticsEdition, TableWithdrawal
from commonground.insights.quarters import Quarter
from commonground.insights.queries import publication

STAFF_PERMISSIONS = (Permission.VIEW_INSIGHTS, Permission.PREPARE_STATISTICS, Permission.APPROVE_STATISTICS)
REPORT_PERMISSIONS = (Permission.VIEW_INSIGHTS, Permission.PREPARE_STATISTICS)


# --- Public ----------------------------------------------------------------------------------------


def published_editions() -> list[StatisticsEdition]:
    """Every published edition and revision, newest quarter first, newest revision first."""
    return list(StatisticsEdition.objects.published().order_by("-period_start", "-revision"))


def latest_published() -> StatisticsEdition | None:
    return StatisticsEdition.objects.published().order_by("-period_start", "-revision").first()


def published_edition(slug: str, revision: int | None = None) -> StatisticsEdition | None:
    """The newest published revision of a quarter, or the one asked for; `None` if not published."""
    quarter = Quarter.from_slug(slug)
    if quarter is None:
        return None
    editions = StatisticsEdition.objects.published().filter(period_start=quarter.start)
    if revision is not None:
        editions = editions.filter(revision=revision)
    return editions.order_by("-revision").first()


def published_edition_or_404(slug: str, revision: int | None = None) -> StatisticsEdition:
    edition = published_edition(slug, revision)
    if edition is None:
        raise Http404("No published edition")
    return edition


def newest_revision_of(edition: StatisticsEdition) -> StatisticsEdition:
    """The newest published revision of the edition's quarter (the edition itself if none newer)."""
    return (
        StatisticsEdition.objects.published()
        .filter(period_start=edition.period_start)
        .order_by("-revision")
        .first()
    ) or edition


def tables_of(edition: StatisticsEdition) -> list[dict]:
    """The edition's tables as they may be shown now: a table withdrawn after publication is
    replaced by its title and the withdrawal note, with no figures. Every page, download, API
    answer and report reads an edition's tables through here."""
    withdrawn = {w.table_name: w for w in edition.withdrawals.all()}
    return [_withdrawn(t, withdrawn[t["name"]]) if t["name"] in withdrawn else t for t in edition.tables]


def _withdrawn(table: dict, withdrawal: TableWithdrawal) -> dict:
    when = timezone.localtime(withdrawal.withdrawn_at)
    return {
        **{key: table[key] for key in ("name", "title", "description", "kind", "row_header", "policy")},
        "withheld": True,
        "withdrawn": True,
        "note": f"{withdrawal.note} (withdrawn on {when:%-d %B %Y})",
        "columns": [],
        "rows": [],
        "cells": [],
    }


def table_of(edition: StatisticsEdition, name: str) -> dict | None:
    return next((t for t in tables_of(edition) if t["name"] == name), None)


def table_of_or_404(edition: StatisticsEdition, name: str) -> dict:
    table = table_of(edition, name)
    if table is None:
        raise Http404("No such table")
    return table


# --- Staff -----------------------------------------------------------------------------------------


def _require_any(scope: Scope, permissions: tuple[Permission, ...]) -> None:
    if not any(scope.can(p) for p in permissions):
        raise PermissionDenied("This needs a statistics permission.")


def editions_for_staff(scope: Scope) -> list[StatisticsEdition]:
    _require_any(scope, STAFF_PERMISSIONS)
    return list(
        StatisticsEdition.objects.select_related("prepared_by", "approved_by", "published_by").order_by(
            "-period_start", "-revision"
        )
    )


def edition_for_staff(scope: Scope, edition_id: int) -> StatisticsEdition:
    _require_any(scope, STAFF_PERMISSIONS)
    edition = (
        StatisticsEdition.objects.select_related("prepared_by", "approved_by", "published_by", "supersedes")
        .filter(pk=edition_id)
        .first()
    )
    if edition is None:
        raise Http404("No such edition")
    return edition


def corrected_by(edition: StatisticsEdition) -> StatisticsEdition | None:
    """The revision that corrects this one, if there is one (in any state)."""
    return StatisticsEdition.objects.filter(supersedes=edition).first()


@dataclass(frozen=True)
class QuarterChoice:
    slug: str
    label: str


def quarters_to_draft() -> list[QuarterChoice]:
    """Ended quarters, from the first one with data, that have no edition yet; newest first."""
    first = publication.earliest_data_on()
    if first is None:
        return []
    taken = set(StatisticsEdition.objects.values_list("period_start", flat=True))
    choices = []
    quarter = Quarter.containing(timezone.localdate()).previous()
    while quarter.end >= first:
        if quarter.start not in taken:
            choices.append(QuarterChoice(quarter.slug, quarter.label))
        quarter = quarter.previous()
    return choices


@transaction.atomic
def edition_for_quarterly_report(scope: Scope, edition_id: int) -> StatisticsEdition:
    """An approved or published edition for its PDF report; producing the report is audited."""
    _require_any(scope, REPORT_PERMISSIONS)
    edition = (
        StatisticsEdition.objects.filter(
            pk=edition_id, status__in=[EditionStatus.APPROVED, EditionStatus.PUBLISHED]
        )
        .select_related("approved_by")
        .first()
    )
    if edition is None:
        raise Http404("No approved or published edition")
    audit.record(
        actor=scope.user,
        action=AuditAction.EXPORT,
        obj=edition,
        changes={"document": "quarterly report (PDF)", "content_sha256": edition.content_sha256},
    )
    return edition


# --- Waiting lists on the staff home page ----------------------------------------------------------


def _waiting_item(edition: StatisticsEdition, detail: str) -> WaitingItem:
    return WaitingItem(
        label=f"{edition.quarter_label}, revision {edition.revision}",
        url=reverse("insights:edition", kwargs={"edition_id": edition.pk}),
        detail=detail,
    )


def editions_to_approve(scope: Scope) -> list[WaitingItem]:
    """Editions awaiting approval that someone else prepared."""
    if not scope.can(Permission.APPROVE_STATISTICS):
        return []
    editions = (
        StatisticsEdition.objects.filter(status=EditionStatus.AWAITING_APPROVAL)
        .exclude(prepared_by=scope.user)
        .select_related("prepared_by")
        .order_by("period_start", "revision")
    )
    return [
        _waiting_item(e, f"prepared by {e.prepared_by.get_full_name() or e.prepared_by.get_username()}")
        for e in editions
    ]


def editions_to_finish(scope: Scope) -> list[WaitingItem]:
    """Approved editions to publish, and drafts sent back with reasons."""
    if not scope.can(Permission.PREPARE_STATISTICS):
        return []
    approved = StatisticsEdition.objects.filter(status=EditionStatus.APPROVED).order_by("period_start")
    sent_back = (
        StatisticsEdition.objects.filter(status=EditionStatus.DRAFT)
        .exclude(approval_note="")
        .order_by("period_start")
    )
    return [_waiting_item(e, "approved: ready to publish") for e in approved] + [
        _waiting_item(e, "sent back: see the reasons") for e in sent_back
    ]
