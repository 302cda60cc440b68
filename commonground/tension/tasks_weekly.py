"""The weekly tension report's scheduled task (Monday 07:00, Europe/London) and the email that
carries it to one recipient. Safe to run twice: `send_weekly_report` sends each recipient each
week's report once."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

WEEKLY_REPORT_CRON = "0 7 * * 1"


@task()
def send_weekly_tension_report() -> int:
    """Mondays: send last week's report to the partnership; how many were sent it now."""
    from commonground.tension.actions.distribution import send_weekly_report
    from commonground.tension.queries.weekly import last_complete_week

    return len(send_weekly_report(actor=None, week_starting_on=last_complete_week()))


@task()
def email_weekly_report(*, recipient_id: int, week_starting_on: str) -> int:
    """Email one recipient the report of the week as they may see it (their own areas), as a PDF."""
    from commonground.core.access import scope_for
    from commonground.core.models import User
    from commonground.core.roles import Permission
    from commonground.tension import weekly_report as documents
    from commonground.tension.queries.weekly import weekly_report

    recipient = User.objects.filter(pk=recipient_id, is_active=True).exclude(email="").first()
    if recipient is None:
        return 0
    scope = scope_for(recipient)
    if not scope.can(Permission.VIEW_TENSION):
        return 0
    report = weekly_report(scope, date.fromisoformat(week_starting_on))
    message = EmailMessage(
        subject=f"Weekly tension report: week starting {report.week_starting_on:%-d %B %Y}",
        body=(
            f"The weekly community tension report for the week starting "
            f"{report.week_starting_on:%-d %B %Y} is attached, covering your areas.\n\n"
            f"It is marked {documents.PROTECTIVE_MARKING}: keep it within the partnership and do not "
            "forward it outside the agreement that covers it.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )
    message.attach(
        documents.weekly_report_filename(report), documents.weekly_report_pdf(report), "application/pdf"
    )
    return message.send(fail_silently=False)


def register_schedule() -> None:
    """Called from the app's ready(): the weekly report goes out on Monday mornings."""
    from commonground.core import schedule

    schedule.register(schedule.Scheduled(WEEKLY_REPORT_CRON, send_weekly_tension_report))
