"""A subject access request from arrival to answer: recorded, extended (UK GDPR art. 12(3)), the
records chosen from searches, answered or withdrawn; and the retention of the requests themselves."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import scope_for
from commonground.core.actions.moves import make_move
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.governance import deadlines, workflow
from commonground.governance.models import ChosenRecord, Disclosure, SubjectAccessRequest
from commonground.governance.queries.search import describe_refs
from commonground.governance.retention import KEPT_DAYS

ONLY_OFFICERS = "Only a data protection officer may do this."


def officer_scope(actor: User):
    scope = scope_for(actor)
    scope.require(Permission.HANDLE_SUBJECT_ACCESS)
    return scope


def locked_request(actor: User, request_id: int) -> SubjectAccessRequest:
    scope = officer_scope(actor)
    return policy.row_to_act_on(
        access.visible(scope, SubjectAccessRequest.objects.select_for_update()), request_id, ONLY_OFFICERS
    )


def create_request(
    *, actor: User, subject_name: str, contact: str, received_on: date | None, description: str = ""
) -> SubjectAccessRequest:
    officer_scope(actor)
    errors = {}
    if not (subject_name or "").strip():
        errors["subject_name"] = "Enter the name the person gave"
    if not (contact or "").strip():
        errors["contact"] = "Enter how to reach the person"
    if received_on is None:
        errors["received_on"] = "Enter the date the request arrived"
    elif received_on > timezone.localdate():
        errors["received_on"] = "The date the request arrived must be today or in the past"
    if errors or received_on is None:
        raise ValidationError(errors)
    with transaction.atomic():
        request = SubjectAccessRequest(
            subject_name=subject_name.strip(),
            contact=contact.strip(),
            received_on=received_on,
            description=(description or "").strip(),
            created_by=actor,
            status=workflow.INITIAL,
        )
        request.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=request,
            changes={"received_on": received_on, "due_on": request.due_on},
        )
    return request


def extend(*, actor: User, request_id: int, months: int, reason: str) -> SubjectAccessRequest:
    """Extend the deadline by one or two further months (complex or numerous requests), with the
    reason given to the person. Only within the first month, and only while the request is open."""
    errors = {}
    if months not in (1, 2):
        errors["months"] = "Choose an extension of one or two months"
    if not (reason or "").strip():
        errors["reason"] = "Give the reason for the extension (it is told to the person)"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = locked_request(actor, request_id)
        if request.status != workflow.OPEN:
            raise ValidationError("Only an open request can be extended")
        if timezone.localdate() > deadlines.due_on(request.received_on):
            raise ValidationError(
                {"months": "An extension must be made within a month of receiving the request"}
            )
        before = request.due_on
        request.extension_months, request.extension_reason = months, reason.strip()
        request.save(update_fields=["extension_months", "extension_reason"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=request,
            changes={"due_on": [before, request.due_on], "extension_months": months},
            reason=reason.strip(),
        )
    return request


def choose_records(*, actor: User, request_id: int, refs: list[str]) -> int:
    """Add the records the officer chose from a search to the request (each once). Returns how many
    were new."""
    officer_scope(actor)
    records = describe_refs(refs)
    if not records:
        raise ValidationError({"refs": "Choose at least one record"})
    with transaction.atomic():
        request = locked_request(actor, request_id)
        if request.status != workflow.OPEN:
            raise ValidationError("Records can be added only to an open request")
        already = set(request.records.values_list("ref", flat=True))
        new = [
            ChosenRecord(
                request=request,
                ref=record.ref,
                source=record.source,
                label=" · ".join(part for part in (record.reference, record.name, record.summary) if part)[
                    :300
                ],
                chosen_by=actor,
            )
            for record in records
            if record.ref not in already
        ]
        ChosenRecord.objects.bulk_create(new)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=request,
            changes={"records_chosen": [record.ref for record in new]},
        )
    return len(new)


def remove_record(*, actor: User, request_id: int, record_id: int) -> None:
    """A record chosen by mistake leaves the request, while the request is open and before anything
    has been done to it (erased, restricted or kept with a reason stays, as the answer's record)."""
    with transaction.atomic():
        request = locked_request(actor, request_id)
        if request.status != workflow.OPEN:
            raise ValidationError("This request is closed: its records can no longer be changed")
        record = request.records.filter(pk=record_id, outcome=ChosenRecord.Outcome.CHOSEN).first()
        if record is None:
            raise ValidationError("That record is not on this request, or has been erased already")
        record.delete()
        audit.record(
            actor=actor, action=AuditAction.UPDATE, obj=request, changes={"record_removed": record.ref}
        )


def close(*, actor: User, request_id: int, step: str, reason: str = "") -> SubjectAccessRequest:
    """Answer or withdraw the request (`step` "answer" or "withdraw"), through its table."""
    if step not in workflow.MACHINE.steps:
        raise ValidationError("Choose whether the request was answered or withdrawn")
    with transaction.atomic():
        request = locked_request(actor, request_id)
        request.closed_at = timezone.now()
        before, after = make_move(request, workflow.MACHINE, step, also=["closed_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=request,
            changes={"status": [before, after]},
            reason=(reason or "").strip(),
        )
    return request


def apply_retention(now: datetime | None = None) -> int:
    """The daily sweep: requests answered or withdrawn more than KEPT_DAYS ago are deleted with
    their chosen records and disclosure log, by the system actor. Returns how many."""
    boundary = (now or timezone.now()) - timedelta(days=KEPT_DAYS)
    removed = 0
    for request in SubjectAccessRequest.objects.filter(closed_at__lt=boundary).order_by("pk"):
        with transaction.atomic():
            Disclosure.objects.filter(request=request).delete()
            audit.record(
                actor=None,
                action=AuditAction.DELETE,
                obj=request,
                reason=f"Closed more than {KEPT_DAYS} days ago",
            )
            request.delete()
        removed += 1
    return removed
