"""Reads of information requests, and the data protection officer's access outside normal scope.

An agency asked for information sees the request addressed to it and only the little it needs to
search its own records: the question, the due date, the person's name and date of birth, and who
asked. `RequestToAnswer` carries exactly that, so a page built from it cannot show the concern,
the screening, other agencies' answers or anything else of the case.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
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
from commonground.safeguarding.models import InformationRequest, Referral


class RequestStatus:
    WAITING = "waiting"
    OVERDUE = "overdue"
    ANSWERED = "answered"


def status_of(request: InformationRequest, today: date | None = None) -> str:
    if request.answered_at is not None:
        return RequestStatus.ANSWERED
    today = today or timezone.localdate()
    return RequestStatus.OVERDUE if request.due_on < today else RequestStatus.WAITING


@dataclass(frozen=True)
class RequestToAnswer:
    """What the answering agency may see of a request: nothing more than this."""

    pk: int
    question: str
    due_on: date
    status: str
    person_name: str
    date_of_birth: date | None
    age_years: int | None  # only where the date of birth is not known
    asked_by: str
    asked_by_agency: str
    sent_at: object
    answer: str
    answered_by: str
    answered_at: object

    @property
    def is_answered(self) -> bool:
        return self.status == RequestStatus.ANSWERED

    @property
    def is_overdue(self) -> bool:
        return self.status == RequestStatus.OVERDUE

    @classmethod
    def of(cls, request: InformationRequest) -> "RequestToAnswer":
        referral, sender = request.referral, request.sent_by
        return cls(
            pk=request.pk,
            question=request.question,
            due_on=request.due_on,
            status=status_of(request),
            person_name=referral.full_name,
            date_of_birth=referral.date_of_birth,
            age_years=None if referral.date_of_birth else referral.age_years,
            asked_by=sender.get_full_name() or sender.get_username(),
            asked_by_agency=sender.agency.name if sender.agency_id else "",
            sent_at=request.sent_at,
            answer=request.answer,
            answered_by=(request.answered_by.get_full_name() or request.answered_by.get_username())
            if request.answered_by_id
            else "",
            answered_at=request.answered_at,
        )


def _for_my_agency(scope: Scope) -> QuerySet[InformationRequest]:
    """Requests addressed to the user's own agency. A coordinator who sees a request through the
    referral reads its answer on the referral page, not here."""
    if not scope.can(Permission.ANSWER_INFORMATION_REQUESTS) or scope.user.agency_id is None:
        return InformationRequest.objects.none()
    return access.visible(scope, InformationRequest).filter(agency_id=scope.user.agency_id)


def information_requests_for_my_agency(scope: Scope) -> list[RequestToAnswer]:
    """ "Information requests for your agency": unanswered first (the earliest due, so overdue,
    first), then the answered ones, most recently answered first."""
    requests = _for_my_agency(scope).select_related("referral", "sent_by__agency", "answered_by")
    waiting = list(requests.filter(answered_at__isnull=True).order_by("due_on", "pk"))
    answered = list(requests.filter(answered_at__isnull=False).order_by("-answered_at"))
    shown = waiting + answered
    # Each row names the person asked about: the reading is audited, naming each request and person.
    record_list_view(
        scope=scope,
        records=[record for request in shown for record in (request, request.referral)],
        list_name="Information requests for your agency",
    )
    return [RequestToAnswer.of(request) for request in shown]


def information_request_for(scope: Scope, request_id: int) -> InformationRequest:
    """A request addressed to the user's agency, to answer it. Any other answers 404."""
    return access.get_visible_or_404(scope, _for_my_agency(scope), pk=request_id)


def open_information_request(scope: Scope, request_id: int) -> RequestToAnswer:
    """A request addressed to the user's agency, for its page; each opening is audited with the
    referral as subject. Any other request answers 404, like a missing one."""
    request = access.get_visible_or_404(
        scope,
        _for_my_agency(scope).select_related("referral", "sent_by__agency", "answered_by"),
        pk=request_id,
    )
    record_read(scope=scope, obj=request, subject=request.referral)
    return RequestToAnswer.of(request)


def agencies_to_ask() -> QuerySet[Agency]:
    """Every active agency: a coordinator may ask any partner, in or outside the borough."""
    return Agency.objects.filter(is_active=True).order_by("name")


def information_requests_to_answer(scope: Scope) -> list[WaitingItem]:
    """The staff home's "Information requests to answer": the agency's unanswered requests,
    overdue first. The label names no person: the page itself is audited."""
    today = timezone.localdate()
    requests = (
        _for_my_agency(scope)
        .filter(answered_at__isnull=True)
        .select_related("sent_by__agency")
        .order_by("due_on", "pk")[:20]
    )
    return [
        WaitingItem(
            label=f"Information request {request.pk}"
            + (f" from {request.sent_by.agency.name}" if request.sent_by.agency_id else ""),
            url=reverse("safeguarding:information-request", args=[request.pk]),
            detail=f"Due {request.due_on:%d %B %Y}",
            overdue=request.due_on < today,
        )
        for request in requests
    ]


# --- Access outside normal scope -------------------------------------------------------------------


def may_open_outside_scope_or_404(scope: Scope) -> None:
    """Without ACCESS_OUTSIDE_SCOPE the outside-scope page does not exist (404), so that nobody
    learns from it that such a route is there."""
    if not scope.can(Permission.ACCESS_OUTSIDE_SCOPE):
        raise Http404("Not found")


def open_referral_outside_scope(scope: Scope, referral_id: int, reason: str) -> Referral:
    """A referral for a data protection officer, whatever the borough, with a reason.

    This is the one read of a referral that does NOT go through `access.visible`: that is its
    point. It checks the permission itself (ACCESS_OUTSIDE_SCOPE, else 404), requires a reason
    (ValidationError without one) and writes an audit event flagged `outside_normal_scope=True`
    with the reason, which the data protection officers' staff home lists for review.
    """
    may_open_outside_scope_or_404(scope)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason you need to open this record"})
    try:
        referral = (
            Referral.objects.select_related("borough", "ward", "referrer_agency")
            .prefetch_related(
                "screening_decisions__decided_by",
                "gateway_checks__recorded_by",
                "information_requests__agency",
            )
            .get(pk=referral_id)
        )
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None
    record_read(scope=scope, obj=referral, subject=referral, reason=reason, outside_normal_scope=True)
    return referral


__all__ = [
    "RequestStatus",
    "RequestToAnswer",
    "agencies_to_ask",
    "information_request_for",
    "information_requests_for_my_agency",
    "information_requests_to_answer",
    "may_open_outside_scope_or_404",
    "open_information_request",
    "open_referral_outside_scope",
    "status_of",
]
