"""Demo records of front-line training, made with the training actions as the demo training lead
(Demo Police Force): sessions past and upcoming, a dozen synthetic front-line officers with their
completions (some refreshers overdue, some due soon), and the demo accounts' own training, so that
My training, coverage and the waiting lists all show something."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from commonground.core.models import User
from commonground.programme.actions.training import (
    SessionDetails,
    add_session,
    mark_front_line,
    record_attendance,
)
from commonground.programme.models import Course, TrainingSession

LEAD = "training-lead"
SYNTHETIC = [
    ("Alex", "Example"),
    ("Bea", "Sample"),
    ("Cal", "Placeholder"),
    ("Dee", "Fictional"),
    ("Eli", "Madeup"),
    ("Fay", "Pretend"),
    ("Gus", "Invented"),
    ("Hana", "Synthetic"),
    ("Ivo", "Dummy"),
    ("Jo", "Imaginary"),
    ("Kit", "Notreal"),
    ("Lee", "Testcase"),
]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _session(lead: User, key: str, day: date, *, online: bool = False) -> TrainingSession:
    return add_session(
        actor=lead,
        details=SessionDetails(
            course=Course.objects.get(key=key),
            starts_at=_at(day, 9),
            ends_at=_at(day, 12),
            capacity=20,
            online=online,
            place="" if online else "Demo Police Force headquarters, training room 1",
            trainer_name="Demo trainer (synthetic)",
        ),
    )


@transaction.atomic
def load() -> None:
    lead = User.objects.filter(username=LEAD).first()
    if lead is None or TrainingSession.objects.filter(created_by=lead).exists():
        return  # no training lead among the demo accounts, or loaded already
    today = timezone.localdate()
    people = []
    for number, (first, last) in enumerate(SYNTHETIC, start=1):
        person, _ = User.objects.get_or_create(
            username=f"demo-officer-{number:02d}",
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"demo-officer-{number:02d}@demo.commonground.invalid",
                "agency": lead.agency,
                "job_title": "Neighbourhood officer (synthetic)",
                "is_active": True,
            },
        )
        people.append(person)
    people += list(User.objects.filter(username__in=["panel", "partner"], agency=lead.agency))
    for person in people:
        mark_front_line(actor=lead, person_id=person.pk, front_line=True)

    # Prevent awareness (24-month refresher): long ago (now overdue), 23 months ago (due soon), recent.
    long_ago = _session(lead, "prevent-awareness", today - timedelta(days=820))
    due_soon = _session(lead, "prevent-awareness", today - timedelta(days=715))
    recent = _session(lead, "prevent-awareness", today - timedelta(days=60), online=True)
    channel = _session(lead, "channel-awareness", today - timedelta(days=120))
    for person in people[:3]:
        record_attendance(actor=lead, session_id=long_ago.pk, person_id=person.pk, status="completed")
    for person in people[3:5]:
        record_attendance(actor=lead, session_id=due_soon.pk, person_id=person.pk, status="completed")
    for person in people[5:10]:
        record_attendance(actor=lead, session_id=recent.pk, person_id=person.pk, status="completed")
    record_attendance(actor=lead, session_id=recent.pk, person_id=people[10].pk, status="absent")
    for person in people[:6]:
        record_attendance(actor=lead, session_id=channel.pk, person_id=person.pk, status="completed")
    for person in people[-2:]:  # the demo accounts "panel" and "partner"
        record_attendance(actor=lead, session_id=recent.pk, person_id=person.pk, status="completed")

    # A past session still waiting for its attendance, and upcoming ones anyone can see.
    waiting = _session(lead, "challenging-conversations", today - timedelta(days=7))
    record_attendance(actor=lead, session_id=waiting.pk, person_id=people[0].pk, status="booked")
    _session(lead, "prevent-referrals", today + timedelta(days=14))
    _session(lead, "challenging-conversations", today + timedelta(days=30), online=True)
