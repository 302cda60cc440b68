"""Reads of sharing agreements, each from the user's scope: the list with each agreement's state,
one agreement with what was shared under it (counts by month and category for every party; the
disclosures themselves only of the viewer's own agency), and the agreements waiting for review."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, audit_reads
from commonground.core.access import Scope
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem
from commonground.sharing import rules
from commonground.sharing.actions.checks import terms_of
from commonground.sharing.models import AgreementDisclosure, DataCategory, SharingAgreement

# An expired agreement stays on the officers' list this long after it ended.
EXPIRED_LISTED_DAYS = 90

STATE_LABELS = {
    "expired": "Expired",
    "review_overdue": "Review overdue",
    "review_due": "Review due",
    "not_started": "Not started",
    None: "In force",
}


@dataclass(frozen=True)
class AgreementRow:
    agreement: SharingAgreement
    state: str | None
    parties: list[str]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class MonthCount:
    month: str  # "2026-11"
    counts: list[int]  # one per category, in `categories` order
    total: int


@dataclass(frozen=True)
class AgreementPage:
    row: AgreementRow
    categories: list[str]  # labels, for the counts table's columns
    months: list[MonthCount]
    disclosures: list[AgreementDisclosure]
    may_manage: bool


def may_view_or_404(scope: Scope) -> None:
    if not scope.can(Permission.VIEW_SHARING_AGREEMENTS):
        raise Http404("No such page")


def state_of(agreement: SharingAgreement, today: date) -> str | None:
    terms = terms_of(agreement)
    if terms.starts_on > today:
        return "not_started"
    return rules.review_state(terms, today)


def _row(agreement: SharingAgreement, today: date) -> AgreementRow:
    return AgreementRow(
        agreement=agreement,
        state=state_of(agreement, today),
        parties=sorted(party.name for party in agreement.parties.all()),
    )


def agreements_for(scope: Scope) -> list[AgreementRow]:
    may_view_or_404(scope)
    today = timezone.localdate()
    agreements = access.visible(scope, SharingAgreement).prefetch_related("parties").order_by("title", "pk")
    return [_row(agreement, today) for agreement in agreements]


def agreement_or_404(scope: Scope, agreement_id: int) -> SharingAgreement:
    may_view_or_404(scope)
    return access.get_visible_or_404(
        scope, SharingAgreement.objects.prefetch_related("parties"), pk=agreement_id
    )


def form_values(agreement: SharingAgreement) -> dict:
    """The agreement's terms as the amend form starts from them."""
    return {
        "title": agreement.title,
        "purpose": agreement.purpose,
        "parties": [party.pk for party in agreement.parties.all()],
        "categories": agreement.categories,
        "article_6_basis": agreement.article_6_basis,
        "article_9_condition": agreement.article_9_condition,
        "schedule_1_condition": agreement.schedule_1_condition,
        "starts_on": agreement.starts_on,
        "review_on": agreement.review_on,
        "ends_on": agreement.ends_on,
    }


def agreement_page(scope: Scope, agreement_id: int) -> AgreementPage:
    agreement = agreement_or_404(scope, agreement_id)
    categories = list(DataCategory.values)
    by_month: dict[str, dict[str, int]] = defaultdict(dict)
    # Counts only (no record, no person), so every party sees what was shared under its agreement.
    counted = (
        AgreementDisclosure.objects.filter(agreement=agreement)
        .annotate(month=TruncMonth("shared_at"))
        .values("month", "category")
        .annotate(count=Count("pk"))
    )
    for row in counted:
        by_month[rules.month_key(row["month"])][row["category"]] = row["count"]
    months = [
        MonthCount(
            month=month,
            counts=[by_month[month].get(category, 0) for category in categories],
            total=sum(by_month[month].values()),
        )
        for month in sorted(by_month, reverse=True)
    ]
    disclosures = list(
        access.visible(scope, AgreementDisclosure)
        .filter(agreement=agreement)
        .select_related("from_agency", "to_agency", "shared_by")
        .order_by("-shared_at", "-pk")[:200]
    )
    audit_reads.record_read(scope=scope, obj=agreement)
    return AgreementPage(
        row=_row(agreement, timezone.localdate()),
        categories=[str(DataCategory(category).label) for category in categories],
        months=months,
        disclosures=disclosures,
        may_manage=scope.can(Permission.MANAGE_SHARING_AGREEMENTS),
    )


def agreements_to_review(scope: Scope) -> list[WaitingItem]:
    """For the data protection officers' home: agreements whose review is due within the warning or
    overdue, and those that expired in the last EXPIRED_LISTED_DAYS."""
    today = timezone.localdate()
    items = []
    agreements = (
        access.visible(scope, SharingAgreement).prefetch_related("parties").order_by("review_on", "pk")
    )
    for agreement in agreements:
        state = state_of(agreement, today)
        if state is None or state == "not_started":
            continue
        if (
            state == "expired"
            and agreement.ends_on
            and agreement.ends_on < today - timedelta(days=EXPIRED_LISTED_DAYS)
        ):
            continue
        when = agreement.ends_on if state == "expired" else agreement.review_on
        items.append(
            WaitingItem(
                label=agreement.title,
                url=reverse("sharing:agreement", args=[agreement.pk]),
                detail=f"{STATE_LABELS[state]}: {when:%-d %B %Y}",
                overdue=state != "review_due",
            )
        )
    return items


def agreements_due_for_review(today: date) -> list[SharingAgreement]:
    """For the notice sweep: agreements in force whose review falls within the warning or has passed."""
    return [
        agreement
        for agreement in SharingAgreement.objects.prefetch_related("parties").order_by("pk")
        if state_of(agreement, today) in ("review_due", "review_overdue")
    ]
