"""Reminding people that a refresher falls due: once per refresher (the unique row of
`RefresherReminder` is the rule in the database), within 30 days of its due date or once overdue.
The notice says a refresher is due and links to My training; it names no course or person."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from commonground.core import audit, notifications
from commonground.core.models import AuditAction, NotificationKind
from commonground.core.notifications import Notice
from commonground.programme import training_rules
from commonground.programme.models import Attendance, AttendanceStatus, RefresherReminder

REFRESHER_DUE = NotificationKind.REFRESHER_DUE


def send_refresher_reminders(today: date | None = None) -> int:
    """Remind each active person whose refresher is due within 30 days (or overdue) and who has not
    been reminded of that refresher yet. Returns how many reminders were sent. Safe to run twice."""
    today = today or timezone.localdate()
    latest = (
        Attendance.objects.filter(
            status=AttendanceStatus.COMPLETED, completed_on__lte=today, person__is_active=True
        )
        .values("person", "session__course", "session__course__refresher_months")
        .annotate(latest=Max("completed_on"))
    )
    months = {}
    completions = []
    for row in latest:
        months[row["session__course"]] = row["session__course__refresher_months"]
        completions.append(training_rules.Completion(row["person"], row["session__course"], row["latest"]))
    due = training_rules.refreshers(completions, months, today)
    sent = RefresherReminder.objects.filter(person__in={refresher.person for refresher in due}).values_list(
        "person", "course", "due_on"
    )
    to_send = training_rules.reminders_due(due, sent, today)
    if not to_send:
        return 0
    with transaction.atomic():
        created = RefresherReminder.objects.bulk_create(
            [RefresherReminder(person_id=r.person, course_id=r.course, due_on=r.due_on) for r in to_send],
            ignore_conflicts=True,
        )
        url = reverse("programme:training-my-record")
        notifications.notify_many(
            (
                r.person,
                Notice(
                    kind=REFRESHER_DUE,
                    item_key=f"programme.refresherreminder:{r.person}:{r.course}:{r.due_on:%Y-%m-%d}",
                    subject="A training refresher is due",
                    url=url,
                ),
            )
            for r in to_send
        )
        audit.record(
            actor=None,
            actor_label="Daily refresher reminders",
            action=AuditAction.CREATE,
            object_type="programme.refresherreminder",
            object_repr=f"{len(created)} refresher reminders",
            changes={"people": sorted({r.person for r in to_send}), "on": today},
        )
    return len(to_send)
