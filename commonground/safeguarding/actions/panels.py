"""The multi-agency panel: a coordinator creates a meeting for a borough, puts referrals on its
agenda, records who attended, then for each item the discussion of the vulnerability factors (as
professional judgement, never a score) and the panel's decision with its reasons.

Each function: keyword-only, `actor=` first, a permission check, the change and its audit event in
one transaction. The rules themselves are in `panel_rules` (pure)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import scope_for
from commonground.core.models import Agency, Area, AuditAction, User
from commonground.core.roles import Permission
from commonground.safeguarding import panel_rules, workflow
from commonground.safeguarding.actions import moves
from commonground.safeguarding.models import (
    AgendaItem,
    Attendance,
    FactorDiscussion,
    FactorJudgement,
    PanelDecision,
    PanelMeeting,
    Referral,
    ReferralStatus,
    VulnerabilityFactor,
)
from commonground.safeguarding.scoping import managed_referrals
from commonground.sharing.actions.checks import agency_sharing_for, reports_refusals, require_agreement
from commonground.sharing.models import DataCategory


def _coordinator_scope(actor: User):
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_CASES)
    return scope


def _meeting_in_scope(actor: User, meeting: PanelMeeting) -> PanelMeeting:
    scope = _coordinator_scope(actor)
    found = policy.row_to_act_on(
        access.visible(scope, PanelMeeting).filter(borough__in=scope.area_ids),
        meeting.pk,
        "That panel meeting is outside your boroughs.",
    )
    return found


def _serves(agency: Agency, borough: Area) -> bool:
    return panel_rules.serves_borough(
        agency.areas.values_list("pk", flat=True),
        borough_id=borough.pk,
        combined_authority_id=borough.parent_id,
    )


def _may_sit_on_panel(user: User, borough: Area) -> bool:
    return user.is_active and user.agency is not None and _serves(user.agency, borough)


# --- The meeting ----------------------------------------------------------------------------------


def _share_panel_cases(actor: User, meeting: PanelMeeting, agency: Agency) -> None:
    """A panel's chair and attendees hear the cases on its agenda: an agreement in force must cover
    the coordinator's agency and theirs for panel case discussions (refused otherwise)."""
    require_agreement(
        actor=actor,
        from_agency=agency_sharing_for(actor),
        to_agency=agency,
        category=DataCategory.PANEL_CASES,
        record=meeting,
        reference=f"Panel meeting {meeting.pk}, {meeting.borough.name}, {meeting.meets_on:%-d %B %Y}",
    )


@reports_refusals
def create_panel_meeting(
    *, actor: User, borough: Area | None, meets_on: date | None, chair: User | None, location: str = ""
) -> PanelMeeting:
    """A panel meeting for one borough in the coordinator's scope, chaired by a named user."""
    scope = _coordinator_scope(actor)
    errors: dict[str, str] = {}
    if borough is None or borough.pk not in scope.borough_ids:
        errors["borough"] = "Select a borough you coordinate"
    if meets_on is None:
        errors["meets_on"] = "Enter the date of the meeting"
    else:
        message = panel_rules.meeting_date_error(meets_on, timezone.localdate())
        if message:
            errors["meets_on"] = message
    if chair is None:
        errors["chair"] = "Select who chairs the panel"
    elif borough is not None and "borough" not in errors and not _may_sit_on_panel(chair, borough):
        errors["chair"] = f"The chair must work for an agency serving {borough.name}"
    if errors or borough is None or meets_on is None or chair is None:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = PanelMeeting.objects.create(
            borough=borough, meets_on=meets_on, chair=chair, location=location.strip(), created_by=actor
        )
        if chair.agency is not None:
            _share_panel_cases(actor, meeting, chair.agency)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=meeting,
            subject=meeting,
            changes={"borough": borough.code, "meets_on": meets_on, "chair": chair.pk},
        )
    return meeting


