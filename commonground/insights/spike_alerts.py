"""Spikes in hate incidents feed the tension alerts: for the latest complete week, each borough
(in all strands, or in one) whose count is above its Farrington threshold raises one alert of kind
"incidents above baseline", once per change: the change key names the borough, strand and week.

The tension app creates and delivers alerts (tension/actions/alerts.py); this module only decides
which spikes to raise. It uses that module's helpers for creating an alert once per change key and
for finding the subscribers who asked for incident spikes: an adapter until the tension app offers
a public action for it. Run it daily from the schedule."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from commonground.core.models import Area, User
from commonground.insights import surveillance
from commonground.insights.queries import spikes as spike_queries
from commonground.tension.actions import alerts as tension_alerts
from commonground.tension.models import Alert


def change_key(borough_code: str, strand: str, week: date) -> str:
    return f"spike:{borough_code}:{strand}:{week.isoformat()}"


def raise_spike_alerts(*, actor: User | None = None, today: date | None = None) -> list[Alert]:
    """Raise an alert for every spike in the latest complete week; spikes alerted before are skipped."""
    week = spike_queries.latest_complete_week(today or timezone.localdate())
    found = spike_queries.spikes_in_week(week=week, method=surveillance.Method.FARRINGTON)
    raised = []
    with transaction.atomic():
        for borough, strand, spike in sorted(found, key=lambda found: (found[0].name, found[1])):
            alert = _raise_incident_alert(actor=actor, borough=borough, strand=strand, week=week, spike=spike)
            if alert is not None:
                raised.append(alert)
    return raised


def _raise_incident_alert(
    *, actor: User | None, borough: Area, strand: str, week: date, spike: surveillance.Spike
) -> Alert | None:
    what = "Hate incidents" if strand == spike_queries.ALL_STRANDS else f"Hate incidents ({strand})"
    return tension_alerts.raise_incident_spike_alert(
        area=borough,
        change_key=change_key(borough.code, strand, week),
        summary=(
            f"{what} in {borough.name} are above their usual level in the week of {week:%d %B %Y}: "
            f"{spike.count} against about {spike.expected:.0f} expected"
        ),
        actor=actor,
        details={
            "week_starting_on": week.isoformat(),
            "strand": strand,
            "count": spike.count,
            "expected": round(spike.expected, 3),
            "threshold": round(spike.threshold, 3),
            "method": str(spike.method),
        },
    )
