"""Erasure or restriction of a request's chosen records, each source under its own rules, in one
transaction for the person: every record that may be erased is, through its app's own erasure
(which keeps what the statistics count: rows are anonymised, never deleted), and every record that
may not is listed with the reason and left alone. A failure part-way changes nothing.

- a report to the report line: its personal details, messages and evidence erased
  (`reports.actions.retention.erase_report`, which also erases tension monitoring's copy);
- a helpline call: its notes and signposting (`erase_call`);
- a safeguarding referral: only once the case is closed and not held
  (`safeguarding.actions.retention.erase_at_request`);
- a tension report that mentions the person: its words;
- a grant applicant: the account's name, email, phone and password, unless an application of
  theirs has been awarded (kept for the grant's audit);
- grant applications, staff accounts and training records: kept, with the reason;
- any record under a legal hold: kept, with the hold's reason.

Restriction (UK GDPR art. 18) keeps the record and marks it restricted on the request, with a
legal hold so that no later erasure or sweep removes it while the restriction stands."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.models import AuditAction, User
from commonground.governance.actions.requests import locked_request
from commonground.governance.models import ChosenRecord, LegalHold
from commonground.grants.models import Applicant, ApplicationStatus
from commonground.reports.actions.retention import erase_call, erase_report
from commonground.reports.models import HelplineCall, Report
from commonground.safeguarding.actions.retention import erase_at_request, why_not_erasable
from commonground.safeguarding.models import Referral
from commonground.tension.models import TensionReport

ERASED = "[erased at the person's request]"

KEPT_ALWAYS = {
    "grants.grantapplication": (
        "A grant application is the organisation's, kept under the grants retention schedule "
        "(awards seven years, others two); the applicant's own details are erased with their account"
    ),
    "core.user": "A staff account names who did what in the audit trail: a system administrator closes it",
    "programme.attendance": "Training records are kept while the person works for the partnership",
}


@dataclass(frozen=True)
class Outcome:
    record: ChosenRecord
    done: bool
    reason: str  # why it was kept, when not done


def _pk(ref: str) -> int:
    return int(ref.rsplit(":", 1)[1])


def held(ref: str) -> LegalHold | None:
    return LegalHold.objects.filter(ref=ref, lifted_at__isnull=True).first()


def why_kept(ref: str) -> str:
    """The reason this record may not be erased, or "" if it may."""
    hold = held(ref)
    if hold is not None:
        return f"Under a legal hold: {hold.reason}"
    label = ref.rsplit(":", 1)[0]
    if label in KEPT_ALWAYS:
        return KEPT_ALWAYS[label]
    if label == "reports.report":
        report = Report.objects.filter(pk=_pk(ref)).first()
        return "" if report is not None and report.erased_at is None else "Already erased"
    if label == "reports.helplinecall":
        call = HelplineCall.objects.filter(pk=_pk(ref)).first()
        return "" if call is not None and call.erased_at is None else "Already erased"
    if label == "safeguarding.referral":
        referral = Referral.objects.filter(pk=_pk(ref)).first()
        return "No longer held" if referral is None else why_not_erasable(referral)
    if label == "grants.applicant":
        applicant = Applicant.objects.filter(pk=_pk(ref)).first()
        if applicant is None:
            return "No longer held"
        if applicant.applications.filter(status=ApplicationStatus.AWARDED).exists():
            return "An award is still kept for the grant's audit and monitoring"
        return ""
    if label == "tension.tensionreport":
        return ""
    return "No erasure rule for this kind of record"


def _erase(actor: User, ref: str, reason: str) -> None:
    label, pk = ref.rsplit(":", 1)[0], _pk(ref)
    if label == "reports.report":
        erase_report(Report.objects.get(pk=pk), actor=actor, reason=reason)
    elif label == "reports.helplinecall":
        erase_call(HelplineCall.objects.get(pk=pk), actor=actor, reason=reason)
    elif label == "safeguarding.referral":
        erase_at_request(actor=actor, referral=Referral.objects.get(pk=pk), reason=reason)
    elif label == "tension.tensionreport":
        # Area-level intelligence: its category, areas and dates stay for the tension statistics.
        TensionReport.objects.filter(pk=pk).update(description=ERASED, handling_conditions="")
        audit.record(
            actor=actor, action=AuditAction.ERASE, object_type=label, object_id=str(pk), reason=reason
        )
    elif label == "grants.applicant":
        Applicant.objects.filter(pk=pk).update(
            full_name=ERASED[:200], email=f"erased-{pk}@erased.invalid", phone="", password=""
        )
        audit.record(
            actor=actor, action=AuditAction.ERASE, object_type=label, object_id=str(pk), reason=reason
        )


def erase(*, actor: User, request_id: int, reason: str, restrict_only: bool = False) -> list[Outcome]:
    """Erase (or restrict) every record chosen for the request that its rules allow, in one
    transaction; the others are kept, each with its reason. ValidationError without a reason."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason for the erasure or restriction"})
    reason = reason.strip()
    outcomes = []
    now = timezone.now()
    with transaction.atomic():
        request = locked_request(actor, request_id)
        records = list(request.records.filter(outcome=ChosenRecord.Outcome.CHOSEN).select_for_update())
        if not records:
            raise ValidationError("There are no chosen records left to erase or restrict")
        for record in records:
            if restrict_only:
                hold = held(record.ref)
                kept_because = f"Already under a legal hold: {hold.reason}" if hold else ""
            else:
                kept_because = why_kept(record.ref)
            if kept_because:
                record.outcome, record.outcome_reason = ChosenRecord.Outcome.KEPT, kept_because
            elif restrict_only:
                LegalHold.objects.create(
                    ref=record.ref, reason=f"Restricted at the person's request: {reason}", placed_by=actor
                )
                record.outcome, record.outcome_reason = ChosenRecord.Outcome.RESTRICTED, reason
            else:
                _erase(actor, record.ref, reason)
                record.outcome, record.outcome_reason = ChosenRecord.Outcome.ERASED, reason
            record.outcome_at = now
            record.save(update_fields=["outcome", "outcome_reason", "outcome_at"])
            outcomes.append(Outcome(record=record, done=not kept_because, reason=kept_because or ""))
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=request,
            changes={
                "restricted" if restrict_only else "erased": [o.record.ref for o in outcomes if o.done],
                "kept": {o.record.ref: o.reason for o in outcomes if not o.done},
            },
            reason=reason,
        )
    return outcomes
