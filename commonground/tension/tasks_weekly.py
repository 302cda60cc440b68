"""The email that carries the weekly tension report to one recipient, as a background task enqueued
by `actions.distribution.send_weekly_report` once its sending is recorded (the Monday task that
starts it is in tasks.py)."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

from commonground.core.access import scope_for
from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.tension import weekly_report as documents
from commonground.tension.queries.weekly import weekly_report


@task()
def email_weekly_report(*, recipient_id: int, week_starting_on: str) -> int:
    """Email one recipient the report of the week as they may see it (their own areas), as a PDF."""
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
