"""Sharing a report with a partner without the reporter's consent, where the law allows it (a risk
to someone's life, a child's safety). Only a triage officer, only with a lawful basis and a reason,
and the reporter is told unless telling them would put someone at risk. Each decision is listed
for the data protection officer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from commonground.core import audit
from commonground.core.models import AuditAction, User
from commonground.reports import notifications, routing
from commonground.reports.actions.follow_up import _triage_scope
from commonground.reports.models import (
    LawfulBasis,
    Message,
    Report,
    ShareBasis,
    SharingDecision,
    SharingPartner,
    Team,
)
from commonground.sharing.actions.checks import reports_refusals

MAX_REASON = 5000


@reports_refusals
def share_without_consent(
    *,
    actor: User,
    report: Report,
    team: Team,
    reason: str,
    lawful_basis: str,
    tell_reporter: bool,
    not_told_because: str = "",
) -> SharingDecision:
    _triage_scope(actor, report)
    reason = reason.strip()
    not_told_because = not_told_because.strip()
    errors = {}
    if not team.requires_consent:
        errors["team"] = "This team does not need consent: route the report to it as usual"
    if lawful_basis not in LawfulBasis.values:
        errors["lawful_basis"] = "Select the lawful basis for sharing without consent"
    if not reason or len(reason) > MAX_REASON:
        errors["reason"] = "Give the reason for sharing without consent"
    if not tell_reporter and not not_told_because:
        errors["not_told_because"] = "Say why telling the reporter would put someone at risk"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = SharingDecision.objects.create(
            report=report,
            team=team,
            lawful_basis=lawful_basis,
            reason=reason,
            reporter_told=tell_reporter,
            not_told_because="" if tell_reporter else not_told_because,
            decided_by=actor,
            decided_at=timezone.now(),
        )
        # The law may allow sharing without consent; an agreement must still cover the partner.
        routing.require_agreement_with_partner(actor, report, team)
        report.teams.add(team)
        routing.close_shares(report, [team])  # an open share on consent becomes one without it
        routing.open_shares(report, [team], basis=ShareBasis.WITHOUT_CONSENT)
        notifications.reached_queues(report, [team], actor=actor)
        if tell_reporter:
            with translation.override(report.language):
                partner = str(SharingPartner(team.requires_consent).label)
                body = gettext(
                    "We have shared your report with %(partner)s without your agreement, because the "
                    "law allows it when someone's life or a child's safety may be at risk. You can "
                    "reply here to ask about it."
                ) % {"partner": partner[0].lower() + partner[1:]}
            message = Message.objects.create(report=report, from_reporter=False, author=actor, body=body)
            notifications.new_message(report)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=report,
            subject=report,
            changes={
                "shared_without_consent_with": team.name,
                "lawful_basis": lawful_basis,
                "reporter_told": tell_reporter,
                "message": message.pk if tell_reporter else None,
            },
            reason=reason,
        )
    return decision
