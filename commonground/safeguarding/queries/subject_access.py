"""The data behind the subject access export, for a data protection officer (`ACCESS_OUTSIDE_SCOPE`,
else 404): everything held about the person of one referral, with a reason. Like
`open_referral_outside_scope`, it reads past `access.visible` on purpose: that is its point.
Third-party details are marked for review (see domain guide section 6), never removed. Producing it
is audited (`AuditAction.EXPORT`, subject the referral) in a transaction of its own; `documents.py`
turns it into bytes."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import Scope
from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Permission
from commonground.safeguarding.models import (
    AgendaItem,
    CaseEvent,
    EqualityMonitoring,
    ExitReview,
    FactorDiscussion,
    GatewayCheck,
    InformationAnswerRevision,
    InformationRequest,
    InformationRequestMessage,
    Intervention,
    PanelDecision,
    PlanAction,
    ProgressNote,
    Referral,
    ScreeningDecision,
)
from commonground.safeguarding.queries.documents import name_of, produced_for

THIRD_PARTY_REVIEW = "third party — check before disclosure"


# --- The subject access export ---------------------------------------------------------------------


def may_export_subject_access_or_404(scope: Scope, referral_id: int) -> None:
    """Without ACCESS_OUTSIDE_SCOPE the page does not exist (404); nor for a missing referral."""
    if not scope.can(Permission.ACCESS_OUTSIDE_SCOPE) or not Referral.objects.filter(pk=referral_id).exists():
        raise Http404("Not found")


def _plain(value: Any) -> Any:
    """JSON-ready values; strings are kept verbatim."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    return str(value)


def third_party(value: Any) -> dict[str, Any]:
    """A value kept in the export but marked for the data protection officer to review."""
    return {"value": _plain(value), "review": THIRD_PARTY_REVIEW}


def export_record(obj, fields: list[str], *, marked: tuple[str, ...] = (), **extra) -> dict[str, Any]:
    """`fields` of `obj` (choices as their labels), `extra` computed values; `marked` names the
    third-party ones, wrapped for review."""
    row: dict[str, Any] = {"id": obj.pk}
    for name in fields:
        display = getattr(obj, f"get_{name}_display", None)
        row[name] = _plain(display() if display else getattr(obj, name))
    row.update({name: _plain(value) for name, value in extra.items()})
    for name in marked:
        if name in row:
            row[name] = third_party(row[name])
    return row


@dataclass(frozen=True)
class SubjectAccessExport:
    referral: Referral
    data: dict[str, Any]  # JSON-ready, the same for the JSON and the PDF
    produced_for: str
    produced_at: datetime


