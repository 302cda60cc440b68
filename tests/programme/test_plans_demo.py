"""The demo plans load through the part's actions, once, and show the part working: Bolton's plan
with objectives tied to dimensions, an overdue action waiting on its owner's home, a project with
an overspent quarter, and the combined authority's own plan with a stale project flagged."""

import pytest
from django.urls import reverse

from commonground.core.demo import load_demo as load_core_demo
from commonground.core.models import User
from commonground.programme.demo import plans as demo_plans
from commonground.programme.models import ActionPlan, Objective, PlanAction, Project
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_the_demo_plans_load_once_and_show_the_part_working():
    load_core_demo()
    demo_plans.load()
    demo_plans.load()
    bolton = ActionPlan.objects.get(title=demo_plans.BOLTON_TITLE)
    assert ActionPlan.objects.filter(title=demo_plans.COMBINED_TITLE).exists()
    assert Objective.objects.filter(plan=bolton).count() == 3
    assert all(o.dimensions.exists() for o in Objective.objects.filter(plan=bolton))
    assert PlanAction.objects.filter(objective__plan=bolton).count() == 5
    writer = bolton.created_by
    home = signed_in(writer).get(reverse("core:staff-home")).content.decode()
    overdue = PlanAction.objects.get(description__startswith="[Demo] Brief every secondary head")
    assert reverse("programme:plan-action", args=[overdue.pk]) in home
    project = Project.objects.get(title="[Demo] Youth club conversations")
    page = signed_in(writer).get(reverse("programme:project", args=[project.pk])).content.decode()
    assert "Overspent by £650.75" in page
    manager = User.objects.get(username="programme")
    combined = ActionPlan.objects.get(title=demo_plans.COMBINED_TITLE)
    page = signed_in(manager).get(reverse("programme:plan", args=[combined.pk])).content.decode()
    assert "Status not updated for 6 weeks" in page
