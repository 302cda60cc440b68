"""Background tasks of tension monitoring (django-tasks, run by `manage.py run_worker`). Each is
safe to run twice: an alert is raised once per change, so a second run tells nobody again."""

from django_tasks import task


@task()
def alert_incidents_above_baseline() -> int:
    """Daily: in each borough, this week's tension reports and report-line hate incidents against
    the 12 weeks before; alert the subscribers where the count is well above its baseline (the
    test is in `baseline`, documented in docs/methods/tension-alerts.md). Returns the alerts raised."""
    from commonground.tension.actions.alerts import raise_incident_alerts

    return len(raise_incident_alerts())
