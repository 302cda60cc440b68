"""What waits on the staff home from action plans: one's own actions and milestones overdue or due
within 14 days (marked overdue or not), and for leads the projects in their own areas not updated
for 6 weeks; never another borough's. Reassigning an action tells the new owner."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.models import Notification
from commonground.core.roles import Role
from commonground.programme.actions import plans as plan_actions
from commonground.programme.queries import plans as queries
from tests.conftest import signed_in
from tests.factories import BOLTON, OLDHAM, staff
from tests.programme.plans_world import a_lead, a_plan, a_project, an_action, an_objective

pytestmark = pytest.mark.django_db


def test_own_actions_due_soon_and_overdue_wait_and_others_do_not():
    lead = a_lead()
    owner = staff(Role.PARTNER_OFFICER, BOLTON)
    objective = an_objective(a_plan(lead), lead)
    soon = an_action(objective, lead, owner, due_in_days=10)
    late = an_action(objective, lead, owner, due_in_days=-1)
    an_action(objective, lead, owner, due_in_days=15)
    an_action(objective, lead, lead, due_in_days=1)
    items = queries.actions_waiting_for(scope_for(owner))
    assert [item.url for item in items] == [
        reverse("programme:plan-action", args=[late.pk]),
        reverse("programme:plan-action", args=[soon.pk]),
    ]
    assert [item.overdue for item in items] == [True, False]
    assert "Bolton plan" in items[0].detail


def test_stale_projects_wait_for_leads_of_their_own_areas_only():
    lead = a_lead()
    objective = an_objective(a_plan(lead), lead)
    stale = a_project(objective, lead, started_days_ago=50)
    a_project(objective, lead, started_days_ago=20, title="Recent")
    items = queries.stale_projects_waiting_for(scope_for(lead))
    assert [item.url for item in items] == [reverse("programme:project", args=[stale.pk])]
    assert "No status since it started" in items[0].detail
    assert queries.stale_projects_waiting_for(scope_for(a_lead(OLDHAM))) == []
    officer = staff(Role.PARTNER_OFFICER, BOLTON)
    assert (
        "Projects not updated for 6 weeks"
        not in signed_in(officer).get(reverse("core:staff-home")).content.decode()
    )


def test_reassigning_an_action_tells_the_new_owner():
    lead = a_lead()
    action = an_action(an_objective(a_plan(lead), lead), lead)
    newcomer = staff(Role.PARTNER_OFFICER, BOLTON)
    plan_actions.edit_action(
        actor=lead,
        action=action,
        expected_version=1,
        details=plan_actions.ActionDetails(
            description=action.description,
            owner_agency=newcomer.agency,
            owner_person=newcomer,
            due_on=timezone.localdate() + timedelta(days=3),
        ),
    )
    assert Notification.objects.filter(recipient=newcomer).count() == 1


def test_a_lead_starts_and_closes_the_plan_through_its_table():
    lead = a_lead()
    plan = a_plan(lead)
    client = signed_in(lead)
    url = reverse("programme:plan-move", args=[plan.pk])
    assert (
        "Start working on the plan" in client.get(reverse("programme:plan", args=[plan.pk])).content.decode()
    )
    client.post(url, {"step": "active"})
    client.post(url, {"step": "closed"})
    response = client.post(url, {"step": "active"}, follow=True)
    plan.refresh_from_db()
    assert plan.status == "closed"
    assert "An action plan that is closed cannot do that now" in response.content.decode()
    assert signed_in(a_lead(OLDHAM)).post(url, {"step": "closed"}).status_code == 404
