"""Information requests: the coordinator asks a named agency a question, or an agency that is part
of the case asks the coordinator; the other side answers in the system and may amend its answer
(every version kept, with who, when and why); both sides follow up in the request's thread; the
asking side closes it. Overdue requests to agencies are chased by email at most once a day, by the
schedule or from the coordinator's list."""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commonground.core import audit, notify, policy
from commonground.core.access import scope_for
from commonground.core.models import Agency, AuditAction, User
from commonground.core.roles import Permission
from commonground.safeguarding import notifications
from commonground.safeguarding.models import (
    InformationAnswerRevision,
    InformationRequest,
    InformationRequestMessage,
    Referral,
    RequestDirection,
)
from commonground.safeguarding.scoping import agencies_in_the_case, managed_referrals

QUESTION_MAX_LENGTH = 5000
ANSWER_MAX_LENGTH = 10000
MESSAGE_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 2000

COORDINATOR = "coordinator"
AGENCY = "agency"


def send_information_request(
    *, actor: User, referral: Referral, agency: Agency, question: str, due_on: date
) -> InformationRequest:
    """Ask `agency` a question about a referral in the coordinator's scope, to answer by `due_on`."""
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_CASES)
    question = (question or "").strip()
    errors = {}
    if agency is None or not agency.is_active:
        errors["agency"] = "Select the agency to ask"
    if not question:
        errors["question"] = "Enter the question to ask"
    elif len(question) > QUESTION_MAX_LENGTH:
        errors["question"] = f"The question must be {QUESTION_MAX_LENGTH} characters or fewer"
    if due_on is None:
        errors["due_on"] = "Enter the date the answer is due"
    elif due_on < timezone.localdate():
        errors["due_on"] = "The date the answer is due must be today or in the future"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = policy.row_to_act_on(
            managed_referrals(scope, Referral.objects.select_for_update()),
            referral.pk,
            "That referral is outside your boroughs.",
        )
        request = InformationRequest.objects.create(
            referral=locked, agency=agency, question=question, due_on=due_on, sent_by=actor
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=request,
            subject=locked,
            changes={"agency": agency.name, "due_on": due_on.isoformat()},
        )
        notifications.information_request_received(request)
        # The agency's mailbox by email; its staff who answer get a notice each (their own choice of
        # an email per notice or a digest), so nobody is emailed twice.
        notify.email(
            to=agency_mailbox(agency),
            subject="Common Ground: an information request for your agency",
            body=(
                f"A safeguarding coordinator has asked {agency.name} for information, "
                f"to answer by {due_on:%d %B %Y}.\n\n"
                f"Sign in to read and answer it: {_link(request)}\n"
            ),
        )
    return request


def answer_information_request(
    *, actor: User, request: InformationRequest, answer: str
) -> InformationRequest:
    """The answering side's answer: the addressed agency's, or the coordinator's to an agency's
    question. Answered once; after that the answer is amended (`amend_answer`), never replaced."""
    answer = _checked_text(answer, "answer", "Enter your answer", ANSWER_MAX_LENGTH, "Your answer")
    with transaction.atomic():
        locked = _locked(actor, request, answering_side=True)
        if locked.closed_at is not None:
            raise ValidationError("This request is closed: it cannot be answered.")
        if locked.answered_at is not None:
            raise ValidationError(
                "This request has already been answered. To correct the answer, amend it and give the reason."
            )
        _new_answer_version(actor, locked, answer, reason="")
        # That it was answered, not the answer: the answer stays with the case.
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            subject=locked.referral,
            changes={"answered": True},
        )
        notify.email(
            to=_asking_side_recipients(locked),
            subject="Common Ground: an information request was answered",
            body=(
                f"Your question about referral {locked.referral_id} has been answered.\n\n"
                f"Sign in to read it: {_link_for_asker(locked)}\n"
            ),
        )
    return locked


def amend_answer(*, actor: User, request: InformationRequest, answer: str, reason: str) -> InformationRequest:
    """A new version of an answer, with the reason it changed. Earlier versions are kept as they
    were, with who wrote them and when; the asking side is told."""
    answer = _checked_text(answer, "answer", "Enter the amended answer", ANSWER_MAX_LENGTH, "The answer")
    reason = _checked_text(
        reason, "reason", "Give the reason for amending the answer", REASON_MAX_LENGTH, "The reason"
    )
    with transaction.atomic():
        locked = _locked(actor, request, answering_side=True)
        if locked.closed_at is not None:
            raise ValidationError("This request is closed: its answer cannot be amended.")
        if locked.answered_at is None:
            raise ValidationError("This request has not been answered yet: answer it first.")
        if answer == locked.answer:
            raise ValidationError({"answer": "The amended answer is the same as the current one"})
        version = _new_answer_version(actor, locked, answer, reason=reason)
        # The version's number, not its words: answer and reason stay with the case.
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            subject=locked.referral,
            changes={"answer_amended": version},
        )
        notify.email(
            to=_asking_side_recipients(locked),
            subject="Common Ground: an answer to your information request was amended",
            body=(
                f"The answer to your question about referral {locked.referral_id} has been amended.\n\n"
                f"Sign in to read it: {_link_for_asker(locked)}\n"
            ),
        )
    return locked


