"""Answering information requests: the other side answers in the system and may amend its answer
(every version kept, with who, when and why); both sides follow up in the request's thread."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import audit, notify
from commonground.core.models import AuditAction, User
from commonground.safeguarding.actions.information import (
    ANSWER_MAX_LENGTH,
    COORDINATOR,
    MESSAGE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    asking_side_recipients,
    checked_text,
    coordinators_of,
    link_for_agency,
    link_for_asker,
    link_for_coordinator,
    locked_request,
    other_side_agencies,
    recipients_for,
    share_about_case,
    sides_of,
)
from commonground.safeguarding.models import (
    InformationAnswerRevision,
    InformationRequest,
    InformationRequestMessage,
    RequestDirection,
)
from commonground.sharing.actions.checks import reports_refusals


@reports_refusals
def answer_information_request(
    *, actor: User, request: InformationRequest, answer: str
) -> InformationRequest:
    """The answering side's answer: the addressed agency's, or the coordinator's to an agency's
    question. Answered once; after that the answer is amended (`amend_answer`), never replaced."""
    answer = checked_text(answer, "answer", "Enter your answer", ANSWER_MAX_LENGTH, "Your answer")
    with transaction.atomic():
        locked = locked_request(actor, request, answering_side=True)
        if locked.closed_at is not None:
            raise ValidationError("This request is closed: it cannot be answered.")
        if locked.answered_at is not None:
            raise ValidationError(
                "This request has already been answered. To correct the answer, amend it and give the reason."
            )
        for agency in other_side_agencies(actor, locked):
            share_about_case(actor, locked, to_agency=agency)
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
            to=asking_side_recipients(locked),
            subject="Common Ground: an information request was answered",
            body=(
                f"Your question about referral {locked.referral_id} has been answered.\n\n"
                f"Sign in to read it: {link_for_asker(locked)}\n"
            ),
        )
    return locked


@reports_refusals
def amend_answer(*, actor: User, request: InformationRequest, answer: str, reason: str) -> InformationRequest:
    """A new version of an answer, with the reason it changed. Earlier versions are kept as they
    were, with who wrote them and when; the asking side is told."""
    answer = checked_text(answer, "answer", "Enter the amended answer", ANSWER_MAX_LENGTH, "The answer")
    reason = checked_text(
        reason, "reason", "Give the reason for amending the answer", REASON_MAX_LENGTH, "The reason"
    )
    with transaction.atomic():
        locked = locked_request(actor, request, answering_side=True)
        if locked.closed_at is not None:
            raise ValidationError("This request is closed: its answer cannot be amended.")
        if locked.answered_at is None:
            raise ValidationError("This request has not been answered yet: answer it first.")
        if answer == locked.answer:
            raise ValidationError({"answer": "The amended answer is the same as the current one"})
        for agency in other_side_agencies(actor, locked):
            share_about_case(actor, locked, to_agency=agency)
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
            to=asking_side_recipients(locked),
            subject="Common Ground: an answer to your information request was amended",
            body=(
                f"The answer to your question about referral {locked.referral_id} has been amended.\n\n"
                f"Sign in to read it: {link_for_asker(locked)}\n"
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


@reports_refusals
def post_message(*, actor: User, request: InformationRequest, body: str) -> InformationRequestMessage:
    """A follow-up in the request's thread, from either side, while the request is open. The
    other side is told by email (a link, never the words)."""
    body = checked_text(body, "body", "Enter your message", MESSAGE_MAX_LENGTH, "Your message")
    with transaction.atomic():
        locked = locked_request(actor, request)
        if locked.closed_at is not None:
            raise ValidationError("This request is closed: no more messages can be added.")
        from_coordinator = COORDINATOR in sides_of(actor, locked)
        for agency in other_side_agencies(actor, locked):
            share_about_case(actor, locked, to_agency=agency)
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
            to = recipients_for(locked.agency) if to_agency else asking_side_recipients(locked)
            link = link_for_agency(locked)
        else:
            to = asking_side_recipients(locked) if to_agency else coordinators_of(locked)
            link = link_for_coordinator(locked)
        notify.email(
            to=[address for address in to if address],
            subject="Common Ground: a new message about an information request",
            body=f"There is a new message about information request {locked.pk}.\n\nSign in to read it: {link}\n",
        )
    return message
