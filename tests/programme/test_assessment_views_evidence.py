"""Evidence from the product itself beside a borough's self-assessment: its tension levels and
response actions, its Channel panels' attendance, training completed and its plan's open actions,
each counted from what the reader may see; a source the reader may not see is named, not hidden."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission as DjangoPermission
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.models import AgencyKind, Area
from commonground.core.roles import Permission, Role
from commonground.programme.models import (
    ActionPlan,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Course,
    FrontLineStaff,
    Objective,
    PlanAction,
    TrainingSession,
)
from commonground.programme.queries.assessment_evidence import product_evidence
from commonground.safeguarding.models import Attendance as PanelAttendance
from commonground.safeguarding.models import PanelMeeting
from commonground.safeguarding.queries.panel_members import police_presence
from commonground.tension.models import ResponseAction
from tests.conftest import signed_in
from tests.factories import BOLTON, OLDHAM, AgencyFactory, UserFactory, staff
from tests.programme.assessment_view_builders import assessment
from tests.tension.assessment_builders import action_in, assessment_in, this_week

pytestmark = pytest.mark.django_db


def bolton() -> Area:
    return Area.objects.get(code=BOLTON)


def period():
    today = timezone.localdate()
    return today - timedelta(days=200), today + timedelta(days=100)


def evidence_for(user):
    start, end = period()
    return product_evidence(access.scope_for(user), bolton(), start, end)


def test_tension_levels_and_response_actions_over_the_period():
    lead = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)
    assessment_in(BOLTON, 2)
    assessment_in(BOLTON, 3, week=this_week() - timedelta(weeks=1))
    assessment_in(BOLTON, 3, week=this_week() - timedelta(weeks=2))
    assessment_in(OLDHAM, 5)  # another borough's
    action_in(BOLTON)  # open, not yet due
    done = action_in(BOLTON)
    ResponseAction.objects.filter(pk=done.pk).update(
        status="done", completed_at=timezone.now(), completion_evidence="Removed."
    )
    late = action_in(BOLTON)
    ResponseAction.objects.filter(pk=late.pk).update(
        status="done", completed_at=timezone.now() + timedelta(days=3), completion_evidence="Removed."
    )
    action_in(OLDHAM)
    tension = evidence_for(lead).tension
    assert [(level.rank, level.weeks) for level in tension.levels] == [(2, 1), (3, 2)]
    assert tension.weeks_assessed == 3 and tension.highest.rank == 3
    assert (tension.actions_due, tension.actions_done_on_time, tension.actions_done_late) == (3, 1, 1)
    assert tension.actions_open_overdue == 0


def test_a_reader_who_cannot_see_tension_is_told_so():
    reader = UserFactory(agency=AgencyFactory(serves=[BOLTON]))
    reader.user_permissions.add(
        DjangoPermission.objects.get(content_type__app_label="core", codename=Permission.VIEW_PROGRAMME.value)
    )
    evidence = evidence_for(reader)
    assert evidence.tension is None
    assert "You cannot see community tension" in evidence.tension_refused


def test_panel_attendance_counts_for_the_boroughs_followers_and_nobody_outside_it():
    """Two counts (panels held, panels the police attended) for the borough's programme followers
    and its coordinators; a reader following the programme elsewhere is told why not."""
    lead = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)
    elsewhere = staff(Role.BOROUGH_PROGRAMME_LEAD, OLDHAM)
    start, end = period()
    assert (
        police_presence(access.scope_for(elsewhere), borough=bolton(), date_from=start, date_to=end) is None
    )

    coordinator_lead = UserFactory(
        agency=AgencyFactory(serves=[BOLTON]),
        roles=[Role.BOROUGH_PROGRAMME_LEAD, Role.SAFEGUARDING_COORDINATOR],
    )
    police = AgencyFactory(kind=AgencyKind.POLICE, serves=[BOLTON])
    council = AgencyFactory(serves=[BOLTON])
    today = timezone.localdate()
    for days_ago, agencies in ((10, [police, council]), (40, [council]), (400, [police])):
        meeting = PanelMeeting.objects.create(
            borough=bolton(), meets_on=today - timedelta(days=days_ago), created_by=coordinator_lead
        )
        for agency in agencies:
            PanelAttendance.objects.create(meeting=meeting, agency=agency, name="A member")
    for reader in (coordinator_lead, lead):
        panels = evidence_for(reader).panels
        assert (panels.panels, panels.with_police) == (2, 1)


def test_training_counts_only_the_records_the_reader_may_see():
    trainer = staff(Role.TRAINING_LEAD, BOLTON)
    colleague = UserFactory(agency=trainer.agency)
    course = Course.objects.first() or Course.objects.create(key="c", title="Course", refresher_months=12)
    now = timezone.now()
    session = TrainingSession.objects.create(
        course=course,
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30, hours=-2),
        online=True,
        organising_agency=trainer.agency,
        capacity=10,
        created_by=trainer,
    )
    for person in (trainer, colleague):
        FrontLineStaff.objects.create(person=person, marked_by=trainer)
    Attendance.objects.create(
        session=session,
        person=colleague,
        status=AttendanceStatus.COMPLETED,
        completed_on=timezone.localdate() - timedelta(days=30),
        recorded_by=trainer,
    )
    lead = UserFactory(agency=trainer.agency, roles=[Role.BOROUGH_PROGRAMME_LEAD, Role.TRAINING_LEAD])
    seen = evidence_for(lead).training
    assert (seen.front_line_staff, seen.completed_in_period, seen.only_own_record) == (2, 1, False)
    own_only = evidence_for(staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)).training
    assert (own_only.front_line_staff, own_only.only_own_record) == (0, True)


def test_open_actions_of_the_boroughs_plan():
    lead = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)
    start, end = period()
    plan = ActionPlan.objects.create(
        area=bolton(), title="Plan", period_start=start, period_end=end, created_by=lead
    )
    objective = Objective.objects.create(plan=plan, title="Objective")
    today = timezone.localdate()
    for due, status in (
        (today - timedelta(days=5), ActionStatus.NOT_STARTED),
        (today + timedelta(days=5), ActionStatus.IN_PROGRESS),
        (today - timedelta(days=9), ActionStatus.CANCELLED),
    ):
        PlanAction.objects.create(
            objective=objective,
            description="Do it",
            owner_agency=lead.agency,
            due_on=due,
            status=status,
            created_by=lead,
        )
    plan_evidence = evidence_for(lead).plan
    assert (plan_evidence.open_actions, plan_evidence.overdue) == (2, 1)


def test_the_moving_up_page_shows_the_evidence_and_says_what_is_not_shown(client):
    lead = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)
    year = timezone.localdate().year
    assessment(BOLTON, year - 1, levels=[1, 2, 3, 4, 5])
    assessment_in(BOLTON, 2)
    page = signed_in(lead, client).get(reverse("programme:borough-moving-up", kwargs={"code": BOLTON}))
    text = page.content.decode()
    assert "Evidence from Common Ground" in text
    assert "panels held; the police were present at" in text
    assert "You see only your own training record" in text
