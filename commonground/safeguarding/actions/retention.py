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

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.safeguarding import panel_rules
from commonground.safeguarding.models import (
    AgeBand,
    AgendaItem,
    CaseEvent,
    EqualityMonitoring,
    ExitReview,
    FactorDiscussion,
    GatewayCheck,
    GatewayOutcome,
    InformationAnswerRevision,
    InformationRequest,
    InformationRequestMessage,
    Intervention,
    PanelDecision,
    PanelOutcome,
    PlanAction,
    ProgressNote,
    Referral,
    ReferralStatus,
    RetentionReview,
    ScreeningDecision,
    ScreeningOutcome,
)

ERASED = "[erased under the retention policy]"
ERASED_NAME = "[erased]"

# Statuses in which a referral ended without becoming a Channel case, and the steps that end it.
ENDED_WITHOUT_CASE = [ReferralStatus.NO_FURTHER_ACTION, ReferralStatus.SIGNPOSTED, ReferralStatus.NOT_ADOPTED]
ENDING_SCREENING = [ScreeningOutcome.NO_FURTHER_ACTION, ScreeningOutcome.NOT_APPROPRIATE]
ENDING_GATEWAY = [GatewayOutcome.NO_FURTHER_ACTION, GatewayOutcome.SIGNPOSTED]
ENDING_CASE_EVENTS = [CaseEvent.Kind.EXITED, CaseEvent.Kind.CONSENT_WITHDRAWN]

# The age kept after erasure, one value per band (the database needs a date of birth or an age):
# the band itself is on the review; this value only ever tells the band, never the age.
AGE_KEPT_FOR_BAND: dict[str, int] = {
    AgeBand.UNDER_11: 10,
    AgeBand.FROM_11_TO_15: 11,
    AgeBand.FROM_16_TO_17: 16,
    AgeBand.FROM_18_TO_24: 18,
    AgeBand.FROM_25: 25,
}


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    if age <= 10:
        return AgeBand.UNDER_11
    if age <= 15:
        return AgeBand.FROM_11_TO_15
    if age <= 17:
        return AgeBand.FROM_16_TO_17
    if age <= 24:
        return AgeBand.FROM_18_TO_24
    return AgeBand.FROM_25


def age_band_at_referral(referral: Referral) -> str:
    received_on = timezone.localtime(referral.received_at).date()
    return age_band(
        panel_rules.age_on(
            received_on,
            date_of_birth=referral.date_of_birth,
            age_years=referral.age_years,
            age_given_on=received_on,
        )
    )


def _local_date(value) -> date:
    return timezone.localtime(value).date() if hasattr(value, "tzinfo") else value


def _ended_without_case() -> list[tuple[Referral, date, str]]:
    days = settings.SAFEGUARDING_RETENTION_NO_FURTHER_ACTION_DAYS
    referrals = Referral.objects.filter(status__in=ENDED_WITHOUT_CASE).annotate(
        screened=Max(
            "screening_decisions__decided_at", filter=Q(screening_decisions__decision__in=ENDING_SCREENING)
        ),
        checked=Max("gateway_checks__recorded_at", filter=Q(gateway_checks__outcome__in=ENDING_GATEWAY)),
        panel=Max(
            "agenda_items__decision__decided_at",
            filter=Q(agenda_items__decision__outcome=PanelOutcome.NOT_ADOPT),
        ),
    )
    found: list[tuple[Referral, date, str]] = []
    for referral in referrals:
        decided = [
            _local_date(d) for d in (referral.screened, referral.checked, referral.panel) if d is not None
        ]
        if not decided:
            continue  # no recorded decision ended it: nothing to count from
        decided_on = max(decided)
        rule = (
            f"{referral.get_status_display()}: kept {days} days from the decision on {decided_on:%d %B %Y} "
            "(SAFEGUARDING_RETENTION_NO_FURTHER_ACTION_DAYS)"
        )
        found.append((referral, decided_on + timedelta(days=days), rule))
    return found


def _cases_ended() -> list[tuple[Referral, date, str]]:
    days = settings.SAFEGUARDING_RETENTION_CASE_DAYS
    referrals = Referral.objects.filter(status=ReferralStatus.EXITED).annotate(
        exited=Max("case_events__happened_on", filter=Q(case_events__kind__in=ENDING_CASE_EVENTS))
    )
    return [
        (
            referral,
            referral.exited + timedelta(days=days),
            f"Channel case: kept {days} days from the exit on {referral.exited:%d %B %Y} "
            "(SAFEGUARDING_RETENTION_CASE_DAYS)",
        )
        for referral in referrals
        if referral.exited is not None
    ]


def past_retention(today: date | None = None) -> list[tuple[Referral, date, str]]:
    """Every referral whose retention period ended before `today`: (referral, due since, rule)."""
    today = today or timezone.localdate()
    return [row for row in _ended_without_case() + _cases_ended() if row[1] < today]


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
    locked = access.visible(scope, RetentionReview.objects.select_for_update()).filter(pk=review.pk).first()
    if locked is None:
        raise PermissionDenied("Only a data protection officer may do this.")
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


def _erase_referral(referral: Referral, band: str) -> None:
    EqualityMonitoring.objects.filter(referral=referral).delete()
    Referral.objects.filter(pk=referral.pk).update(
        first_name=ERASED_NAME,
        last_name="",
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
