"""The action plan and project actions: each write audited; refused out of the actor's areas, on a
stale version, with dates that do not make sense, and for steps the status tables do not allow."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import AuditEvent, Notification
from commonground.core.roles import Role
from commonground.programme.actions import plans as plan_actions
from commonground.programme.actions import projects as project_actions
from commonground.programme.models import ActionPlan, ActionStatus, PlanAction, RiskStatus
from tests.factories import BOLTON, OLDHAM, staff
from tests.programme.plans_world import a_lead, a_plan, a_project, a_world, an_action, an_objective, area

pytestmark = pytest.mark.django_db


def audited(obj, action: str, actor) -> bool:
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action, actor=actor
    ).exists()


def test_a_lead_creates_a_plan_for_their_borough_and_it_is_audited():
    lead = a_lead()
    plan = a_plan(lead)
    assert plan.area.code == BOLTON
    assert audited(plan, "create", lead)


def test_a_plan_for_a_borough_outside_the_leads_areas_is_refused():
    lead = a_lead(BOLTON)
    with pytest.raises(PermissionDenied):
        plan_actions.create_plan(
            actor=lead,
            area=area(OLDHAM),
            title="Oldham plan",
            period_start=date(2026, 4, 1),
            period_end=date(2027, 3, 31),
        )
    assert not ActionPlan.objects.exists()


def test_staff_who_do_not_write_plans_are_refused():
    officer = staff(Role.PARTNER_OFFICER, BOLTON)
    with pytest.raises(PermissionDenied):
        a_plan(officer)


def test_a_period_ending_before_it_starts_is_refused_on_the_end_date():
    with pytest.raises(ValidationError) as refused:
        a_plan(period_end=date(2025, 1, 1), start=date(2026, 4, 1))
    assert "end date must be on or after the start date" in refused.value.message_dict["period_end"][0]


def test_a_second_plan_for_the_same_area_and_period_names_the_first():
    lead = a_lead()
    first = a_plan(lead)
    with pytest.raises(plan_actions.PlanExists) as refused:
        a_plan(lead, title="Another")
    assert refused.value.existing == first
    assert ActionPlan.objects.count() == 1


def test_an_action_due_before_it_starts_is_refused():
    lead = a_lead()
    objective = an_objective(a_plan(lead), lead)
    with pytest.raises(ValidationError) as refused:
        an_action(objective, lead, start_on=date(2026, 5, 1), due_on=date(2026, 4, 1))
    assert "due date must be on or after the start date" in refused.value.message_dict["due_on"][0]
    assert not PlanAction.objects.exists()


def test_an_action_assigned_to_someone_is_audited_and_they_are_told():
    lead = a_lead()
    owner = staff(Role.PARTNER_OFFICER, BOLTON)
    objective = an_objective(a_plan(lead), lead)
    action = an_action(objective, lead, owner)
    assert audited(action, "create", lead)
    notice = Notification.objects.get(recipient=owner)
    assert notice.url.endswith(f"/plans/actions/{action.pk}/")
    assert "due" in notice.subject and action.description not in notice.subject
    # Assigning an action to oneself tells no one.
    an_action(objective, lead, lead)
    assert not Notification.objects.filter(recipient=lead).exists()


def test_an_objective_records_the_dimensions_it_serves():
    lead = a_lead()
    objective = an_objective(a_plan(lead), lead)
    assert objective.dimensions.count() == 2
    assert audited(objective, "create", lead)


def test_another_boroughs_lead_cannot_add_to_the_plan():
    lead = a_lead()
    plan = a_plan(lead)
    with pytest.raises(PermissionDenied):
        plan_actions.add_objective(actor=a_lead(OLDHAM), plan=plan, title="Not ours")


def details_of(action, **changes):
    values = {
        "description": action.description,
        "owner_agency": action.owner_agency,
        "owner_person": action.owner_person,
        "resources": action.resources,
        "start_on": action.start_on,
        "due_on": action.due_on,
        **changes,
    }
    return plan_actions.ActionDetails(**values)


def test_a_stale_edit_is_refused_naming_what_changed():
    lead = a_lead()
    action = an_action(an_objective(a_plan(lead), lead), lead)
    plan_actions.edit_action(
        actor=lead, action=action, expected_version=1, details=details_of(action, resources="More")
    )
    with pytest.raises(plan_actions.ActionConflict) as conflict:
        plan_actions.edit_action(
            actor=lead, action=action, expected_version=1, details=details_of(action, description="Mine")
        )
    assert conflict.value.changed == {"resources": "Resources"}
    assert conflict.value.current_version == 2
    action.refresh_from_db()
    assert action.description != "Mine"
    assert audited(action, "update", lead)


def test_an_action_moves_through_its_statuses_and_done_records_the_day():
    lead = a_lead()
    action = an_action(an_objective(a_plan(lead), lead), lead)
    plan_actions.move_action(actor=lead, action=action, step="in_progress")
    moved = plan_actions.move_action(actor=lead, action=action, step="done")
    assert moved.status == ActionStatus.DONE and moved.done_on == timezone.localdate()
    with pytest.raises(ValidationError):
        plan_actions.move_action(actor=lead, action=action, step="in_progress")
    events = AuditEvent.objects.filter(
        object_type="programme.planaction", object_id=str(action.pk), action="update"
    )
    assert [e.changes["status"] for e in events.order_by("sequence")] == [
        ["not_started", "in_progress"],
        ["in_progress", "done"],
    ]


def test_an_owner_without_the_programme_moves_their_own_action_but_not_others():
    lead = a_lead()
    owner = staff(Role.PARTNER_OFFICER, BOLTON)
    objective = an_objective(a_plan(lead), lead)
    mine = an_action(objective, lead, owner)
    theirs = an_action(objective, lead, lead)
    assert plan_actions.move_action(actor=owner, action=mine, step="in_progress").status == "in_progress"
    with pytest.raises(PermissionDenied):
        plan_actions.move_action(actor=owner, action=theirs, step="in_progress")


def test_a_status_update_needs_a_reason_and_keeps_the_latest_date_on_the_project():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    with pytest.raises(ValidationError) as refused:
        project_actions.record_status(
            actor=lead, project=project, rag="red", reason=" ", as_of=timezone.localdate()
        )
    assert "reason" in refused.value.message_dict
    today = timezone.localdate()
    update = project_actions.record_status(
        actor=lead, project=project, rag="green", reason="On track", as_of=today
    )
    project_actions.record_status(
        actor=lead, project=project, rag="amber", reason="Late entry", as_of=today - timedelta(days=20)
    )
    project.refresh_from_db()
    assert project.status_updated_on == today
    assert audited(update, "create", lead)


def test_a_project_ending_before_it_starts_is_refused():
    lead = a_lead()
    objective = an_objective(a_plan(lead), lead)
    with pytest.raises(ValidationError) as refused:
        a_project(objective, lead, end_on=date(2020, 1, 1))
    assert "end_on" in refused.value.message_dict


def test_spend_above_budget_is_recorded_and_a_quarter_is_set_again_not_duplicated():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    project_actions.record_quarter(
        actor=lead, project=project, quarter_of=date(2026, 5, 17), budget=Decimal(100), spend=Decimal(50)
    )
    quarter = project_actions.record_quarter(
        actor=lead, project=project, quarter_of=date(2026, 4, 1), budget=Decimal(100), spend=Decimal(180)
    )
    assert quarter.quarter_start == date(2026, 4, 1) and quarter.spend == Decimal(180)
    assert project.quarters.count() == 1
    assert audited(quarter, "update", lead)


def test_a_risk_is_scored_1_to_5_and_closed_through_its_table():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    with pytest.raises(ValidationError):
        project_actions.add_risk(actor=lead, project=project, description="x", likelihood=6, impact=0)
    risk = project_actions.add_risk(actor=lead, project=project, description="Venue", likelihood=2, impact=5)
    assert project_actions.move_risk(actor=lead, risk=risk, step="closed").status == RiskStatus.CLOSED
    with pytest.raises(ValidationError):
        project_actions.move_risk(actor=lead, risk=risk, step="closed")
    assert audited(risk, "update", lead)


def test_an_evaluation_report_that_is_not_a_document_is_refused_with_the_reason():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    details = project_actions.EvaluationDetails(
        evaluated_on=timezone.localdate(),
        method="m",
        findings="f",
        changes_made="c",
        report=b"MZ\x90 not a report",
    )
    with pytest.raises(ValidationError) as refused:
        project_actions.add_evaluation(actor=lead, project=project, details=details)
    assert "must be a PDF" in refused.value.message_dict["report"][0]


def test_a_milestone_is_marked_done_by_its_owner_once():
    world = a_world()
    milestone = world["milestone"]
    done = project_actions.mark_milestone_done(actor=world["lead"], milestone=milestone)
    assert done.done_on == timezone.localdate()
    with pytest.raises(ValidationError):
        project_actions.mark_milestone_done(actor=world["lead"], milestone=milestone)
    assert audited(milestone, "update", world["lead"])
    assert audited(world["evaluation"], "create", world["lead"])
