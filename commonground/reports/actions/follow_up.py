"""After submission: triage and status changes, the two-way inbox, consent, and linking."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import scope_for
from commonground.core.actions import moves
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.reports import notifications, routing, workflow
from commonground.reports.actions.submission import _triage_due
from commonground.reports.models import (
    ConsentRecord,
    LinkSuggestion,
    Message,
    Report,
    ReportStatus,
    ShareBasis,
    SharingPartner,
    StatusChange,
    Team,
    Urgency,
)
from commonground.sharing.actions.checks import reports_refusals

MAX_MESSAGE = 5000


def _triage_scope(actor: User, report: Report) -> None:
    scope = scope_for(actor)
    scope.require(Permission.TRIAGE_REPORTS)
    if not access.visible(scope, Report).filter(pk=report.pk).exists():
        raise PermissionDenied("That report is outside your areas and teams.")


def change_status(
    *, actor: User, report: Report, to_status: str, reason: str, public_note: str = ""
) -> StatusChange:
    """Move a report on, with a reason for the record and, if given, a plain-words note for the reporter."""
    _triage_scope(actor, report)
    if not reason.strip():
        raise ValidationError({"reason": "Give a reason for the change"})
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        before, _ = moves.make_move(report, workflow.MACHINE, to_status, error_field="to_status")
        change = StatusChange.objects.create(
            report=report,
            from_status=before,
            to_status=to_status,
            reason=reason.strip(),
            public_note=public_note.strip()[:300],
            changed_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=report,
            subject=report,
            changes={"status": [before, to_status]},
            reason=reason,
        )
        notifications.status_changed(report, change.public_note)
    return change


def set_urgency(*, actor: User, report: Report, urgency: str, reason: str) -> None:
    _triage_scope(actor, report)
    with transaction.atomic():
        before = report.urgency
        report.urgency = Urgency(urgency)
        report.triage_due_at = _triage_due(report.submitted_at, report.urgency == Urgency.URGENT)
        report.save(update_fields=["urgency", "triage_due_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=report,
            changes={"urgency": [before, urgency]},
            reason=reason,
        )


@reports_refusals
def assign_teams(*, actor: User, report: Report, teams: list[Team], reason: str) -> None:
    """A person routes the report. A team that needs consent is refused without it (sharing
    without consent has its own action, with a lawful basis); each share is recorded."""
    _triage_scope(actor, report)
    consents = routing.current_consents(report)
    overridden = set(report.share_records.filter(withdrawn_at__isnull=True).values_list("team_id", flat=True))
    refused = [t for t in teams if not routing.may_receive(t, consents) and t.pk not in overridden]
    if refused:
        raise ValidationError(
            {
                "teams": f"The reporter has not agreed to share this report with {refused[0].name}. "
                "Share without consent only for a lawful reason, recorded on its own form."
            }
        )
    with transaction.atomic():
        before_teams = list(report.teams.all())
        before = sorted(t.name for t in before_teams)
        # Every report has a team: with none chosen it stays with partnership triage, not routed.
        after_teams = teams or [routing.partnership_triage_team()]
        for team in after_teams:
            if team not in before_teams:
                routing.require_agreement_with_partner(actor, report, team)
        report.teams.set(after_teams)
        routing.close_shares(report, [t for t in before_teams if t not in teams and t.requires_consent])
        routing.open_shares(
            report,
            [t for t in teams if t.requires_consent and t.pk not in overridden],
            basis=ShareBasis.CONSENT,
        )
        Report.objects.filter(pk=report.pk).update(not_routed_by_rule=not teams)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=report,
            changes={"teams": [before, sorted(t.name for t in teams)]},
            reason=reason,
        )
        notifications.reached_queues(report, [t for t in after_teams if t not in before_teams], actor=actor)


def decide_link(*, actor: User, suggestion: LinkSuggestion, link: bool) -> None:
    _triage_scope(actor, suggestion.report)
    with transaction.atomic():
        suggestion.decision = LinkSuggestion.Decision.LINKED if link else LinkSuggestion.Decision.DISMISSED
        suggestion.decided_by = actor
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["decision", "decided_by", "decided_at"])
        if link:
            Report.objects.filter(pk=suggestion.report_id).update(linked_to=suggestion.candidate_id)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=suggestion.report,
            changes={"linked_to" if link else "not_linked_to": suggestion.candidate.reference},
        )


def send_staff_message(*, actor: User, report: Report, body: str) -> Message:
    scope = scope_for(actor)
    scope.require(Permission.VIEW_REPORTS)
    if not access.visible(scope, Report).filter(pk=report.pk).exists():
        raise PermissionDenied("That report is outside your areas and teams.")
    body = body.strip()
    if not body or len(body) > MAX_MESSAGE:
        raise ValidationError({"body": f"Write a message of up to {MAX_MESSAGE} characters"})
    with transaction.atomic():
        message = Message.objects.create(report=report, from_reporter=False, author=actor, body=body)
        audit.record(actor=actor, action=AuditAction.CREATE, obj=message, subject=report)
        notifications.new_message(report)
    return message


def send_reporter_message(*, report: Report, body: str) -> Message:
    """From the private status link: the holder of the link is the reporter (anonymous or not)."""
    body = body.strip()
    if not body or len(body) > MAX_MESSAGE:
        raise ValidationError({"body": f"Write a message of up to {MAX_MESSAGE} characters"})
    with transaction.atomic():
        message = Message.objects.create(report=report, from_reporter=True, body=body)
        audit.record(
            actor=None,
            actor_label="reporter (status link)",
            action=AuditAction.CREATE,
            obj=message,
            subject=report,
        )
    return message


def set_consent(
    *, report: Report, partner: str, given: bool, actor: User | None = None
) -> ConsentRecord | None:
    """Give or withdraw consent to share with a named partner. Each change is kept; no change, no record."""
    partner = SharingPartner(partner)
    with transaction.atomic():
        latest = report.consents.filter(partner=partner).order_by("-recorded_at", "-pk").first()
        if latest is not None and latest.given == given:
            return None
        if latest is None and not given:
            return None
        record = ConsentRecord.objects.create(report=report, partner=partner, given=given, recorded_by=actor)
        # Consent decides at once: the partner's teams receive the report now, or lose it now.
        moved = (routing.consent_given if given else routing.consent_withdrawn)(report, partner)
        audit.record(
            actor=actor,
            actor_label="" if actor else "reporter (status link)",
            action=AuditAction.UPDATE,
            obj=report,
            subject=report,
            changes={
                f"consent_{partner}": given,
                "teams_added" if given else "teams_removed": sorted(t.name for t in moved),
            },
        )
        if given:
            notifications.reached_queues(report, moved, actor=actor)
    return record


__all__ = [
    "ReportStatus",
    "assign_teams",
    "change_status",
    "decide_link",
    "send_reporter_message",
    "send_staff_message",
    "set_consent",
    "set_urgency",
]
