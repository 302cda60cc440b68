"""Reads of information requests on the agency's side, and the data protection officer's access
outside normal scope.

An agency sees the requests exchanged with it (asked of it, or its own questions to the coordinator)
and only the little it needs to search its own records: the question, the due date, the person's name and date of birth, and who
asked. `RequestToAnswer` carries exactly that, so a page built from it cannot show the concern,
the screening, other agencies' answers or anything else of the case.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_list_view, record_read
from commonground.core.roles import Permission
from commonground.core.sensitivity import Purpose, RecordView, view_of
from commonground.core.waiting import WaitingItem
from commonground.safeguarding.models import (
    InformationAnswerRevision,
    InformationRequest,
    InformationRequestMessage,
    Referral,
    RequestDirection,
)
from commonground.safeguarding.queries.referrals import case_view
from commonground.safeguarding.scoping import agencies_in_the_case


class RequestStatus:
    WAITING = "waiting"
    OVERDUE = "overdue"
    ANSWERED = "answered"
    CLOSED = "closed"


def status_of(request: InformationRequest, today: date | None = None) -> str:
    """Closed once the asking side closes it; else answered; else overdue after its due date."""
    if request.closed_at is not None:
        return RequestStatus.CLOSED
    if request.answered_at is not None:
        return RequestStatus.ANSWERED
    today = today or timezone.localdate()
    return RequestStatus.OVERDUE if request.due_on < today else RequestStatus.WAITING


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class AnswerVersion:
    answer: str
    reason: str
    written_by: str
    written_at: object


@dataclass(frozen=True)
class ThreadMessage:
    body: str
    from_coordinator: bool
    written_by: str
    written_at: object


@dataclass(frozen=True)
class RequestToAnswer:
    """What the partner agency may see of a request, either way: nothing more than this."""

    pk: int
    direction: str
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
    referral_id: int = 0
    last_chased_at: object = None
    closed_at: object = None
    versions: list[AnswerVersion] = field(default_factory=list)
    thread: list[ThreadMessage] = field(default_factory=list)

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.status == RequestStatus.OVERDUE

    @property
    def is_closed(self) -> bool:
        return self.status == RequestStatus.CLOSED

    @property
    def to_coordinator(self) -> bool:
        """A question the agency asked the coordinator (else one asked of the agency)."""
        return self.direction == RequestDirection.TO_COORDINATOR

    @classmethod
    def of(cls, request: InformationRequest, *, with_thread: bool = False) -> "RequestToAnswer":
        """Built from the views for the answering agency's purpose (core.sensitivity): the person's
        identifying details and the request, nothing else of the case."""
        referral = view_of(request.referral, Purpose.ANSWERING_AGENCY)
        request_view = view_of(request, Purpose.ANSWERING_AGENCY)
        sender = request.sent_by
        versions, thread = [], []
        if with_thread:
            versions = [
                AnswerVersion(
                    answer=row.answer,
                    reason=row.reason,
                    written_by=_name(row.written_by),
                    written_at=row.written_at,
                )
                for row in request.answer_revisions.all()
            ]
            thread = [
                ThreadMessage(
                    body=row.body,
                    from_coordinator=row.from_coordinator,
                    written_by=_name(row.written_by),
                    written_at=row.written_at,
                )
                for row in request.messages.all()
            ]
        return cls(
            pk=request.pk,
            direction=request_view.direction,
            question=request_view.question,
            due_on=request_view.due_on,
            status=status_of(request),
            person_name=referral.full_name,
            date_of_birth=referral.date_of_birth,
            age_years=None if referral.date_of_birth else referral.age_years,
            asked_by=_name(sender),
            asked_by_agency=sender.agency.name if sender.agency else "",
            sent_at=request_view.sent_at,
            answer=request_view.answer,
            answered_by=_name(request_view.answered_by),
            answered_at=request_view.answered_at,
            referral_id=referral.pk,
            last_chased_at=request_view.last_chased_at,
            closed_at=request_view.closed_at,
            versions=versions,
            thread=thread,
        )


WITH_THREAD = (
    Prefetch("answer_revisions", InformationAnswerRevision.objects.select_related("written_by")),
    Prefetch("messages", InformationRequestMessage.objects.select_related("written_by")),
)


def _for_my_agency(scope: Scope) -> QuerySet[InformationRequest]:
    """Requests exchanged with the user's own agency, either way. A coordinator who sees a request
    through the referral works on it from the coordinator's pages, not here."""
    if not scope.can(Permission.ANSWER_INFORMATION_REQUESTS) or scope.user.agency_id is None:
        return InformationRequest.objects.none()
    return access.visible(scope, InformationRequest).filter(agency_id=scope.user.agency_id)


@dataclass(frozen=True)
class AgencyRequests:
    to_answer: list[RequestToAnswer]  # asked of the agency
    asked: list[RequestToAnswer]  # the agency's own questions to coordinators


def open_first(requests: QuerySet[InformationRequest]) -> list[InformationRequest]:
    """Open and unanswered first (the earliest due, so overdue, first), then answered, then closed."""
    waiting = list(requests.filter(answered_at__isnull=True, closed_at__isnull=True).order_by("due_on", "pk"))
    answered = list(
        requests.filter(answered_at__isnull=False, closed_at__isnull=True).order_by("-answered_at")
    )
    closed = list(requests.filter(closed_at__isnull=False).order_by("-closed_at"))
    return waiting + answered + closed


