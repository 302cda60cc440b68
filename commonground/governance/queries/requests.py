"""The data protection officer's subject access requests: the list (nearest deadline first), one
request with its chosen records and disclosure log, and the requests near their deadline."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, audit_reads
from commonground.core.access import Scope
from commonground.core.waiting import WaitingItem
from commonground.governance import deadlines, workflow
from commonground.governance.models import ChosenRecord, Disclosure, LegalHold, SubjectAccessRequest
from commonground.governance.queries.search import may_handle_subject_access_or_404


@dataclass(frozen=True)
class RequestPage:
    request: SubjectAccessRequest
    records: list[ChosenRecord]
    disclosures: list[Disclosure]
    days_left: int
    may_extend: bool
    steps: list[str]

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


def requests_page(scope: Scope, page_number: str | None, *, show_closed: bool = False):
    may_handle_subject_access_or_404(scope)
    rows = access.visible(scope, SubjectAccessRequest)
    if not show_closed:
        rows = rows.filter(status=workflow.OPEN)
    return audited_page(scope, rows.order_by("due_on", "pk"), page_number)


def audited_page(scope: Scope, rows: QuerySet, page_number: str | None):
    return audit_reads.audited_page(scope, rows, page_number=page_number, list_name="Subject access requests")


def request_page(scope: Scope, request_id: int) -> RequestPage:
    may_handle_subject_access_or_404(scope)
    request = access.get_visible_or_404(scope, SubjectAccessRequest, pk=request_id)
    audit_reads.record_read(scope=scope, obj=request)
    today = timezone.localdate()
    return RequestPage(
        request=request,
        records=list(request.records.order_by("source", "pk")),
        disclosures=list(request.disclosures.select_related("disclosed_by")),
        days_left=deadlines.days_left(request.due_on, today),
        may_extend=request.status == workflow.OPEN
        and request.extension_months == 0
        and today <= deadlines.due_on(request.received_on),
        steps=workflow.MACHINE.allowed(request.status),
    )


def request_or_404(scope: Scope, request_id: int) -> SubjectAccessRequest:
    """The request a form acts on (its number and subject's name on the page), read and audited."""
    may_handle_subject_access_or_404(scope)
    request = access.get_visible_or_404(scope, SubjectAccessRequest, pk=request_id)
    audit_reads.record_read(scope=scope, obj=request)
    return request


def due_soon(today: date | None = None) -> QuerySet[SubjectAccessRequest]:
    """Open requests due within DUE_SOON_DAYS (or overdue), for the sweep and the home page."""
    today = today or timezone.localdate()
    return SubjectAccessRequest.objects.filter(
        status=workflow.OPEN, due_on__lte=today + timedelta(days=deadlines.DUE_SOON_DAYS)
    ).order_by("due_on", "pk")


def due_soon_waiting_for(scope: Scope) -> list[WaitingItem]:
    """Requests near or past their deadline, by number (never the person's name) for the home page."""
    today = timezone.localdate()
    return [
        WaitingItem(
            label=f"Subject access request {request.pk}",
            url=reverse("governance:request", args=[request.pk]),
            detail=f"Due {request.due_on:%-d %B %Y}",
            overdue=request.due_on < today,
        )
        for request in access.visible(scope, due_soon(today))[:20]
    ]


def active_holds(scope: Scope) -> list[LegalHold]:
    may_handle_subject_access_or_404(scope)
    holds = list(access.visible(scope, LegalHold).filter(lifted_at__isnull=True).select_related("placed_by"))
    audit_reads.record_list_view(scope=scope, records=holds, list_name="Legal holds")
    return holds


def hold_or_404(scope: Scope, hold_id: int) -> LegalHold:
    may_handle_subject_access_or_404(scope)
    hold = access.get_visible_or_404(scope, LegalHold, pk=hold_id, lifted_at__isnull=True)
    audit_reads.record_read(scope=scope, obj=hold)
    return hold


def chosen_refs(request: SubjectAccessRequest) -> set[str]:
    """The records already chosen for a request (read after `request_or_404`)."""
    return set(request.records.values_list("ref", flat=True))