def add_to_agenda(*, actor: User, meeting: PanelMeeting, referral: Referral) -> AgendaItem:
    """Put a referral of the meeting's borough on its agenda; the referral is then "at panel"."""
    with transaction.atomic():
        meeting = _meeting_in_scope(actor, meeting)
        scope = scope_for(actor)
        locked = policy.row_to_act_on(
            managed_referrals(scope, Referral.objects.select_for_update()),
            referral.pk,
            "That referral is outside your boroughs.",
        )
        if locked.borough_id != meeting.borough_id:
            raise ValidationError(
                {"referral": f"Only referrals of {meeting.borough.name} can go on this panel's agenda"}
            )
        if not workflow.can(locked.status, workflow.PUT_ON_AGENDA):
            raise ValidationError({"referral": workflow.refusal(locked.status, workflow.PUT_ON_AGENDA)})
        if AgendaItem.objects.filter(meeting=meeting, referral=locked).exists():
            raise ValidationError({"referral": "That referral is already on this panel's agenda"})
        order = AgendaItem.objects.filter(meeting=meeting).count() + 1
        item = AgendaItem.objects.create(meeting=meeting, referral=locked, order=order)
        before, after = moves.make_move(locked, workflow.PUT_ON_AGENDA)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=item,
            subject=locked,
            changes={"status": [before, after], "meeting": meeting.pk},
        )
    return item


@dataclass
class AttendanceDetails:
    agency: Agency | None
    name: str
    role: str = ""
    person: User | None = None
    is_decision_maker: bool = False
    attended: bool = True


@reports_refusals
def record_attendance(*, actor: User, meeting: PanelMeeting, details: AttendanceDetails) -> Attendance:
    """Someone who came to the panel (or sent apologies), for an agency serving its borough."""
    errors: dict[str, str] = {}
    with transaction.atomic():
        meeting = _meeting_in_scope(actor, meeting)
        agency = details.agency
        if agency is None:
            errors["agency"] = "Select the agency they represent"
        elif not agency.is_active or not _serves(agency, meeting.borough):
            errors["agency"] = (
                f"{agency.name} does not serve {meeting.borough.name}: "
                "an attendee of another borough cannot sit on this panel"
            )
        if details.person is not None and agency is not None and details.person.agency_id != agency.pk:
            errors["person"] = f"Select a member of staff of {agency.name}, or leave it blank"
        name = details.name.strip() or (details.person.get_full_name() if details.person else "")
        if not name:
            errors["name"] = "Enter the attendee's name"
        if errors or agency is None:
            raise ValidationError(errors)
        row = Attendance.objects.create(
            meeting=meeting,
            agency=agency,
            person=details.person,
            name=name,
            role=details.role.strip(),
            is_decision_maker=details.is_decision_maker,
            attended=details.attended,
        )
        if details.attended:
            _share_panel_cases(actor, meeting, agency)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=row,
            subject=meeting,
            changes={
                "agency": agency.pk,
                "attended": details.attended,
                "person": getattr(details.person, "pk", None),
            },
        )
    return row


# --- An agenda item: the factors, then the decision ------------------------------------------------


def _item_in_scope(actor: User, item: AgendaItem) -> AgendaItem:
    scope = _coordinator_scope(actor)
    found = policy.row_to_act_on(
        access.visible(scope, AgendaItem.objects.select_for_update()).filter(
            referral__borough__in=scope.area_ids
        ),
        item.pk,
        "That agenda item is outside your boroughs.",
    )
    return found


@dataclass(frozen=True)
class Judgement:
    judgement: str
    evidence: str = ""