def subject_access_sections(referral: Referral) -> dict[str, Any]:
    """Everything held about the person of this referral, section by section."""
    sections: dict[str, Any] = {}
    sections["referral"] = export_record(
        referral,
        [
            "first_name",
            "last_name",
            "other_names",
            "date_of_birth",
            "age_years",
            "gender",
            "address",
            "language",
            "interpreter_needed",
            "referrer_name",
            "referrer_role",
            "referrer_agency_name",
            "referring_sector",
            "referrer_contact",
            "concern",
            "concern_type",
            "action_already_taken",
            "person_aware",
            "safeguarding_lead_consulted",
            "received_at",
            "status",
        ],
        borough=referral.borough.name,
        ward=referral.ward.name if referral.ward else "",
        referred_by=name_of(referral.referred_by),
        source_report=referral.source_report_id,
        marked=("referrer_name", "referrer_role", "referrer_agency_name", "referrer_contact", "referred_by"),
    )
    equality = EqualityMonitoring.objects.filter(referral=referral).first()
    sections["equality_monitoring"] = (
        export_record(equality, ["ethnic_group", "religion", "recorded_at"]) if equality else None
    )
    sections["screening_decisions"] = [
        export_record(
            row,
            ["decision", "reasons", "signposted_to", "decided_at"],
            decided_by=name_of(row.decided_by),
            marked=("decided_by",),
        )
        for row in ScreeningDecision.objects.filter(referral=referral).select_related("decided_by")
    ]
    sections["gateway_checks"] = [
        export_record(
            row,
            ["outcome", "notes", "recorded_at"],
            recorded_by=name_of(row.recorded_by),
            marked=("notes", "recorded_by"),
        )
        for row in GatewayCheck.objects.filter(referral=referral).select_related("recorded_by")
    ]
    sections["information_requests"] = [
        export_record(
            row,
            ["direction", "question", "due_on", "sent_at", "answer", "answered_at", "closed_at"],
            agency=row.agency.name,
            sent_by=name_of(row.sent_by),
            answered_by=name_of(row.answered_by),
            marked=("answer", "sent_by", "answered_by"),
        )
        for row in InformationRequest.objects.filter(referral=referral).select_related(
            "agency", "sent_by", "answered_by"
        )
    ]
    # Every version of each answer (amended, never overwritten) and each request's thread.
    sections["information_answer_versions"] = [
        export_record(
            row,
            ["answer", "reason", "written_at"],
            request=row.request_id,
            written_by=name_of(row.written_by),
            marked=("answer", "reason", "written_by"),
        )
        for row in InformationAnswerRevision.objects.filter(request__referral=referral).select_related(
            "written_by"
        )
    ]
    sections["information_messages"] = [
        export_record(
            row,
            ["body", "from_coordinator", "written_at"],
            request=row.request_id,
            written_by=name_of(row.written_by),
            marked=("body", "written_by"),
        )
        for row in InformationRequestMessage.objects.filter(request__referral=referral).select_related(
            "written_by"
        )
    ]
    items = list(
        AgendaItem.objects.filter(referral=referral)
        .select_related("meeting__borough", "meeting__chair")
        .order_by("meeting__meets_on", "pk")
    )
    sections["panel_items"] = [
        export_record(
            item,
            [],
            meeting=item.meeting_id,
            borough=item.meeting.borough.name,
            meets_on=item.meeting.meets_on,
            chair=name_of(item.meeting.chair),
            marked=("chair",),
        )
        for item in items
    ]
    sections["factor_discussions"] = [
        export_record(row, ["judgement", "evidence"], panel_item=row.agenda_item_id, factor=row.factor.label)
        for row in FactorDiscussion.objects.filter(agenda_item__in=items)
        .select_related("factor")
        .order_by("agenda_item_id", "factor__order")
    ]
    sections["panel_decisions"] = [
        export_record(
            row,
            ["outcome", "reasons", "signposted_to", "consent_given_by", "consent_given_on", "decided_at"],
            panel_item=row.agenda_item_id,
            decided_by=name_of(row.decided_by),
            marked=("decided_by",),
        )
        for row in PanelDecision.objects.filter(agenda_item__in=items).select_related("decided_by")
    ]
    interventions = list(Intervention.objects.filter(referral=referral).select_related("owner"))
    sections["interventions"] = [
        export_record(
            row,
            ["kind", "provider", "starts_on", "due_on", "status"],
            owner=name_of(row.owner),
            marked=("owner",),
        )
        for row in interventions
    ]
    sections["progress_notes"] = [
        export_record(
            row,
            ["note", "written_at"],
            intervention=row.intervention_id,
            written_by=name_of(row.written_by),
            marked=("written_by",),
        )
        for row in ProgressNote.objects.filter(intervention__in=interventions).select_related("written_by")
    ]
    sections["plan_actions"] = [
        export_record(row, ["description", "due_on", "done_at"], owner=name_of(row.owner), marked=("owner",))
        for row in PlanAction.objects.filter(referral=referral).select_related("owner")
    ]
    sections["case_events"] = [
        export_record(
            row,
            ["kind", "happened_on", "reasons", "recorded_at"],
            from_borough=row.from_borough.name if row.from_borough else "",
            to_borough=row.to_borough.name if row.to_borough else "",
            recorded_by=name_of(row.recorded_by),
            marked=("recorded_by",),
        )
        for row in CaseEvent.objects.filter(referral=referral).select_related(
            "from_borough", "to_borough", "recorded_by"
        )
    ]
    sections["exit_reviews"] = [
        export_record(
            row,
            ["months_after_exit", "due_on", "completed_at", "outcome"],
            completed_by=name_of(row.completed_by),
            marked=("completed_by",),
        )
        for row in ExitReview.objects.filter(referral=referral).select_related("completed_by")
    ]
    sections["audit_events"] = [
        export_record(
            row,
            [
                "sequence",
                "occurred_at",
                "action",
                "actor_label",
                "object_type",
                "object_id",
                "object_repr",
                "changes",
                "reason",
                "outside_normal_scope",
            ],
            # Changes may quote what staff typed about others (the referrer's details, say).
            marked=("actor_label", "changes"),
        )
        for row in AuditEvent.objects.filter(subject_ref=audit.subject_ref_of(referral)).order_by("sequence")
    ]
    return sections


def subject_access_export(scope: Scope, referral_id: int, reason: str) -> SubjectAccessExport:
    """Everything held about the person of one referral, for a data protection officer, with a
    reason (ValidationError without one). Audited as an export of the referral, flagged
    `outside_normal_scope` when the officer's normal scope does not cover it. 404 without
    ACCESS_OUTSIDE_SCOPE, as for a missing referral."""
    may_export_subject_access_or_404(scope, referral_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for this subject access export"})
    referral = Referral.objects.select_related("borough", "ward", "referred_by").get(pk=referral_id)
    in_normal_scope = access.visible(scope, Referral).filter(pk=referral.pk).exists()
    produced_at = timezone.now()
    with transaction.atomic():
        data = subject_access_sections(referral)
        audit.record(
            actor=scope.user,
            action=AuditAction.EXPORT,
            obj=referral,
            subject=referral,
            reason=reason,
            changes={"document": "subject access export"},
            outside_normal_scope=not in_normal_scope,
        )
    export = {
        "export": {
            "document": "Subject access export",
            "referral": referral.pk,
            "produced_for": produced_for(scope.user),
            "produced_at": _plain(produced_at),
            "reason": reason,
            "note": (
                "Everything held about the person of this referral. Values marked for review are "
                "third-party details: check them, and any exemption, before disclosure."
            ),
        },
        **data,
    }
    return SubjectAccessExport(
        referral=referral, data=export, produced_for=produced_for(scope.user), produced_at=produced_at
    )


__all__ = [
    "THIRD_PARTY_REVIEW",
    "SubjectAccessExport",
    "export_record",
    "may_export_subject_access_or_404",
    "subject_access_export",
    "subject_access_sections",
    "third_party",
]