def _new_answer_version(actor: User, request: InformationRequest, answer: str, *, reason: str) -> int:
    InformationAnswerRevision.objects.create(request=request, answer=answer, reason=reason, written_by=actor)
    request.answer = answer
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "answered_by", "answered_at"])
    return InformationAnswerRevision.objects.filter(request=request).count()


def ask_coordinator(
    *, actor: User, referral: Referral, question: str, due_on: date | None
) -> InformationRequest:
    """A question from an agency that is part of the case (`scoping.agencies_in_the_case`) to the
    coordinators of the case's borough. Any other agency is refused, as if the case did not exist."""
    scope = scope_for(actor)
    scope.require(Permission.ANSWER_INFORMATION_REQUESTS)
    question = (question or "").strip()
    errors = {}
    if not question:
        errors["question"] = "Enter your question"
    elif len(question) > QUESTION_MAX_LENGTH:
        errors["question"] = f"The question must be {QUESTION_MAX_LENGTH} characters or fewer"
    if due_on is None:
        errors["due_on"] = "Enter the date you need the answer by"
    elif due_on < timezone.localdate():
        errors["due_on"] = "The date you need the answer by must be today or in the future"
    if errors or due_on is None:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Referral.objects.select_for_update().filter(pk=referral.pk).first()
        if (
            locked is None
            or actor.agency is None
            or not agencies_in_the_case(locked.pk).filter(pk=actor.agency_id, is_active=True).exists()
        ):
            raise PermissionDenied("Your agency is not part of that case.")
        request = InformationRequest.objects.create(
            referral=locked,
            direction=RequestDirection.TO_COORDINATOR,
            agency=actor.agency,
            question=question,
            due_on=due_on,
            sent_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=request,
            subject=locked,
            changes={"direction": RequestDirection.TO_COORDINATOR, "due_on": due_on.isoformat()},
        )
        notify.email(
            to=_coordinators_of(request),
            subject="Common Ground: a question from a partner agency",
            body=(
                f"{actor.agency.name} has asked a question about referral {locked.pk}, "
                f"to answer by {due_on:%d %B %Y}.\n\n"
                f"Sign in to read and answer it: {_link_for_coordinator(request)}\n"
            ),
        )
    return request


def post_message(*, actor: User, request: InformationRequest, body: str) -> InformationRequestMessage:
    """A follow-up in the request's thread, from either side, while the request is open. The
    other side is told by email (a link, never the words)."""
    body = _checked_text(body, "body", "Enter your message", MESSAGE_MAX_LENGTH, "Your message")
    with transaction.atomic():
        locked = _locked(actor, request)
        if locked.closed_at is not None:
            raise ValidationError("This request is closed: no more messages can be added.")
        from_coordinator = COORDINATOR in _sides(actor, locked)
        message = InformationRequestMessage.objects.create(
            request=locked, body=body, from_coordinator=from_coordinator, written_by=actor
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=message,
            subject=locked.referral,
            changes={"request": locked.pk, "from_coordinator": from_coordinator},
        )
        to_agency = locked.direction == RequestDirection.TO_AGENCY
        if from_coordinator:
            to = recipients_for(locked.agency) if to_agency else _asking_side_recipients(locked)
            link = _link(locked)
        else:
            to = _asking_side_recipients(locked) if to_agency else _coordinators_of(locked)
            link = _link_for_coordinator(locked)
        notify.email(
            to=[address for address in to if address],
            subject="Common Ground: a new message about an information request",
            body=f"There is a new message about information request {locked.pk}.\n\nSign in to read it: {link}\n",
        )
    return message


