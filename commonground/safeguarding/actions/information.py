"""Information requests: the coordinator asks a named agency a question, or an agency that is part
of the case asks the coordinator; the asking side closes it. Overdue requests to agencies are
chased by email at most once a day, by the schedule or from the coordinator's list. Answering and
the thread are in information_answers.py; who is on which side, and the links sent, are here."""

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
from commonground.safeguarding.models import InformationRequest, Referral, RequestDirection
from commonground.safeguarding.scoping import agencies_in_the_case, managed_referrals
from commonground.sharing.actions.checks import agency_sharing_for, reports_refusals, require_agreement
from commonground.sharing.models import DataCategory

QUESTION_MAX_LENGTH = 5000
ANSWER_MAX_LENGTH = 10000
MESSAGE_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 2000

COORDINATOR = "coordinator"
AGENCY = "agency"


@reports_refusals
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
        # Asking names the person to the agency: an agreement must cover it.
        share_about_case(actor, request, to_agency=agency)
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
                f"Sign in to read and answer it: {link_for_agency(request)}\n"
            ),
        )
    return request


@reports_refusals
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
        for coordinating_agency in coordinating_agencies(request):
            share_about_case(actor, request, to_agency=coordinating_agency)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=request,
            subject=locked,
            changes={"direction": RequestDirection.TO_COORDINATOR, "due_on": due_on.isoformat()},
        )
        notify.email(
            to=coordinators_of(request),
            subject="Common Ground: a question from a partner agency",
            body=(
                f"{actor.agency.name} has asked a question about referral {locked.pk}, "
                f"to answer by {due_on:%d %B %Y}.\n\n"
                f"Sign in to read and answer it: {link_for_coordinator(request)}\n"
            ),
        )
    return request


def close_information_request(*, actor: User, request: InformationRequest) -> InformationRequest:
    """The asking side closes its request: nothing more is needed. No answer, amendment, message
    or chase afterwards."""
    with transaction.atomic():
        locked = locked_request(actor, request, answering_side=False)
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
        locked = locked_request(actor, request, answering_side=False)
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
                f"Sign in to answer it: {link_for_agency(locked)}\n"
            ),
        )
    return locked


# --- Who is on which side ---------------------------------------------------------------------------


def sides_of(actor: User, request: InformationRequest) -> set[str]:
    """The coordinator's side: managing the case. The agency's side: its staff who answer requests."""
    scope = scope_for(actor)
    sides = set()
    if managed_referrals(scope).filter(pk=request.referral_id).exists():
        sides.add(COORDINATOR)
    if scope.can(Permission.ANSWER_INFORMATION_REQUESTS) and actor.agency_id == request.agency_id:
        sides.add(AGENCY)
    return sides


def locked_request(actor: User, request: InformationRequest, *, answering_side: bool | None = None):
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
    if not wanted & sides_of(actor, locked):
        raise PermissionDenied("That request is not yours to work on.")
    return locked


def checked_text(value: str, field: str, missing: str, max_length: int, name: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > max_length:
        raise ValidationError({field: f"{name} must be {max_length} characters or fewer"})
    return value


def share_about_case(actor: User, request: InformationRequest, *, to_agency: Agency) -> None:
    """What `actor` writes on an information request reaches `to_agency`: an agreement in force
    must cover their agencies for safeguarding case details (refused otherwise, naming what is
    missing), and the disclosure is logged under it."""
    require_agreement(
        actor=actor,
        from_agency=agency_sharing_for(actor),
        to_agency=to_agency,
        category=DataCategory.SAFEGUARDING_CASES,
        record=request,
        reference=f"Referral {request.referral_id}, information request {request.pk}",
    )


def other_side_agencies(actor: User, request: InformationRequest) -> list[Agency]:
    """The agencies that read what `actor` writes on the request: the asked agency, or the
    coordinating side (the asker's agency, or the case's coordinators' agencies)."""
    if COORDINATOR in sides_of(actor, request):
        return [request.agency]
    if request.direction == RequestDirection.TO_AGENCY and request.sent_by.agency is not None:
        return [request.sent_by.agency]
    return coordinating_agencies(request)


def coordinating_agencies(request: InformationRequest) -> list[Agency]:
    """The agencies of the coordinators who manage the case's borough."""
    coordinators = policy.who_may(Permission.MANAGE_CASES, area=request.referral.borough_id)
    return list(Agency.objects.filter(staff__in=coordinators).distinct().order_by("pk"))


def coordinators_of(request: InformationRequest) -> list[str]:
    return policy.emails_of(policy.who_may(Permission.MANAGE_CASES, area=request.referral.borough_id))


def asking_side_recipients(request: InformationRequest) -> list[str]:
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


def link_for_asker(request: InformationRequest) -> str:
    if request.direction == RequestDirection.TO_AGENCY:
        return link_for_coordinator(request)
    return link_for_agency(request)


def link_for_coordinator(request: InformationRequest) -> str:
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
                    f"been answered.\n\nSign in to answer it: {link_for_agency(request)}\n"
                ),
            )
            chased += 1
    return chased


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def link_for_agency(request: InformationRequest) -> str:
    return _absolute(reverse("safeguarding:information-request", args=[request.pk]))