def record_factor_discussion(
    *, actor: User, agenda_item: AgendaItem, judgements: dict[int, Judgement]
) -> list[FactorDiscussion]:
    """The panel's judgement on every active factor, with its evidence. Professional judgement:
    recorded factor by factor, never added up."""
    factors = list(VulnerabilityFactor.objects.filter(is_active=True))
    errors = {
        f"factor_{factor.pk}": f"Select a judgement for “{factor.label}”"
        for factor in factors
        if factor.pk not in judgements or judgements[factor.pk].judgement not in FactorJudgement.values
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = _item_in_scope(actor, agenda_item)
        referral = Referral.objects.select_for_update().get(pk=item.referral_id)
        if referral.status != ReferralStatus.AT_PANEL or hasattr(item, "decision"):
            raise ValidationError("The panel has already decided on this referral")
        existing = {row.factor_id: row for row in FactorDiscussion.objects.filter(agenda_item=item)}
        changed: list[str] = []
        rows = []
        for factor in factors:
            given = judgements[factor.pk]
            row = existing.get(factor.pk)
            evidence = given.evidence.strip()
            if row is None:
                row = FactorDiscussion.objects.create(
                    agenda_item=item, factor=factor, judgement=given.judgement, evidence=evidence
                )
                changed.append(factor.label)
            elif (row.judgement, row.evidence) != (given.judgement, evidence):
                row.judgement, row.evidence = given.judgement, evidence
                row.save(update_fields=["judgement", "evidence"])
                changed.append(factor.label)
            rows.append(row)
        if changed:
            # Which factors were discussed, not the judgements: those stay with the case.
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE if existing else AuditAction.CREATE,
                obj=item,
                object_repr=f"Factor discussion: {item}",
                subject=referral,
                changes={"factors": changed},
            )
    return rows


@dataclass
class DecisionDetails:
    outcome: str
    reasons: str
    signposted_to: str = ""
    consent_given_by: str = ""
    consent_given_on: date | None = None


def record_panel_decision(*, actor: User, agenda_item: AgendaItem, details: DecisionDetails) -> PanelDecision:
    """The panel's decision on one referral, with reasons. Adopting needs recorded consent (a
    parent's or guardian's for a child); not adopting names where the person was signposted;
    "review at the next panel" keeps the referral at panel."""
    with transaction.atomic():
        item = _item_in_scope(actor, agenda_item)
        referral = Referral.objects.select_for_update().get(pk=item.referral_id)
        if PanelDecision.objects.filter(agenda_item=item).exists():
            raise ValidationError("The panel has already decided on this referral")
        if details.outcome in panel_rules.OUTCOMES:
            moves.require_step(referral, workflow.panel_decision_step(details.outcome))
        today = timezone.localdate()
        too_soon = panel_rules.decision_date_error(
            item.meeting.meets_on, received_on=timezone.localdate(referral.received_at), today=today
        )
        if too_soon:
            raise ValidationError(too_soon)
        age = panel_rules.age_on(
            item.meeting.meets_on,
            date_of_birth=referral.date_of_birth,
            age_years=referral.age_years,
            age_given_on=timezone.localtime(referral.received_at).date(),
        )
        errors = panel_rules.decision_errors(
            outcome=details.outcome,
            reasons=details.reasons,
            signposted_to=details.signposted_to,
            consent_given_by=details.consent_given_by,
            consent_given_on=details.consent_given_on,
            age=age,
            today=today,
        )
        if errors:
            raise ValidationError(errors)
        adopted = details.outcome == panel_rules.ADOPT
        decision = PanelDecision.objects.create(
            agenda_item=item,
            outcome=details.outcome,
            reasons=details.reasons.strip(),
            signposted_to=details.signposted_to.strip() if details.outcome == panel_rules.NOT_ADOPT else "",
            consent_given_by=details.consent_given_by if adopted else "",
            consent_given_on=details.consent_given_on if adopted else None,
            decided_by=actor,
        )
        before, after = moves.make_move(referral, workflow.panel_decision_step(details.outcome))
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=decision,
            subject=referral,
            changes={"status": [before, after], "outcome": details.outcome, "meeting": item.meeting_id},
            # The reasons stay in the decision itself (erased under retention), not in the audit trail.
        )
    return decision
