"""Retention of safeguarding casework (issue 4, item 11). Unlike the report line (decision 0005),
nothing is erased automatically: a daily task lists the referrals past their retention period, and
a data protection officer confirms each erasure, or holds the record with a reason and a date.

Periods (settings, documented defaults from ../shared/guides/domain.md section 1):
- a referral ended by no further action, signposting or "not adopted":
  SAFEGUARDING_RETENTION_NO_FURTHER_ACTION_DAYS (3 years) from the decision that ended it (the
  screening decision, the police gateway check or the panel decision, whichever was last);
- a Channel case: SAFEGUARDING_RETENTION_CASE_DAYS (6 years) from its exit (support ended or
  consent withdrawn).

Erasure removes the personal data of the referral and of every record about it, and deletes the
equality monitoring row. What stays is statistical: received date, borough, type of concern,
referring sector, status, the kinds and dates of decisions and steps, and the age band at referral
(on the review). Each erasure is audited (`erase`) with the officer and their reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.safeguarding.models import (
    AgeBand,
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
    ReferralStatus,
    RetentionReview,
    ScreeningDecision,
)
from commonground.safeguarding.queries.retention import age_band_at_referral, past_retention

ERASED = "[erased under the retention policy]"
ERASED_NAME = "[erased]"

# The age kept after erasure, one value per band (the database needs a date of birth or an age):
# the band itself is on the review; this value only ever tells the band, never the age.
AGE_KEPT_FOR_BAND: dict[str, int] = {
    AgeBand.UNDER_11: 10,
    AgeBand.FROM_11_TO_15: 11,
    AgeBand.FROM_16_TO_17: 16,
    AgeBand.FROM_18_TO_24: 18,
    AgeBand.FROM_25: 25,
}


def list_records_past_retention(today: date | None = None) -> int:
    """The daily task: a review for each referral past its period that has none yet. Running it
    twice adds nothing. Returns how many were added."""
    added = 0
    already = set(RetentionReview.objects.values_list("referral_id", flat=True))
    for referral, due_since, rule in past_retention(today):
        if referral.pk in already:
            continue
        with transaction.atomic():
            _, created = RetentionReview.objects.get_or_create(
                referral=referral,
                defaults={
                    "found_at": timezone.now(),
                    "due_since": due_since,
                    "rule": rule,
                    "age_band": age_band_at_referral(referral),
                },
            )
        added += created
    return added


def _review_for_officer(actor: User, review: RetentionReview) -> RetentionReview:
    scope = scope_for(actor)
    scope.require(Permission.ACCESS_OUTSIDE_SCOPE)
    locked = policy.row_to_act_on(
        access.visible(scope, RetentionReview.objects.select_for_update()),
        review.pk,
        "Only a data protection officer may do this.",
    )
    if locked.erased_at is not None:
        raise ValidationError("This record has already been erased")
    return locked


def hold(*, actor: User, review: RetentionReview, held_until: date | None, reason: str) -> RetentionReview:
    """Keep the record past its period until `held_until` (for example during litigation)."""
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "Give the reason the record must be kept"
    if held_until is None:
        errors["held_until"] = "Enter the date to keep the record until"
    elif held_until <= timezone.localdate():
        errors["held_until"] = "The date to keep the record until must be in the future"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _review_for_officer(actor, review)
        before = locked.held_until
        locked.held_until, locked.hold_reason, locked.held_by = held_until, reason.strip(), actor
        locked.save(update_fields=["held_until", "hold_reason", "held_by"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            subject=locked.referral,
            changes={"held_until": [before, held_until]},
            reason=reason.strip(),
        )
    return locked


def confirm_erasure(*, actor: User, review: RetentionReview, reason: str) -> RetentionReview:
    """Erase the personal data of the referral and every record about it, as confirmed by a data
    protection officer with a reason. Refused while the record is held or no longer past its period."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason for confirming the erasure"})
    today = timezone.localdate()
    with transaction.atomic():
        locked = _review_for_officer(actor, review)
        if locked.held_until is not None and locked.held_until >= today:
            raise ValidationError(f"This record is held until {locked.held_until:%d %B %Y}")
        if locked.referral_id not in {referral.pk for referral, _, _ in past_retention(today)}:
            raise ValidationError("This record is no longer past its retention period")
        referral = Referral.objects.select_for_update().get(pk=locked.referral_id)
        band = locked.age_band or age_band_at_referral(referral)
        _erase_referral(referral, band)
        now = timezone.now()
        locked.age_band, locked.confirmed_by, locked.confirmed_at = band, actor, now
        locked.erased_at, locked.erasure_reason = now, reason.strip()
        locked.save(update_fields=["age_band", "confirmed_by", "confirmed_at", "erased_at", "erasure_reason"])
        audit.record(
            actor=actor,
            action=AuditAction.ERASE,
            obj=referral,
            subject=referral,
            changes={"rule": locked.rule, "due_since": locked.due_since},
            reason=reason.strip(),
        )
    return locked


