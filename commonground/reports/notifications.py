"""Emails to reporters who gave an address: the acknowledgement and each change of status. And
notices to staff (`core.notifications`): a report reaching a team's queue, a report going overdue."""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from commonground.core import notify, policy
from commonground.core.models import NotificationKind, User
from commonground.core.notifications import Notice, item_key, notify_many, notify_people
from commonground.core.roles import Permission
from commonground.reports.models import Report, Team
from commonground.reports.queries.queue import overdue_condition
from commonground.reports.references import status_secret

# Reports overdue for longer were told of when they went overdue: the sweep looks back this far.
OVERDUE_LOOKBACK = timedelta(days=30)


def status_url(secret: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("reports:status", args=[secret])


def acknowledge(report: Report, secret: str) -> None:
    if not report.contact_email:
        return
    with translation.override(report.language):
        notify.email(
            to=[report.contact_email],
            subject=_("Your report %(reference)s has been received") % {"reference": report.reference},
            body=_(
                "Thank you for your report.\n\nYour reference is %(reference)s.\n\n"
                "See what happens next, send us a message or change who we may share it with:\n%(url)s\n\n"
                "Keep this link private: anyone with it can see your report's progress.\n\n"
                "If someone is in danger now, call 999."
            )
            % {"reference": report.reference, "url": status_url(secret)},
        )


def status_changed(report: Report, public_note: str) -> None:
    if not report.contact_email:
        return
    with translation.override(report.language):
        notify.email(
            to=[report.contact_email],
            subject=_("Update on your report %(reference)s") % {"reference": report.reference},
            body=_(
                "There is an update on your report %(reference)s: %(status)s.\n\n%(note)s\n\nSee it here:\n%(url)s"
            )
            % {
                "reference": report.reference,
                "status": report.get_status_display().lower(),
                "note": public_note,
                "url": status_url(status_secret(report.status_nonce)),
            },
        )


def new_message(report: Report) -> None:
    if not report.contact_email:
        return
    with translation.override(report.language):
        notify.email(
            to=[report.contact_email],
            subject=_("New message about your report %(reference)s") % {"reference": report.reference},
            body=_("The team has sent you a message about your report. Read it and reply here:\n%(url)s")
            % {"url": status_url(status_secret(report.status_nonce))},
        )


# --- Notices to staff ----------------------------------------------------------------------------------


def _team_members(team_ids):
    return policy.who_may(Permission.VIEW_REPORTS, among=User.objects.filter(report_teams__in=list(team_ids)))


def reached_queues(report: Report, teams: list[Team], *, actor: User | None = None) -> None:
    """Tell the members of each team a report has just reached (not the person who sent it there)."""
    if not teams:
        return
    members = _team_members(t.pk for t in teams)
    if actor is not None:
        members = members.exclude(pk=actor.pk)
    notify_people(
        members,
        Notice(
            kind=NotificationKind.REPORT_IN_QUEUE,
            item_key=item_key(report),
            subject=f"Report {report.reference} is in your team's queue",
            url=reverse("reports:staff-report", args=[report.pk]),
        ),
    )


def overdue_reports_sweep(now: datetime) -> int:
    """Reports gone overdue (`workflow.is_overdue`): each member of their teams is told once."""
    overdue = Report.objects.filter(overdue_condition(now), triage_due_at__gte=now - OVERDUE_LOOKBACK)
    routed = Report.teams.through.objects.filter(report__in=overdue.values("pk")).values_list(
        "report_id", "report__reference", "team_id"
    )
    members = Team.members.through.objects.filter(
        team_id__in={team_id for _, _, team_id in routed},
        user__in=_team_members(team_id for _, _, team_id in routed),
    ).values_list("team_id", "user_id")
    members_of: dict[int, set[int]] = {}
    for team_id, user_id in members:
        members_of.setdefault(team_id, set()).add(user_id)
    return notify_many(
        (
            user_id,
            Notice(
                kind=NotificationKind.REPORT_OVERDUE,
                item_key=f"reports.report:{report_id}",
                subject=f"Report {reference} is overdue for triage",
                url=reverse("reports:staff-report", args=[report_id]),
            ),
        )
        for report_id, reference, team_id in routed
        for user_id in members_of.get(team_id, ())
    )
