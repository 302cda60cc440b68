"""Background tasks of insights (django-tasks, run by `manage.py run_worker`). Safe to run twice:
an alert is raised once per change, so a second run tells nobody again."""

from django.core.cache import cache
from django_tasks import task

from commonground.insights.queries import spikes
from commonground.insights.queries.dashboards import monthly
from commonground.insights.spike_alerts import raise_spike_alerts


def refresh_lock_key(method: str) -> str:
    """The shared-cache key held while `method`'s spikes are being worked out (actions/spikes.py
    sets it when it asks; the task removes it when done)."""
    return f"insights:spikes:{method}:refreshing"


@task()
def alert_incident_spikes() -> int:
    """Daily: raise a tension alert for each borough (and strand) whose hate incidents in the latest
    complete week are above their Farrington threshold (spike_alerts.py), then work out the spikes
    of every other method too, into the shared cache, so the page opens quickly in every web
    process. Returns the alerts raised."""
    raised = len(raise_spike_alerts())
    for method in spikes.METHODS:
        spikes.detect(method=method, last_week=spikes.latest_complete_week())
    return raised


@task()
def refresh_spikes(*, method: str) -> str:
    """Work out `method`'s spikes for the latest complete week, asked for by the spikes page when
    it had none (actions/spikes.py); then let the page ask again."""

    try:
        last_week = spikes.latest_complete_week()
        spikes.detect(method=method, last_week=last_week)
    finally:
        cache.delete(refresh_lock_key(method))
    return f"{method} up to the week of {last_week.isoformat()}"


@task()
def warm_dashboard_totals() -> str:
    """Every half hour: the incidents dashboard's monthly totals, afresh into the shared cache, so
    a web request (in any process) reads them instead of counting every month."""
    monthly.warm()
    return "warmed"
