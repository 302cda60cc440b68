"""Information requests: the coordinator asks a named agency a question, the agency answers it in
the system (once), and overdue requests are chased by email at most once a day."""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, audit, notify
from commonground.core.access import scope_for
from commonground.core.models import Agency, AuditAction, User
from commonground.core.roles import Permission
from commonground.safeguarding import notifications
from commonground.safeguarding.models import InformationRequest, Referral
from commonground.safeguarding.scoping import managed_referrals

QUESTION_MAX_LENGTH = 5000
ANSWER_MAX_LENGTH = 10000


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
        locked = managed_referrals(scope, Referral.objects.select_for_update()).filter(pk=referral.pk).first()
        if locked is None:
            raise PermissionDenied("That referral is outside your boroughs.")
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
        notify.email(
            to=recipients_for(agency),
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
    """The addressed agency's answer. A request is answered once: a second answer is refused."""
    scope = scope_for(actor)
    scope.require(Permission.ANSWER_INFORMATION_REQUESTS)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": "Enter your answer"})
    if len(answer) > ANSWER_MAX_LENGTH:
        raise ValidationError({"answer": f"Your answer must be {ANSWER_MAX_LENGTH} characters or fewer"})
    with transaction.atomic():
        locked = (
            access.visible(scope, InformationRequest.objects.select_for_update())
            .filter(pk=request.pk, agency_id=actor.agency_id)
            .select_related("referral")
            .first()
        )
        if locked is None or actor.agency_id is None:
            raise PermissionDenied("That request is not addressed to your agency.")
        if locked.answered_at is not None:
            raise ValidationError("This request has already been answered. An answer cannot be changed.")
        locked.answer = answer
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_by", "answered_at"])
        # That it was answered, not the answer: the answer stays with the case.
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            subject=locked.referral,
            changes={"answered": True},
        )
        notify.email(
            to=[locked.sent_by.email] if locked.sent_by.email else [],
            subject="Common Ground: an information request was answered",
            body=(
                f"{locked.agency.name} answered your information request about referral "
                f"{locked.referral_id}.\n\nSign in to read it: "
                f"{_absolute(reverse('safeguarding:referral', args=[locked.referral_id]))}\n"
            ),
        )
    return locked


def recipients_for(agency: Agency) -> list[str]:
    """The agency's contact address or, if it has none, its active staff who answer requests."""
    if agency.contact_email:
        return [agency.contact_email]
    staff = User.objects.filter(agency=agency, is_active=True).exclude(email="")
    return sorted(user.email for user in staff if scope_for(user).can(Permission.ANSWER_INFORMATION_REQUESTS))


def chase_overdue_information_requests(*, now: datetime | None = None) -> int:
    """Email the agency about each unanswered request past its due date, at most once a (local) day
    per request; each chase is recorded on the request and audited. Returns how many were chased."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = InformationRequest.objects.filter(answered_at__isnull=True, due_on__lt=today).values_list(
        "pk", flat=True
    )
    chased = 0
    for pk in list(due):
        with transaction.atomic():
            request = (
                InformationRequest.objects.select_for_update()
                .select_related("agency", "referral")
                .filter(pk=pk, answered_at__isnull=True)
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
