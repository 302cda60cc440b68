"""Reads of information requests on the coordinator's side: those asked of agencies about the
cases they manage (to chase), and agencies' questions to them (to answer)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_list_view, record_read
from commonground.core.models import Agency
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem
from commonground.safeguarding.models import InformationRequest, RequestDirection
from commonground.safeguarding.queries.information import (
    WITH_THREAD,
    AnswerVersion,
    RequestStatus,
    RequestToAnswer,
    ThreadMessage,
    open_first,
    status_of,
)
from commonground.safeguarding.scoping import managed_referrals


@dataclass(frozen=True)
class CaseRequestRow:
    request: InformationRequest
    status: str

    @property
    def may_chase(self) -> bool:
        return self.request.direction == RequestDirection.TO_AGENCY and self.status in (
            RequestStatus.WAITING,
            RequestStatus.OVERDUE,
        )


@dataclass(frozen=True)
class CoordinatorRequests:
    outgoing: list[CaseRequestRow]  # asked of agencies
    incoming: list[CaseRequestRow]  # agencies' questions to answer


def _coordinators_requests(scope: Scope) -> QuerySet[InformationRequest]:
    return access.visible(scope, InformationRequest).filter(
        referral__in=managed_referrals(scope).values("pk")
    )


def requests_of_my_cases(scope: Scope) -> CoordinatorRequests:
    """The coordinator's "Information requests": those sent to agencies about the cases they manage
    (to chase), and agencies' questions to them, each open ones first.
    Each row names the person: one audited list view naming the requests and referrals shown."""
    if not scope.can(Permission.MANAGE_CASES):
        return CoordinatorRequests(outgoing=[], incoming=[])
    requests = _coordinators_requests(scope).select_related("referral", "agency", "sent_by")
    today = timezone.localdate()

    def rows(direction: str) -> list[CaseRequestRow]:
        return [
            CaseRequestRow(request=request, status=status_of(request, today))
            for request in open_first(requests.filter(direction=direction))
        ]

    listed = CoordinatorRequests(
        outgoing=rows(RequestDirection.TO_AGENCY), incoming=rows(RequestDirection.TO_COORDINATOR)
    )
    record_list_view(
        scope=scope,
        records=[
            record
            for row in listed.outgoing + listed.incoming
            for record in (row.request, row.request.referral)
        ],
        list_name="Information requests of your cases",
    )
    return listed


def case_request_for(scope: Scope, request_id: int) -> InformationRequest:
    """A request about a case the coordinator manages, either way, to work on it. 404 otherwise."""
    if not scope.can(Permission.MANAGE_CASES):
        raise Http404("Not found")
    return access.get_visible_or_404(scope, _coordinators_requests(scope), pk=request_id)


@dataclass(frozen=True)
class CaseRequestPage:
    request: InformationRequest
    status: str
    versions: list[AnswerVersion]
    thread: list[ThreadMessage]

    @property
    def to_coordinator(self) -> bool:
        return self.request.direction == RequestDirection.TO_COORDINATOR

    @property
    def may_chase(self) -> bool:
        return CaseRequestRow(self.request, self.status).may_chase


def open_case_request(scope: Scope, request_id: int) -> CaseRequestPage:
    """A request of a case the coordinator manages, with every version of its answer and its
    thread; each opening is audited with the referral as subject. 404 as `case_request_for`."""
    if not scope.can(Permission.MANAGE_CASES):
        raise Http404("Not found")
    request = access.get_visible_or_404(
        scope,
        _coordinators_requests(scope)
        .select_related("referral", "agency", "sent_by__agency", "answered_by", "closed_by")
        .prefetch_related(*WITH_THREAD),
        pk=request_id,
    )
    record_read(scope=scope, obj=request, subject=request.referral)
    shown = RequestToAnswer.of(request, with_thread=True)
    return CaseRequestPage(request=request, status=shown.status, versions=shown.versions, thread=shown.thread)


def questions_from_agencies_to_answer(scope: Scope) -> list[WaitingItem]:
    """The staff home's "Questions from agencies": agencies' open, unanswered questions about the
    coordinator's cases, overdue first. The label names no person: the page itself is audited."""
    if not scope.can(Permission.MANAGE_CASES):
        return []
    today = timezone.localdate()
    requests = (
        _coordinators_requests(scope)
        .filter(direction=RequestDirection.TO_COORDINATOR, answered_at__isnull=True, closed_at__isnull=True)
        .select_related("agency")
        .order_by("due_on", "pk")[:20]
    )
    return [
        WaitingItem(
            label=f"Question {request.pk} from {request.agency.name}",
            url=reverse("safeguarding:case-request", args=[request.pk]),
            detail=f"Due {request.due_on:%d %B %Y}",
            overdue=request.due_on < today,
        )
        for request in requests
    ]


def agencies_to_ask() -> QuerySet[Agency]:
    """Every active agency: a coordinator may ask any partner, in or outside the borough."""
    return Agency.objects.filter(is_active=True).order_by("name")


__all__ = [
    "CaseRequestPage",
    "CaseRequestRow",
    "CoordinatorRequests",
    "agencies_to_ask",
    "case_request_for",
    "open_case_request",
    "questions_from_agencies_to_answer",
    "requests_of_my_cases",
]