# A referral in one of these statuses is an open case: its records are needed to safeguard the person.
CLOSED_STATUSES = frozenset(
    {
        ReferralStatus.NO_FURTHER_ACTION,
        ReferralStatus.SIGNPOSTED,
        ReferralStatus.NOT_ADOPTED,
        ReferralStatus.EXITED,
    }
)


def why_not_erasable(referral: Referral, today: date | None = None) -> str:
    """The reason a referral may not be erased at the person's request now, or "" if it may."""
    today = today or timezone.localdate()
    if referral.status not in CLOSED_STATUSES:
        return f"An open safeguarding case ({referral.get_status_display().lower()}): kept while the case is open"
    held = RetentionReview.objects.filter(referral=referral, held_until__gte=today).first()
    if held is not None:
        return f"Held by a data protection officer until {held.held_until:%d %B %Y}: {held.hold_reason}"
    return ""


def erase_at_request(*, actor: User, referral: Referral, reason: str) -> None:
    """Erase a closed referral's personal data at the person's request (UK GDPR art. 17), as the
    retention erasure does: what stays is statistical. Refused (ValidationError) for an open case or
    a held record; the caller's transaction decides whether anything is kept."""
    scope = scope_for(actor)
    scope.require(Permission.HANDLE_SUBJECT_ACCESS)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason for the erasure"})
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        refusal = why_not_erasable(locked)
        if refusal:
            raise ValidationError(refusal)
        _erase_referral(locked, age_band_at_referral(locked))
        audit.record(
            actor=actor,
            action=AuditAction.ERASE,
            obj=locked,
            subject=locked,
            changes={"rule": "erased at the person's request"},
            reason=reason.strip(),
            outside_normal_scope=True,
        )


def _erase_referral(referral: Referral, band: str) -> None:
    EqualityMonitoring.objects.filter(referral=referral).delete()
    Referral.objects.filter(pk=referral.pk).update(
        first_name=ERASED_NAME,
        last_name="",
        search_name="",
        other_names="",
        date_of_birth=None,
        age_years=AGE_KEPT_FOR_BAND.get(band, 25) if band else 25,
        gender="",
        ward=None,
        address="",
        language="",
        interpreter_needed=False,
        referrer_name=ERASED_NAME,
        referrer_role="",
        referrer_agency_name="",
        referrer_agency=None,
        referrer_contact="",
        referred_by=None,
        concern=ERASED,
        action_already_taken="",
        source_report=None,
        version=referral.version + 1,
    )
    ScreeningDecision.objects.filter(referral=referral).update(reasons=ERASED)
    ScreeningDecision.objects.filter(referral=referral).exclude(signposted_to="").update(signposted_to=ERASED)
    GatewayCheck.objects.filter(referral=referral).update(notes="")
    requests = InformationRequest.objects.filter(referral=referral)
    requests.update(question=ERASED)
    requests.exclude(answer="").update(answer=ERASED)
    InformationAnswerRevision.objects.filter(request__referral=referral).update(answer=ERASED, reason="")
    InformationRequestMessage.objects.filter(request__referral=referral).update(body=ERASED)
    items = AgendaItem.objects.filter(referral=referral)
    FactorDiscussion.objects.filter(agenda_item__in=items).update(evidence="")
    PanelDecision.objects.filter(agenda_item__in=items).update(reasons=ERASED)
    PanelDecision.objects.filter(agenda_item__in=items).exclude(signposted_to="").update(signposted_to=ERASED)
    Intervention.objects.filter(referral=referral).update(provider=ERASED)
    ProgressNote.objects.filter(intervention__referral=referral).update(note=ERASED)
    PlanAction.objects.filter(referral=referral).update(description=ERASED)
    CaseEvent.objects.filter(referral=referral).update(reasons=ERASED)
    ExitReview.objects.filter(referral=referral).exclude(outcome="").update(outcome=ERASED)
