"""The plans pages, driven as people use them: a lead creates a plan, adds objectives and actions;
bad dates and a second plan for the period are refused kindly with nothing typed lost; a stale
edit says what changed; another borough's lead finds nothing; an owner finds their action on their
home page and moves it on."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.programme.models import ActionPlan, Objective, PlanAction
from tests.conftest import signed_in
from tests.factories import BOLTON, OLDHAM, staff
from tests.programme.plans_world import a_lead, a_plan, a_world, an_action, an_objective, area

pytestmark = pytest.mark.django_db


def plan_form(**changes):
    return {
        "area": str(area(BOLTON).pk),
        "title": "Bolton plan 2026 to 2027",
        "period_start": "1/4/2026",
        "period_end": "31/3/2027",
        **changes,
    }


def test_a_lead_creates_a_plan_and_sees_its_page():
    lead = a_lead()
    client = signed_in(lead)
    response = client.post(reverse("programme:plan-new"), plan_form())
    plan = ActionPlan.objects.get()
    assert response.url == reverse("programme:plan", args=[plan.pk])
    assert AuditEvent.objects.filter(object_type="programme.actionplan", action="create", actor=lead).exists()
    page = client.get(response.url).content.decode()
    assert "Bolton plan 2026 to 2027" in page
    assert "Add an objective" in page
    assert AuditEvent.objects.filter(object_type="programme.actionplan", action="view", actor=lead).exists()


def test_an_end_before_the_start_is_refused_kindly_and_what_was_typed_is_kept():
    client = signed_in(a_lead())
    response = client.post(
        reverse("programme:plan-new"), plan_form(period_end="1/1/2026", title="Kept title")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The end date must be on or after the start date" in page
    assert "Kept title" in page
    assert not ActionPlan.objects.exists()


def test_a_second_plan_for_the_period_links_to_the_first():
    lead = a_lead()
    first = a_plan(lead, start=timezone.datetime(2026, 4, 1).date())
    response = signed_in(lead).post(reverse("programme:plan-new"), plan_form())
    page = response.content.decode()
    assert "already has a plan" in page
    assert reverse("programme:plan", args=[first.pk]) in page
    assert ActionPlan.objects.count() == 1


def test_the_area_list_offers_only_the_leads_own_areas():
    page = signed_in(a_lead(BOLTON)).get(reverse("programme:plan-new")).content.decode()
    assert "Bolton" in page and "Oldham" not in page


def test_staff_who_do_not_write_plans_are_refused_and_another_boroughs_lead_finds_nothing():
    lead = a_lead()
    plan = a_plan(lead)
    officer = signed_in(staff(Role.PARTNER_OFFICER, BOLTON))
    assert officer.get(reverse("programme:plan-list")).status_code == 403
    other = signed_in(a_lead(OLDHAM))
    assert other.get(reverse("programme:plan", args=[plan.pk])).status_code == 404
    response = other.post(reverse("programme:plan-new-objective", args=[plan.pk]), {"title": "Not ours"})
    assert response.status_code == 404
    assert not Objective.objects.exists()
    assert "Bolton" not in other.get(reverse("programme:plan-list")).content.decode()


def test_a_lead_adds_an_objective_with_its_dimensions_and_an_action_for_a_colleague():
    lead = a_lead()
    plan = a_plan(lead)
    client = signed_in(lead)
    objective_page = client.get(reverse("programme:plan-new-objective", args=[plan.pk])).content.decode()
    assert 'type="checkbox"' in objective_page
    from commonground.programme.queries.plans import dimensions_to_choose

    dimension = dimensions_to_choose().first()
    client.post(
        reverse("programme:plan-new-objective", args=[plan.pk]),
        {"title": "Faith settings confident to refer", "dimensions": [str(dimension.pk)]},
    )
    objective = Objective.objects.get()
    owner = staff(Role.PARTNER_OFFICER, BOLTON)
    due = timezone.localdate() + timedelta(days=7)
    response = client.post(
        reverse("programme:plan-new-action", args=[objective.pk]),
        {
            "description": "Visit each mosque's committee",
            "owner_person": str(owner.pk),
            "owner_agency": "",
            "resources": "Council cohesion officer",
            "start_on": "",
            "due_on": due.strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get()
    assert action.owner_agency == owner.agency
    page = client.get(reverse("programme:plan", args=[plan.pk])).content.decode()
    assert escape(dimension.title) in page
    assert "Visit each mosque" in page and owner.agency.name in page and "Council cohesion officer" in page
    assert owner.notifications.count() == 1


def test_an_action_due_before_its_start_is_refused_on_the_form():
    lead = a_lead()
    objective = an_objective(a_plan(lead), lead)
    response = signed_in(lead).post(
        reverse("programme:plan-new-action", args=[objective.pk]),
        {
            "description": "Typed description",
            "owner_agency": str(lead.agency.pk),
            "start_on": "10/5/2026",
            "due_on": "1/5/2026",
        },
    )
    page = response.content.decode()
    assert "The due date must be on or after the start date" in page
    assert "Typed description" in page
    assert not PlanAction.objects.exists()


def test_a_stale_edit_shows_what_changed_and_keeps_what_was_typed():
    lead = a_lead()
    action = an_action(an_objective(a_plan(lead), lead), lead)
    client = signed_in(lead)
    url = reverse("programme:plan-edit-action", args=[action.pk])
    form = {
        "description": action.description,
        "owner_person": str(lead.pk),
        "owner_agency": str(lead.agency.pk),
        "resources": "",
        "start_on": "",
        "due_on": action.due_on.strftime("%d/%m/%Y"),
        "version": "1",
    }
    assert client.post(url, {**form, "resources": "A colleague's change"}).status_code == 302
    response = client.post(url, {**form, "description": "My careful rewording"})
    page = response.content.decode()
    assert "Someone else changed this" in page
    assert "Resources" in page
    assert "My careful rewording" in page
    assert 'name="version" value="2"' in page
    action.refresh_from_db()
    assert action.description != "My careful rewording"


def test_an_owner_finds_their_overdue_action_on_their_home_and_moves_it_on():
    lead = a_lead()
    owner = staff(Role.PARTNER_OFFICER, BOLTON)
    objective = an_objective(a_plan(lead), lead)
    action = an_action(objective, lead, owner, due_in_days=-3)
    an_action(objective, lead, owner, due_in_days=60, description="Far off")
    client = signed_in(owner)
    home = client.get(reverse("core:staff-home")).content.decode()
    assert "Your action plan actions" in home
    assert reverse("programme:plan-action", args=[action.pk]) in home
    assert "Far off" not in home
    page = client.get(reverse("programme:plan-action", args=[action.pk])).content.decode()
    assert "Overdue" in page and "Mark as in progress" in page
    client.post(reverse("programme:plan-move-action", args=[action.pk]), {"step": "done", "version": "1"})
    action.refresh_from_db()
    assert action.status == "done"
    assert (
        reverse("programme:plan-action", args=[action.pk])
        not in client.get(reverse("core:staff-home")).content.decode()
    )
    # Another member of staff does not find it at all.
    stranger = signed_in(staff(Role.PARTNER_OFFICER, BOLTON))
    assert stranger.get(reverse("programme:plan-action", args=[action.pk])).status_code == 404


def test_a_move_the_table_refuses_is_explained():
    lead = a_lead()
    action = an_action(an_objective(a_plan(lead), lead), lead)
    client = signed_in(lead)
    client.post(reverse("programme:plan-move-action", args=[action.pk]), {"step": "cancelled"})
    response = client.post(
        reverse("programme:plan-move-action", args=[action.pk]), {"step": "done"}, follow=True
    )
    action.refresh_from_db()
    assert action.status == "cancelled"
    assert "Cancelled" in response.content.decode()


def test_the_plan_page_flags_a_project_not_updated_for_6_weeks():
    world = a_world()
    from commonground.programme.actions.projects import ProjectDetails, add_project

    lead = world["lead"]
    stale = add_project(
        actor=lead,
        objective=world["objective"],
        details=ProjectDetails(
            title="Quiet project",
            lead_agency=lead.agency,
            start_on=timezone.localdate() - timedelta(days=60),
            end_on=timezone.localdate() + timedelta(days=60),
        ),
    )
    client = signed_in(lead)
    page = client.get(reverse("programme:plan", args=[world["plan"].pk])).content.decode()
    assert "1 project in this plan has not had a status update for 6 weeks" in page
    assert page.count("Status not updated for 6 weeks") == 1
    home = client.get(reverse("core:staff-home")).content.decode()
    assert "Projects not updated for 6 weeks" in home
    assert reverse("programme:project", args=[stale.pk]) in home
    assert reverse("programme:project", args=[world["project"].pk]) not in home


def test_a_stale_plan_edit_shows_what_changed_and_keeps_what_was_typed():
    lead = a_lead()
    plan = a_plan(lead, start=timezone.datetime(2026, 4, 1).date())
    client = signed_in(lead)
    url = reverse("programme:plan-edit", args=[plan.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    form = {"title": plan.title, "period_start": "1/4/2026", "period_end": "31/3/2027", "version": "1"}
    assert client.post(url, {**form, "period_end": "30/3/2027"}).status_code == 302
    response = client.post(url, {**form, "title": "My new title"})
    page = response.content.decode()
    assert "Someone else changed this" in page and "End of the period" in page
    assert "My new title" in page
    plan.refresh_from_db()
    assert plan.title != "My new title" and plan.version == 2
    assert (
        AuditEvent.objects.filter(object_type="programme.actionplan", action="update", actor=lead).count()
        == 1
    )
    response = client.post(url, {**form, "version": "2", "period_end": "1/1/2026"})
    assert "The end date must be on or after the start date" in response.content.decode()
    assert signed_in(a_lead(OLDHAM)).post(url, form).status_code == 404
