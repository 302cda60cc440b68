"""Action plans and projects for the plans tests (and the URL matrix), made through the part's own
actions by a borough programme lead (or a programme manager of the combined authority)."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from pypdf import PdfWriter

from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.programme.actions import plans as plan_actions
from commonground.programme.actions import projects as project_actions
from commonground.programme.models import Dimension
from tests.factories import BOLTON, staff


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def a_lead(code: str = BOLTON, **fields):
    return staff(Role.BOROUGH_PROGRAMME_LEAD, code, **fields)


def area(code: str = BOLTON) -> Area:
    return Area.objects.get(code=code)


def a_plan(lead=None, *, code: str = BOLTON, start: date | None = None, **fields):
    lead = lead or a_lead(code)
    start = start or date(timezone.localdate().year, 4, 1)
    values = {
        "title": "Bolton partnership plan",
        "period_start": start,
        "period_end": start + timedelta(days=364),
    }
    return plan_actions.create_plan(actor=lead, area=area(code), **{**values, **fields})


def an_objective(plan, lead):
    return plan_actions.add_objective(
        actor=lead,
        plan=plan,
        title="Schools know where to take a concern",
        dimensions=list(Dimension.objects.filter(framework__is_current=True)[:2]),
    )


def an_action(objective, lead, owner=None, *, due_in_days: int = 10, **fields):
    owner = owner or lead
    values = {
        "description": "Brief every secondary head on the referral route",
        "owner_agency": owner.agency,
        "owner_person": owner,
        "resources": "Two days of the Prevent officer's time",
        "start_on": timezone.localdate() - timedelta(days=30),
        "due_on": timezone.localdate() + timedelta(days=due_in_days),
        **fields,
    }
    return plan_actions.add_action(
        actor=lead, objective=objective, details=plan_actions.ActionDetails(**values)
    )


def a_project(objective, lead, *, started_days_ago: int = 10, **fields):
    today = timezone.localdate()
    values = {
        "title": "Youth club conversations",
        "lead_agency": lead.agency,
        "start_on": today - timedelta(days=started_days_ago),
        "end_on": today + timedelta(days=300),
        **fields,
    }
    return project_actions.add_project(
        actor=lead, objective=objective, details=project_actions.ProjectDetails(**values)
    )


def a_world(lead=None, *, owner=None, code: str = BOLTON):
    """A plan with an objective, an action (owned by `owner`), and a project with a milestone,
    two quarters (the second overspent), a status update, a risk and an evaluation with a report."""
    lead = lead or a_lead(code)
    plan = a_plan(lead, code=code)
    objective = an_objective(plan, lead)
    action = an_action(objective, lead, owner)
    project = a_project(objective, lead)
    milestone = project_actions.add_milestone(
        actor=lead,
        project=project,
        title="First session held",
        due_on=timezone.localdate() + timedelta(days=5),
        owner_person=owner or lead,
    )
    first = project_actions.record_quarter(
        actor=lead, project=project, quarter_of=date(2026, 4, 1), budget=Decimal("1000"), spend=Decimal("900")
    )
    project_actions.record_quarter(
        actor=lead,
        project=project,
        quarter_of=date(2026, 7, 1),
        budget=Decimal("1000"),
        spend=Decimal("1250.50"),
    )
    project_actions.record_status(
        actor=lead, project=project, rag="amber", reason="Venue delayed", as_of=timezone.localdate()
    )
    risk = project_actions.add_risk(
        actor=lead, project=project, description="Venue unavailable", likelihood=3, impact=4
    )
    evaluation = project_actions.add_evaluation(
        actor=lead,
        project=project,
        details=project_actions.EvaluationDetails(
            evaluated_on=timezone.localdate(),
            method="Survey of participants",
            findings="Most felt able to talk",
            changes_made="More sessions",
            report=pdf(),
            report_name="evaluation.pdf",
        ),
    )
    return {
        "lead": lead,
        "plan": plan,
        "objective": objective,
        "action": action,
        "project": project,
        "milestone": milestone,
        "quarter": first,
        "risk": risk,
        "evaluation": evaluation,
    }
