"""Background tasks of insights (django-tasks, run by `manage.py run_worker`). Safe to run twice:
an alert is raised once per change, so a second run tells nobody again."""

from django_tasks import task


@task()
def alert_incident_spikes() -> int:
    """Daily: raise a tension alert for each borough (and strand) whose hate incidents in the latest
    complete week are above their Farrington threshold (spike_alerts.py). It also works out the
    spikes page's result for the week, so the page opens quickly. Returns the alerts raised."""
    from commonground.insights.spike_alerts import raise_spike_alerts

    return len(raise_spike_alerts())