def close_information_request(*, actor: User, request: InformationRequest) -> InformationRequest:
    """The asking side closes its request: nothing more is needed. No answer, amendment, message
    or chase afterwards."""
    with transaction.atomic():
        locked = _locked(actor, request, answering_side=False)
        if locked.closed_at is not None:
            raise ValidationError("This request is already closed.")
        locked.closed_at = timezone.now()
        locked.closed_by = actor
        locked.save(update_fields=["closed_at", "closed_by"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            subject=locked.referral,
            changes={"closed": True},
        )
    return locked


def chase_information_request(*, actor: User, request: InformationRequest) -> InformationRequest:
    """The coordinator chases an unanswered request to an agency from their list: one email to the
    agency, recorded on the request and audited, at most once a (local) day, like the scheduled chase."""
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        locked = _locked(actor, request, answering_side=False)
        if locked.direction != RequestDirection.TO_AGENCY:
            raise ValidationError("Only a request to an agency can be chased.")
        if locked.closed_at is not None or locked.answered_at is not None:
            raise ValidationError("Only an open request still waiting for its answer can be chased.")
        if locked.last_chased_at is not None and timezone.localdate(locked.last_chased_at) >= today:
            raise ValidationError(f"{locked.agency.name} has already been chased today.")
        recipients = recipients_for(locked.agency)
        locked.last_chased_at = now
        locked.save(update_fields=["last_chased_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            subject=locked.referral,
            changes={"chased": today.isoformat(), "recipients": len(recipients)},
        )
        notify.email(
            to=recipients,
            subject="Common Ground: a reminder about an information request",
            body=(
                f"A safeguarding coordinator is waiting for {locked.agency.name}'s answer to an "
                f"information request, needed by {locked.due_on:%d %B %Y}.\n\n"
                f"Sign in to answer it: {_link(locked)}\n"
            ),
        )
    return locked


# --- Who is on which side ---------------------------------------------------------------------------


def _sides(actor: User, request: InformationRequest) -> set[str]:
    """The coordinator's side: managing the case. The agency's side: its staff who answer requests."""
    scope = scope_for(actor)
    sides = set()
    if managed_referrals(scope).filter(pk=request.referral_id).exists():
        sides.add(COORDINATOR)
    if scope.can(Permission.ANSWER_INFORMATION_REQUESTS) and actor.agency_id == request.agency_id:
        sides.add(AGENCY)
    return sides


def _locked(actor: User, request: InformationRequest, *, answering_side: bool | None = None):
    """The request, locked, if `actor` is on the side named (the answering side, the asking side,
    or either when None); refused otherwise."""
    locked = policy.row_to_act_on(
        InformationRequest.objects.select_for_update().select_related("referral", "agency", "sent_by"),
        request.pk,
        "That request is not yours to work on.",
    )
    answerer = AGENCY if locked.direction == RequestDirection.TO_AGENCY else COORDINATOR
    asker = COORDINATOR if answerer == AGENCY else AGENCY
    wanted = {None: {answerer, asker}, True: {answerer}, False: {asker}}[answering_side]
    if not wanted & _sides(actor, locked):
        raise PermissionDenied("That request is not yours to work on.")
    return locked


def _checked_text(value: str, field: str, missing: str, max_length: int, name: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > max_length:
        raise ValidationError({field: f"{name} must be {max_length} characters or fewer"})
    return value


def _coordinators_of(request: InformationRequest) -> list[str]:
    return policy.emails_of(policy.who_may(Permission.MANAGE_CASES, area=request.referral.borough_id))


def _asking_side_recipients(request: InformationRequest) -> list[str]:
    """The person who asked, while they may still work the request on their side: a coordinator
    covering the case's borough, or a member of the asking agency who answers requests."""
    sender = User.objects.filter(pk=request.sent_by_id)
    if request.direction == RequestDirection.TO_AGENCY:
        still_theirs = policy.who_may(Permission.MANAGE_CASES, area=request.referral.borough_id, among=sender)
    else:
        still_theirs = policy.who_may(
            Permission.ANSWER_INFORMATION_REQUESTS, agencies=[request.agency_id], among=sender
        )
    return policy.emails_of(still_theirs)


def _link_for_asker(request: InformationRequest) -> str:
    if request.direction == RequestDirection.TO_AGENCY:
        return _link_for_coordinator(request)
    return _link(request)


def _link_for_coordinator(request: InformationRequest) -> str:
    return _absolute(reverse("safeguarding:case-request", args=[request.pk]))


def agency_mailbox(agency: Agency) -> list[str]:
    return [agency.contact_email] if agency.contact_email else []


def recipients_for(agency: Agency) -> list[str]:
    """The agency's contact address or, if it has none, its active staff who answer requests."""
    if agency.contact_email:
        return [agency.contact_email]
    return policy.emails_of(policy.who_may(Permission.ANSWER_INFORMATION_REQUESTS, agencies=[agency]))


def chase_overdue_information_requests(*, now: datetime | None = None) -> int:
    """Email the agency about each unanswered request past its due date, at most once a (local) day
    per request; each chase is recorded on the request and audited. Returns how many were chased."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = InformationRequest.objects.filter(
        direction=RequestDirection.TO_AGENCY,
        answered_at__isnull=True,
        closed_at__isnull=True,
        due_on__lt=today,
    ).values_list("pk", flat=True)
    chased = 0
    for pk in list(due):
        with transaction.atomic():
            request = (
                InformationRequest.objects.select_for_update()
                .select_related("agency", "referral")
                .filter(pk=pk, answered_at__isnull=True, closed_at__isnull=True)
                .first()
            )
            if request is None or (
                request.last_chased_at is not None and timezone.localdate(request.last_chased_at) >= today
            ):
                continue
            recipients = recipients_for(request.agency)
            request.last_chased_at = now
            request.save(update_fields=["last_chased_at"])
            audit.record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=request,
                subject=request.referral,
                changes={"chased": today.isoformat(), "recipients": len(recipients)},
            )
            days = (today - request.due_on).days
            notify.email(
                to=recipients,
                subject="Common Ground: an information request is overdue",
                body=(
                    f"An information request to {request.agency.name} was due on "
                    f"{request.due_on:%d %B %Y} ({days} day{'s' if days != 1 else ''} ago) and has not "
                    f"been answered.\n\nSign in to answer it: {_link(request)}\n"
                ),
            )
            chased += 1
    return chased


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _link(request: InformationRequest) -> str:
    return _absolute(reverse("safeguarding:information-request", args=[request.pk]))
