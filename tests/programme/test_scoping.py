"""Who may read each programme record through the scoping layer: a borough's self-assessment to
those following the programme there; an action to its owner too; training records to the person and
their agency's training lead; lessons by readership; briefings to their audience while open, their
author, and after expiry the data protection officers. Everyone else: as if it did not exist."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from commonground.core import access
from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.programme import briefing_audience
from commonground.programme.models import (
    ActionPlan,
    Attendance,
    AttendanceStatus,
    BoroughAssessment,
    Briefing,
    BriefingStatus,
    Course,
    FrameworkVersion,
    Lesson,
    Objective,
    PlanAction,
    Readership,
    TrainingSession,
)
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, UserFactory, staff

pytestmark = pytest.mark.django_db


def sees(user, rows) -> bool:
    return access.visible(access.scope_for(user), rows).exists()


@pytest.fixture
def bolton_lead():
    return staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)


@pytest.fixture
def bolton_assessment(bolton_lead):
    return BoroughAssessment.objects.create(
        borough=Area.objects.get(code=BOLTON),
        framework=FrameworkVersion.objects.get(is_current=True),
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
        created_by=bolton_lead,
    )


def test_a_boroughs_assessment_is_seen_by_its_lead_and_the_combined_authority_only(
    bolton_lead, bolton_assessment
):
    assert sees(bolton_lead, BoroughAssessment)
    assert sees(staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER), BoroughAssessment)
    assert not sees(staff(Role.BOROUGH_PROGRAMME_LEAD, OLDHAM), BoroughAssessment)
    # In Bolton, but not following the programme.
    assert not sees(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON), BoroughAssessment)


def test_an_action_is_seen_by_its_owner_outside_the_programme(bolton_lead):
    plan = ActionPlan.objects.create(
        area=Area.objects.get(code=BOLTON),
        title="Plan",
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
        created_by=bolton_lead,
    )
    objective = Objective.objects.create(plan=plan, title="Objective")
    owner = staff(Role.PARTNER_OFFICER, OLDHAM)
    PlanAction.objects.create(
        objective=objective,
        description="Run a workshop",
        owner_person=owner,
        owner_agency=owner.agency,
        due_on=date(2026, 12, 1),
        created_by=bolton_lead,
    )
    assert sees(owner, PlanAction)
    assert not sees(owner, ActionPlan)
    assert not sees(staff(Role.PARTNER_OFFICER, OLDHAM), PlanAction)


def test_training_records_are_the_persons_and_their_agency_training_leads(bolton_lead):
    trainee = staff(Role.PARTNER_OFFICER, BOLTON)
    session = TrainingSession.objects.create(
        course=Course.objects.get(key="prevent-awareness"),
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=2),
        online=True,
        organising_agency=trainee.agency,
        capacity=10,
        created_by=bolton_lead,
    )
    Attendance.objects.create(
        session=session,
        person=trainee,
        status=AttendanceStatus.COMPLETED,
        completed_on=date(2026, 11, 1),
        recorded_by=bolton_lead,
    )
    same_agency_lead = UserFactory(agency=trainee.agency, roles=[Role.TRAINING_LEAD])
    assert sees(trainee, Attendance)
    assert sees(same_agency_lead, Attendance)
    assert not sees(staff(Role.TRAINING_LEAD, BOLTON), Attendance)  # another agency's lead
    assert not sees(staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER), Attendance)
    # Sessions name no trainee: anyone on the staff may find one.
    assert sees(staff(Role.HELPLINE_ADVISOR, OLDHAM), TrainingSession)


def test_a_lesson_for_named_agencies_is_read_by_them_and_its_author_only(bolton_lead):
    reader = staff(Role.PARTNER_OFFICER, OLDHAM)
    lesson = Lesson.objects.create(
        title="Lesson",
        what_happened="w",
        learned="l",
        readership=Readership.NAMED_AGENCIES,
        created_by=bolton_lead,
    )
    lesson.reader_agencies.add(reader.agency, staff(Role.HELPLINE_ADVISOR, BOLTON).agency)
    assert access.visible(access.scope_for(reader), Lesson).count() == 1
    assert sees(bolton_lead, Lesson)
    assert not sees(staff(Role.PARTNER_OFFICER, OLDHAM), Lesson)
    Lesson.objects.create(title="For all", what_happened="w", learned="l", created_by=bolton_lead)
    assert sees(staff(Role.PARTNER_OFFICER, OLDHAM), Lesson)


@pytest.fixture
def briefing_to_bolton_coordinators():
    author = staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)
    briefing = Briefing.objects.create(
        title="Local risk profile",
        body="b",
        author=author,
        status=BriefingStatus.SENT,
        sent_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=7),
    )
    briefing.audience_roles.add(Group.objects.get(name=Role.SAFEGUARDING_COORDINATOR.group_name))
    briefing.audience_boroughs.add(Area.objects.get(code=BOLTON))
    return briefing


def test_a_briefing_opens_to_its_audience_and_its_author_only(briefing_to_bolton_coordinators):
    briefing = briefing_to_bolton_coordinators
    in_audience = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    assert sees(in_audience, Briefing)
    assert sees(briefing.author, Briefing)
    assert not sees(staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM), Briefing)  # another borough
    assert not sees(staff(Role.PARTNER_OFFICER, BOLTON), Briefing)  # another role
    assert not sees(staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER), Briefing)  # still open
    assert list(briefing_audience.members(briefing)) == [in_audience]


def test_an_expired_briefing_closes_to_all_but_its_author_and_the_data_protection_officers(
    briefing_to_bolton_coordinators,
):
    briefing = briefing_to_bolton_coordinators
    in_audience = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    Briefing.objects.filter(pk=briefing.pk).update(
        created_at=timezone.now() - timedelta(days=9), expires_at=timezone.now() - timedelta(days=1)
    )
    assert not sees(in_audience, Briefing)
    assert sees(briefing.author, Briefing)
    assert sees(staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER), Briefing)


def test_a_draft_briefing_is_its_authors_alone(briefing_to_bolton_coordinators):
    Briefing.objects.filter(pk=briefing_to_bolton_coordinators.pk).update(
        status=BriefingStatus.DRAFT, sent_at=None
    )
    assert not sees(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON), Briefing)
    assert sees(briefing_to_bolton_coordinators.author, Briefing)