def information_requests_for_my_agency(scope: Scope) -> AgencyRequests:
    """ "Information requests for your agency": those asked of it, and the questions it asked
    coordinators, each open ones first."""
    requests = _for_my_agency(scope).select_related("referral", "sent_by__agency", "answered_by")
    to_answer = open_first(requests.filter(direction=RequestDirection.TO_AGENCY))
    asked = open_first(requests.filter(direction=RequestDirection.TO_COORDINATOR))
    # Each row names the person asked about: the reading is audited, naming each request and person.
    record_list_view(
        scope=scope,
        records=[record for request in to_answer + asked for record in (request, request.referral)],
        list_name="Information requests for your agency",
    )
    return AgencyRequests(
        to_answer=[RequestToAnswer.of(request) for request in to_answer],
        asked=[RequestToAnswer.of(request) for request in asked],
    )


def information_request_for(scope: Scope, request_id: int) -> InformationRequest:
    """A request exchanged with the user's agency, to work on it. Any other answers 404."""
    return access.get_visible_or_404(scope, _for_my_agency(scope), pk=request_id)


def open_information_request(scope: Scope, request_id: int) -> RequestToAnswer:
    """A request exchanged with the user's agency, for its page, with its answer's versions and
    its thread; each opening is audited with the referral as subject. Any other request answers
    404, like a missing one."""
    request = access.get_visible_or_404(
        scope,
        _for_my_agency(scope)
        .select_related("referral", "sent_by__agency", "answered_by")
        .prefetch_related(*WITH_THREAD),
        pk=request_id,
    )
    record_read(scope=scope, obj=request, subject=request.referral)
    return RequestToAnswer.of(request, with_thread=True)


# --- An agency asks the coordinator -----------------------------------------------------------------


@dataclass(frozen=True)
class CaseToAskAbout:
    """What the asking agency sees of the case on the question form: whom it is about, no more."""

    referral_id: int
    reference: str
    person_name: str


def _case_my_agency_is_part_of(scope: Scope, referral_id: int) -> Referral:
    """A case the user's agency is part of (`scoping.agencies_in_the_case`), for its staff who
    answer requests; 404 for any other. It reads past `visible(Referral)` on purpose: the form shows
    the name and reference of a case the agency already knows, nothing recorded about it."""
    if not scope.can(Permission.ANSWER_INFORMATION_REQUESTS) or scope.user.agency_id is None:
        raise Http404("Not found")
    try:
        referral = Referral.objects.only("pk", "reference", "first_name", "last_name").get(pk=referral_id)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None
    if not agencies_in_the_case(referral.pk).filter(pk=scope.user.agency_id, is_active=True).exists():
        raise Http404("Not found")
    return referral


def referral_to_ask_about(scope: Scope, referral_id: int) -> Referral:
    """The case to attach an agency's question to (the action checks again). 404 as above."""
    return _case_my_agency_is_part_of(scope, referral_id)


def open_case_to_ask_about(scope: Scope, referral_id: int) -> CaseToAskAbout:
    """The question form's heading: the person's name is shown, so each opening is audited."""
    referral = _case_my_agency_is_part_of(scope, referral_id)
    record_read(scope=scope, obj=referral, subject=referral)
    shown = view_of(referral, Purpose.ANSWERING_AGENCY)
    return CaseToAskAbout(referral_id=shown.pk, reference=shown.reference, person_name=shown.full_name)


def may_ask_coordinator(scope: Scope, referral_id: int) -> bool:
    """Whether the "Ask the coordinator" link belongs on a page the user already sees."""
    if not scope.can(Permission.ANSWER_INFORMATION_REQUESTS) or scope.user.agency_id is None:
        return False
    return agencies_in_the_case(referral_id).filter(pk=scope.user.agency_id, is_active=True).exists()


def information_requests_to_answer(scope: Scope) -> list[WaitingItem]:
    """The staff home's "Information requests to answer": the agency's unanswered requests,
    overdue first. The label names no person: the page itself is audited."""
    today = timezone.localdate()
    requests = (
        _for_my_agency(scope)
        .filter(direction=RequestDirection.TO_AGENCY, answered_at__isnull=True, closed_at__isnull=True)
        .select_related("sent_by__agency")
        .order_by("due_on", "pk")[:20]
    )
    return [
        WaitingItem(
            label=f"Information request {request.pk}"
            + (f" from {request.sent_by.agency.name}" if request.sent_by.agency else ""),
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


def open_referral_outside_scope(scope: Scope, referral_id: int, reason: str) -> RecordView:
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
    return case_view(referral, Purpose.OVERSIGHT)


__all__ = [
    "AgencyRequests",
    "AnswerVersion",
    "CaseToAskAbout",
    "RequestStatus",
    "RequestToAnswer",
    "ThreadMessage",
    "information_request_for",
    "information_requests_for_my_agency",
    "information_requests_to_answer",
    "may_ask_coordinator",
    "may_open_outside_scope_or_404",
    "open_case_to_ask_about",
    "open_information_request",
    "open_referral_outside_scope",
    "referral_to_ask_about",
    "status_of",
]
