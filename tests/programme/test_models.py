"""The programme's reference data is loaded by its migration, and the database refuses what the
issue lists as bad input (level outside 1 to 5, a period ending before it starts, a second assessment
for a period, a due date before the start, an adjustment without a reason), whatever the form does.
Who may read each record is in test_scoping.py."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.programme.models import (
    ActionPlan,
    Attendance,
    AttendanceStatus,
    BoroughAssessment,
    Course,
    Dimension,
    DimensionScore,
    FrameworkVersion,
    LevelDescriptor,
    Moderation,
    ModerationOutcome,
    Objective,
    PlanAction,
    QuarterBudget,
    RefresherReminder,
    TrainingSession,
)
from commonground.programme.models.projects import Project
from tests.factories import BOLTON, GREATER_MANCHESTER, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return staff(Role.PROGRAMME_MANAGER, BOLTON)


@pytest.fixture
def assessment(lead):
    return BoroughAssessment.objects.create(
        borough=Area.objects.get(code=BOLTON),
        framework=FrameworkVersion.objects.get(is_current=True),
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
        created_by=lead,
    )


def refused(**create):
    model, fields = create.pop("model"), create
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def test_the_migration_loads_the_framework_and_the_courses():
    version = FrameworkVersion.objects.get(is_current=True)
    assert version.key == "ni35-neutral" and version.number == 1
    assert "NLGN" in version.source
    assert version.dimensions.count() == 5
    for dimension in version.dimensions.all():
        assert sorted(dimension.descriptors.values_list("level", flat=True)) == [1, 2, 3, 4, 5]
    assert LevelDescriptor.objects.exclude(source_text="").count() == 20
    assert set(Course.objects.values_list("key", flat=True)) == {
        "prevent-awareness",
        "prevent-referrals",
        "channel-awareness",
        "challenging-conversations",
        "hate-crime-reporting-centres",
    }


def test_a_new_assessment_starts_as_a_draft(assessment):
    assert assessment.status == "draft" and assessment.version == 1


def test_a_level_outside_one_to_five_is_refused(assessment):
    dimension = Dimension.objects.filter(framework=assessment.framework).first()
    for level in (0, 6):
        refused(model=DimensionScore, assessment=assessment, dimension=dimension, level=level, reasons="r")
    score = DimensionScore.objects.create(assessment=assessment, dimension=dimension, level=3, reasons="r")
    refused(model=Moderation, score=score, level=7, moderator=assessment.created_by)


def test_an_adjusted_level_needs_a_reason(assessment):
    dimension = Dimension.objects.filter(framework=assessment.framework).first()
    score = DimensionScore.objects.create(assessment=assessment, dimension=dimension, level=3, reasons="r")
    refused(
        model=Moderation,
        score=score,
        level=2,
        outcome=ModerationOutcome.ADJUSTED,
        moderator=assessment.created_by,
    )
    Moderation.objects.create(score=score, level=3, moderator=assessment.created_by)


def test_a_period_ending_before_it_starts_is_refused(lead):
    refused(
        model=BoroughAssessment,
        borough=Area.objects.get(code=BOLTON),
        framework=FrameworkVersion.objects.get(is_current=True),
        period_start=date(2026, 4, 1),
        period_end=date(2026, 3, 31),
        created_by=lead,
    )


def test_a_second_assessment_for_the_same_period_is_refused(assessment):
    refused(
        model=BoroughAssessment,
        borough=assessment.borough,
        framework=assessment.framework,
        period_start=assessment.period_start,
        period_end=assessment.period_end,
        created_by=assessment.created_by,
    )


def test_a_due_date_before_the_start_is_refused(lead):
    plan = ActionPlan.objects.create(
        area=Area.objects.get(code=GREATER_MANCHESTER),
        title="Plan",
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
        created_by=lead,
    )
    objective = Objective.objects.create(plan=plan, title="Objective")
    refused(
        model=PlanAction,
        objective=objective,
        description="Do",
        owner_agency=lead.agency,
        start_on=date(2026, 5, 1),
        due_on=date(2026, 4, 30),
        created_by=lead,
    )
    project = Project.objects.create(
        objective=objective,
        title="Project",
        lead_agency=lead.agency,
        start_on=date(2026, 4, 1),
        end_on=date(2026, 12, 31),
        created_by=lead,
    )
    # Spend above budget is allowed (reported, not refused).
    QuarterBudget.objects.create(
        project=project, quarter_start=date(2026, 4, 1), budget=Decimal(10), spend=Decimal(20)
    )


def test_a_refresher_reminder_is_recorded_once(lead):
    course = Course.objects.get(key="prevent-awareness")
    RefresherReminder.objects.create(person=lead, course=course, due_on=date(2027, 1, 1))
    refused(model=RefresherReminder, person=lead, course=course, due_on=date(2027, 1, 1))


def test_a_completion_needs_its_date(lead):
    session = TrainingSession.objects.create(
        course=Course.objects.get(key="channel-awareness"),
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=2),
        online=True,
        organising_agency=lead.agency,
        capacity=20,
        created_by=lead,
    )
    refused(
        model=Attendance, session=session, person=lead, status=AttendanceStatus.COMPLETED, recorded_by=lead
    )
