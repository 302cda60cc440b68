"""Disclosing the chosen records of a request: the export's data gathered, audited as an export
(one event per record disclosed, each with the record as its subject) and written to the
disclosure log (what, when, by whom, why), all in one transaction."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.models import AuditAction, User
from commonground.governance.actions.requests import locked_request
from commonground.governance.models import Disclosure
from commonground.governance.queries.export import export_data
from commonground.safeguarding.queries.documents import produced_for

DOCUMENTS = ("json", "pdf")


def disclose(*, actor: User, request_id: int, reason: str, document: str) -> dict[str, Any]:
    """The export of every record chosen for the request; ValidationError without a reason or
    with no records chosen."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason for this disclosure"})
    if document not in DOCUMENTS:
        raise ValidationError({"reason": "Choose JSON or PDF"})
    with transaction.atomic():
        request = locked_request(actor, request_id)
        records = list(request.records.order_by("source", "pk"))
        if not records:
            raise ValidationError("Choose the person's records from a search before exporting them")
        now = timezone.now()
        data = export_data(request, records, produced_for=produced_for(actor), reason=reason.strip(), at=now)
        Disclosure.objects.create(
            request=request,
            refs=[record.ref for record in records],
            document=document,
            reason=reason.strip(),
            disclosed_by=actor,
            disclosed_at=now,
        )
        for record in records:
            audit.record(
                actor=actor,
                action=AuditAction.EXPORT,
                object_type=record.ref.rsplit(":", 1)[0],
                object_id=record.ref.rsplit(":", 1)[1],
                object_repr=record.source,
                subject_ref=record.ref,
                changes={"document": f"subject access export ({document})", "request": request.pk},
                reason=reason.strip(),
                outside_normal_scope=True,
            )
    return data
