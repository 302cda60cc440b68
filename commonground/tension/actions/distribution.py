"""Sending the weekly tension report to the partnership: everyone subscribed to tension alerts and
everyone who assesses tension, by email with the PDF attached. Each recipient gets each week's
report once: a `ReportDistribution` row per recipient and week (unique) is written with its audit
event in the same transaction, and the email goes out only after that commits. Running it twice
for the same week (the scheduled task and a person pressing the button) sends nothing twice.
"""

from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from commonground.core import audit, policy
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.tension.models import ReportDistribution
from commonground.tension.queries.dashboard import monday_of
from commonground.tension.tasks_weekly import email_weekly_report


def weekly_report_recipients() -> list[User]:
    """Active staff with an email address who may see tension and subscribe to tension alerts or
    assess tension (the report each is sent covers their own areas)."""
    subscribers_and_assessors = User.objects.filter(
        Q(tension_alerts__isnull=False) | policy.holding(Permission.ASSESS_TENSION)
    )
    return list(policy.who_may(Permission.VIEW_TENSION, among=subscribers_and_assessors).exclude(email=""))


def send_weekly_report(*, actor: User | None, week_starting_on: date) -> list[User]:
    """Send the report of the week starting `week_starting_on` (a Monday of a week that has
    started) to each recipient who has not had it yet; returns those sent it now. `actor` None is
    the scheduled task; a person needs ASSESS_TENSION."""
    if actor is not None:
        scope_for(actor).require(Permission.ASSESS_TENSION)
    if week_starting_on != monday_of(week_starting_on):
        raise ValidationError({"week": "The week must start on a Monday"})
    if week_starting_on > monday_of(timezone.localdate()):
        raise ValidationError({"week": "The week must not be in the future"})
    sent = []
    for recipient in weekly_report_recipients():
        try:
            with transaction.atomic():
                distribution = ReportDistribution.objects.create(
                    week_starting_on=week_starting_on, recipient=recipient, sent_by=actor
                )
                audit.record(
                    actor=actor,
                    action=AuditAction.EXPORT,
                    obj=distribution,
                    changes={
                        "document": "weekly tension report",
                        "week_starting_on": week_starting_on.isoformat(),
                        "recipient": recipient.get_username(),
                    },
                )
                transaction.on_commit(
                    partial(
                        email_weekly_report.enqueue,
                        recipient_id=recipient.pk,
                        week_starting_on=week_starting_on.isoformat(),
                    )
                )
        except IntegrityError:
            continue  # already sent this week's report to this recipient
        sent.append(recipient)
    return sent
