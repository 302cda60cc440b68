"""Alerts about rising tension: subscribing, raising an alert once per change, telling each
subscriber in the app and by email, and marking an alert read.

An alert's `change_key` names the change it reports ("level_raised:E08000004:2026-11-16:5",
"incidents_above_baseline:E08000004:2026-11-16"), and is unique: whatever raises the same change
again (the daily task run twice, an assessment amended to the level it already had) finds the
alert there and tells nobody a second time.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, audit, notify, policy
from commonground.core.access import scope_for
from commonground.core.models import Area, AuditAction, User
from commonground.core.roles import Permission
from commonground.tension import baseline
from commonground.tension.models import (
    Alert,
    AlertDelivery,
    AlertKind,
    AlertSubscription,
    TensionAssessment,
    TensionLevel,
)
from commonground.tension.queries.alerts import borough_incident_counts

# --- Subscriptions -------------------------------------------------------------------------------


def subscribe_to_alerts(
    *,
    actor: User,
    area: Area | None,
    minimum_level: TensionLevel,
    include_incident_spikes: bool,
    by_email: bool,
) -> AlertSubscription:
    """Follow one area (or, with no area, every area in one's scope). Subscribing again to the same
    area changes the existing subscription."""
    scope = scope_for(actor)
    scope.require(Permission.VIEW_TENSION)
    if area is not None and not scope.covers_area(area):
        raise ValidationError({"area": "Select an area you cover"})
    if not minimum_level.is_active:
        raise ValidationError({"minimum_level": "Select a level on the tension scale"})
    with transaction.atomic():
        subscription, created = AlertSubscription.objects.update_or_create(
            user=actor,
            area=area,
            defaults={
                "minimum_level": minimum_level,
                "include_incident_spikes": include_incident_spikes,
                "by_email": by_email,
            },
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=subscription,
            changes={
                "area": area.code if area else "all areas in scope",
                "minimum_level": minimum_level.rank,
                "include_incident_spikes": include_incident_spikes,
                "by_email": by_email,
            },
        )
    return subscription


def cancel_alert_subscription(*, actor: User, subscription: AlertSubscription) -> None:
    scope = scope_for(actor)
    with transaction.atomic():
        own = policy.row_to_act_on(
            access.visible(scope, AlertSubscription), subscription.pk, "That subscription is not yours."
        )
        audit.record(actor=actor, action=AuditAction.DELETE, obj=own)
        own.delete()


def mark_alert_read(*, actor: User, delivery: AlertDelivery) -> AlertDelivery:
    scope = scope_for(actor)
    with transaction.atomic():
        own = policy.row_to_act_on(
            access.visible(scope, AlertDelivery.objects.select_for_update()),
            delivery.pk,
            "That alert was not sent to you.",
        )
        if own.read_at is None:
            own.read_at = timezone.now()
            own.save(update_fields=["read_at"])
            audit.record(actor=actor, action=AuditAction.UPDATE, obj=own, changes={"read": True})
    return own


# --- Raising alerts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Recipient:
    user: User
    by_email: bool


def _recipients(area: Area, *, rank: int | None = None, incident_spikes: bool = False) -> list[_Recipient]:
    """Subscribers to `area` (directly, through its borough, or to all their areas) whose scope
    covers it: for a level, those whose minimum is at or below `rank`; for incident spikes, those
    who asked for them. Several matching subscriptions of one user make one recipient."""
    subscriptions = AlertSubscription.objects.filter(
        Q(area__isnull=True) | Q(area=area) | Q(area_id=area.parent_id),
        user__in=policy.who_may(Permission.VIEW_TENSION, area=area),
    ).select_related("user")
    if rank is not None:
        subscriptions = subscriptions.filter(minimum_level__rank__lte=rank)
    if incident_spikes:
        subscriptions = subscriptions.filter(include_incident_spikes=True)
    by_user: dict[int, _Recipient] = {}
    for subscription in subscriptions.order_by("user_id", "pk"):
        user = subscription.user
        known = by_user.get(user.pk)
        by_email = subscription.by_email or (known is not None and known.by_email)
        by_user[user.pk] = _Recipient(user=user, by_email=by_email)
    return list(by_user.values())


def _raise(
    *,
    kind: AlertKind,
    area: Area,
    change_key: str,
    summary: str,
    recipients: list[_Recipient],
    actor: User | None,
    assessment: TensionAssessment | None = None,
    details: dict | None = None,
) -> Alert | None:
    """Create the alert for one change and deliver it; None if that change was alerted before, or
    if nobody is to be told of it."""
    if not recipients or Alert.objects.filter(change_key=change_key).exists():
        return None
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                kind=kind,
                area=area,
                change_key=change_key,
                summary=summary[:300],
                assessment=assessment,
                details=details or {},
            )
    except IntegrityError:
        return None  # raised at the same moment by another run
    link = f"{settings.SITE_URL.rstrip('/')}{reverse('tension:alerts')}"
    for recipient in recipients:
        delivery = AlertDelivery.objects.create(
            alert=alert,
            user=recipient.user,
            emailed_at=timezone.now() if recipient.by_email and recipient.user.email else None,
        )
        if delivery.emailed_at:
            notify.email(
                to=[recipient.user.email],
                subject=f"Common Ground: {summary}"[:200],
                body=(
                    f"{summary}.\n\nThis alert is about an area, not about any person. "
                    f"Sign in to see it and the assessment behind it: {link}\n\n"
                    "You receive this because you subscribed to tension alerts. You can change your "
                    "subscriptions on the alerts page."
                ),
            )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=alert,
        changes={"change_key": change_key, "recipients": len(recipients)},
    )
    return alert


def raise_level_alert(
    *, actor: User | None, assessment: TensionAssessment, previous_rank: int | None
) -> Alert | None:
    """Called by the assessment actions, inside their transaction, once `assessment` is its area's
    current assessment: alert if its level is higher than the area's previous current level."""
    rank = assessment.level.rank
    if previous_rank is not None and rank <= previous_rank:
        return None
    area = assessment.area
    week = assessment.week_starting_on
    previous = f" from level {previous_rank}" if previous_rank is not None else ""
    return _raise(
        kind=AlertKind.LEVEL_RAISED,
        area=area,
        change_key=f"{AlertKind.LEVEL_RAISED}:{area.code}:{week.isoformat()}:{rank}",
        summary=(
            f"Tension in {area.name} raised{previous} to level {rank} ({assessment.level.name}) "
            f"for the week of {week:%d %B %Y}"
        ),
        recipients=_recipients(area, rank=rank),
        actor=actor,
        assessment=assessment,
        details={"previous_rank": previous_rank, "rank": rank, "week_starting_on": week.isoformat()},
    )


def raise_incident_spike_alert(
    *, actor: User | None, area: Area, change_key: str, summary: str, details: dict
) -> Alert | None:
    """For other capabilities that detect incidents above their baseline (the insights app's spike
    detection): alert the subscribers who asked for incident alerts, once per `change_key`."""
    return _raise(
        kind=AlertKind.INCIDENTS_ABOVE_BASELINE,
        area=area,
        change_key=change_key,
        summary=summary,
        recipients=_recipients(area, incident_spikes=True),
        actor=actor,
        details=details,
    )


def raise_incident_alerts(*, today: date | None = None) -> list[Alert]:
    """The daily check: in each borough, this week's tension reports and report-line hate incidents
    against the 12 weeks before (the test is in `baseline`). One alert per borough and week."""
    today = today or timezone.localdate()
    week = baseline.week_starting(today)
    weeks = baseline.baseline_weeks(week)
    raised = []
    with transaction.atomic():
        for borough, counts in borough_incident_counts(since=weeks[0], until=week + timedelta(days=7)):
            result = baseline.test_against_baseline(
                counts.get(week, 0), [counts.get(previous, 0) for previous in weeks]
            )
            if not result.above_baseline:
                continue
            alert = _raise(
                kind=AlertKind.INCIDENTS_ABOVE_BASELINE,
                area=borough,
                change_key=f"{AlertKind.INCIDENTS_ABOVE_BASELINE}:{borough.code}:{week.isoformat()}",
                summary=f"Incidents in {borough.name} are above their usual level this week: {result.summary}",
                recipients=_recipients(borough, incident_spikes=True),
                actor=None,
                details={
                    "week_starting_on": week.isoformat(),
                    "count": result.count,
                    "baseline_mean": round(result.baseline_mean, 3),
                    "p_value": result.p_value,
                },
            )
            if alert is not None:
                raised.append(alert)
    return raised
