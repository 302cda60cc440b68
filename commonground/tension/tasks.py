"""Background tasks of tension monitoring (django-tasks, run by `manage.py run_worker`). Each is
safe to run twice: an alert is raised once per change, so a second run tells nobody again, and the
weekly report is sent to each recipient once a week."""

from django_tasks import task

from commonground.tension.actions.alerts import raise_incident_alerts
from commonground.tension.actions.distribution import send_weekly_report
from commonground.tension.actions.reports import erase_report_text_past_retention
from commonground.tension.queries.weekly import last_complete_week

# Monday 07:00, Europe/London.
WEEKLY_REPORT_CRON = "0 7 * * 1"


@task()
def alert_incidents_above_baseline() -> int:
    """Daily: in each borough, this week's tension reports and report-line hate incidents against
    the 12 weeks before; alert the subscribers where the count is well above its baseline (the
    test is in `baseline`, documented in docs/methods/tension-alerts.md). Returns the alerts raised."""
    return len(raise_incident_alerts())


@task()
def send_weekly_tension_report() -> int:
    """Mondays: send last week's report to the partnership; how many were sent it now."""
    return len(send_weekly_report(actor=None, week_starting_on=last_complete_week()))


@task()
def apply_report_text_retention() -> int:
    """Daily: the words of tension reports past TENSION_REPORT_TEXT_RETENTION_DAYS are erased."""
    return erase_report_text_past_retention()
