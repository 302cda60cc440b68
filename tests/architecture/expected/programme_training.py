"""Front-line training: sessions and one's own record for every member of staff; adding sessions,
recording attendance, importing a file and marking front-line staff for the agency's training lead;
another person's record and a completion's certificate for that person's agency's training lead
only (404 to anyone else, as if missing); coverage for the training lead and those who follow the
programme. Marking front-line staff is POST only (a GET there is 405)."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only, staff_page

LEAD = Role.TRAINING_LEAD.value
COVERAGE = (LEAD, Role.PROGRAMME_MANAGER.value, Role.BOROUGH_PROGRAMME_LEAD.value)


def _lead_only_else_404():
    return {**staff_page(404), LEAD: 200}


EXPECTED = {
    "programme:training-sessions": [({}, staff_page(200))],
    "programme:training-new-session": [({}, only(LEAD))],
    "programme:training-session": [({"session_id": "{training_session}"}, staff_page(200))],
    "programme:training-record-attendance": [({"session_id": "{training_session}"}, only(LEAD))],
    "programme:training-import": [({}, only(LEAD))],
    "programme:training-my-record": [({}, staff_page(200))],
    "programme:training-person": [
        ({"user_id": "{training_colleague}"}, _lead_only_else_404()),
        ({"user_id": "{outsider}"}, staff_page(404)),
    ],
    "programme:training-front-line": [({"user_id": "{training_colleague}"}, only(LEAD, ok=405))],
    "programme:training-certificate": [({"attendance_id": "{training_completion}"}, _lead_only_else_404())],
    "programme:training-coverage": [({}, only(*COVERAGE))],
}


def sample_values(agency) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from commonground.programme.models import Attendance, AttendanceStatus, Course, TrainingSession
    from tests.factories import UserFactory

    colleague = UserFactory(agency=agency)
    starts = timezone.now() - timedelta(days=40)
    session = TrainingSession.objects.create(
        course=Course.objects.get(key="prevent-awareness"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Town hall",
        organising_agency=agency,
        capacity=20,
        created_by=colleague,
    )
    completion = Attendance.objects.create(
        session=session,
        person=colleague,
        status=AttendanceStatus.COMPLETED,
        completed_on=starts.date(),
        recorded_by=colleague,
    )
    return {
        "training_session": session.pk,
        "training_colleague": colleague.pk,
        "training_completion": completion.pk,
    }


assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)
