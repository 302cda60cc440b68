"""Demo action plans and projects (synthetic; development only): Bolton's plan for the current
period with three objectives tied to the framework's dimensions, several actions (one overdue,
owned by the demo borough programme lead so it waits on their home), a youth project with
milestones, budget and spend by quarter (one quarter overspent), status updates, a risk and an
evaluation with its report; and the combined authority's own plan, whose project has had no status
update for 6 weeks (so it is flagged).

Written through the part's actions, so each record is audited as a real one would be. Idempotent:
recognised by the plans' titles, and made only once."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from commonground.core.models import Area, AreaLevel, User
from commonground.programme.actions import plans as plan_actions
from commonground.programme.actions import projects as project_actions
from commonground.programme.models import ActionPlan, Dimension

# The demo borough programme lead writes Bolton's plan; before that account exists, the demo
# programme manager does (core/demo.py).
BOROUGH_LEAD = "borough-lead"
PROGRAMME = "programme"
BOLTON_TITLE = "[Demo] Bolton partnership plan"
COMBINED_TITLE = "[Demo] Combined authority programme plan"

OBJECTIVES = [
    # title, the current framework's dimensions it serves (by position)
    ("[Demo] Schools and colleges know where to take a concern", [1, 2]),
    ("[Demo] Faith and community settings are confident to refer", [3]),
    ("[Demo] Young people have safe places to talk about extremism", [4, 5]),
]


def _account(username: str) -> User | None:
    return User.objects.filter(username=username).select_related("agency").first()


def _period(today: date) -> tuple[date, date]:
    """The financial year holding today: April to March."""
    start_year = today.year if today.month >= 4 else today.year - 1
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def _report() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def load() -> None:
    writer = _account(BOROUGH_LEAD) or _account(PROGRAMME)
    manager = _account(PROGRAMME)
    if writer is None or manager is None or ActionPlan.objects.filter(title=BOLTON_TITLE).exists():
        return
    with transaction.atomic():
        _bolton(writer)
        _combined_authority(manager)


def _bolton(lead: User) -> None:
    today = timezone.localdate()
    start, end = _period(today)
    bolton = Area.objects.get(level=AreaLevel.BOROUGH, name="Bolton")
    plan = plan_actions.create_plan(
        actor=lead, area=bolton, title=BOLTON_TITLE, period_start=start, period_end=end
    )
    plan_actions.move_plan(actor=lead, plan=plan, step="active")
    by_position = {d.position: d for d in Dimension.objects.filter(framework__is_current=True)}
    objectives = [
        plan_actions.add_objective(
            actor=lead,
            plan=plan,
            title=title,
            dimensions=[by_position[p] for p in positions if p in by_position],
        )
        for title, positions in OBJECTIVES
    ]
    partner = _account("partner")

    def action(objective, description, due_in, *, owner=lead, resources="", status=None):
        made = plan_actions.add_action(
            actor=lead,
            objective=objective,
            details=plan_actions.ActionDetails(
                description=description,
                owner_agency=owner.agency,
                owner_person=owner,
                resources=resources,
                start_on=start,
                due_on=today + timedelta(days=due_in),
            ),
        )
        for step in status or ():
            plan_actions.move_action(actor=lead, action=made, step=step)

    action(
        objectives[0],
        "[Demo] Brief every secondary head on the referral route",
        -10,
        resources="Two days of the Prevent officer's time",
    )
    action(
        objectives[0],
        "[Demo] Add a session on online radicalisation to governor training",
        9,
        status=["in_progress"],
    )
    action(
        objectives[1], "[Demo] Visit each mosque, church and gurdwara committee", 45, owner=partner or lead
    )
    action(
        objectives[1],
        "[Demo] Publish a leaflet on how to raise a concern",
        -60,
        status=["in_progress", "done"],
    )
    action(
        objectives[2],
        "[Demo] Agree a youth worker contact in each neighbourhood",
        20,
        resources="Youth service budget",
    )

    project = project_actions.add_project(
        actor=lead,
        objective=objectives[2],
        details=project_actions.ProjectDetails(
            title="[Demo] Youth club conversations",
            description="Facilitated sessions in youth clubs on hate, identity and online content.",
            lead_agency=lead.agency,
            lead_person=lead,
            start_on=start,
            end_on=end,
        ),
    )
    for title, due_in, done in (
        ("[Demo] Facilitators trained", -120, True),
        ("[Demo] First six sessions held", -5, False),
        ("[Demo] Mid-year review with youth workers", 12, False),
    ):
        milestone = project_actions.add_milestone(
            actor=lead, project=project, title=title, due_on=today + timedelta(days=due_in), owner_person=lead
        )
        if done:
            project_actions.mark_milestone_done(actor=lead, milestone=milestone)
    for months, budget, spend in ((0, "5000", "4800"), (3, "5000", "5650.75"), (6, "5000", "2100")):
        project_actions.record_quarter(
            actor=lead,
            project=project,
            quarter_of=date(
                start.year + (start.month + months - 1) // 12, (start.month + months - 1) % 12 + 1, 1
            ),
            budget=Decimal(budget),
            spend=Decimal(spend),
        )
    for weeks_ago, rag, reason in (
        (14, "green", "[Demo] Facilitators trained and venues agreed."),
        (7, "amber", "[Demo] Two clubs postponed sessions: a venue closed for repairs."),
        (2, "amber", "[Demo] Sessions rescheduled; spend in the second quarter ran over on venue hire."),
    ):
        as_of = max(today - timedelta(weeks=weeks_ago), start)
        project_actions.record_status(actor=lead, project=project, rag=rag, reason=reason, as_of=as_of)
    project_actions.add_risk(
        actor=lead,
        project=project,
        description="[Demo] A venue becomes unavailable at short notice",
        likelihood=3,
        impact=4,
        mitigation="[Demo] A second venue agreed in each neighbourhood.",
        owner_person=lead,
    )
    project_actions.add_evaluation(
        actor=lead,
        project=project,
        details=project_actions.EvaluationDetails(
            evaluated_on=max(today - timedelta(days=14), start),
            method="[Demo] Short survey of participants and interviews with four youth workers.",
            findings="[Demo] Most participants felt able to talk about what they had seen online.",
            changes_made="[Demo] Sessions now end with where to go for help; two more clubs joined.",
            report=_report(),
            report_name="demo-evaluation.pdf",
        ),
    )


def _combined_authority(manager: User) -> None:
    today = timezone.localdate()
    start, end = _period(today)
    region = Area.objects.filter(level=AreaLevel.COMBINED_AUTHORITY).order_by("pk").first()
    if region is None or ActionPlan.objects.filter(title=COMBINED_TITLE).exists():
        return
    plan = plan_actions.create_plan(
        actor=manager, area=region, title=COMBINED_TITLE, period_start=start, period_end=end
    )
    objective = plan_actions.add_objective(
        actor=manager,
        plan=plan,
        title="[Demo] Every borough has a partnership that meets and learns together",
        dimensions=list(Dimension.objects.filter(framework__is_current=True).order_by("position")[:1]),
    )
    plan_actions.add_action(
        actor=manager,
        objective=objective,
        details=plan_actions.ActionDetails(
            description="[Demo] Run a shared training day for borough programme leads",
            owner_agency=manager.agency,
            owner_person=manager,
            start_on=start,
            due_on=today + timedelta(days=30),
        ),
    )
    # Started more than 6 weeks ago with no status since: flagged on the plan and the manager's home.
    project_actions.add_project(
        actor=manager,
        objective=objective,
        details=project_actions.ProjectDetails(
            title="[Demo] Lessons exchange between boroughs",
            lead_agency=manager.agency,
            start_on=max(today - timedelta(weeks=8), start),
            end_on=end,
        ),
    )
