"""The steps of the demo's grant history: rounds, applications as their groups left them, and the
grants team's steps through its own actions, with their dates set back to when they happened."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from commonground.core.actions.moves import make_move
from commonground.core.models import Area, User
from commonground.grants import workflow
from commonground.grants.actions import assessment, decisions, monitoring, payments, rounds
from commonground.grants.demo.groups import Group
from commonground.grants.models import (
    Applicant,
    Assessment,
    AssessorAssignment,
    ConflictDeclaration,
    DecisionOutcome,
    GrantApplication,
    GrantRound,
    MonitoringReport,
    PanelDecision,
    Payment,
)

OFFICER, ASSESSOR, SECOND_ASSESSOR, PANEL = "grants", "assessor", "assessor-2", "programme"
OPEN_ROUND = "we-stand-together-2027"
EARLIER_ROUND = "we-stand-together-2026"
EMAIL_DOMAIN = "demo.commonground.invalid"
BOROUGHS = ["E08000001", "E08000002", "E08000004"]  # Bolton, Bury, Oldham
CATEGORIES = ["Young people", "Older people", "Faith groups", "Newer residents", "Disabled people"]
CRITERIA = [
    ("Brings people of different backgrounds together", 3, "Who will meet who, and how."),
    ("Reaches people who do not usually take part", 2, "Plans to reach them, not just a welcome."),
    ("A realistic plan and budget", 2, "Costs that match the plan."),
    ("Safe and accessible", 1, "Venue access, safeguarding and a plan for the day."),
]
QUESTION = (
    "How will people who have not met before get to know each other at your event?",
    "For example a shared task, a meal, mixed teams. Up to 250 words.",
)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def new_round(officer: User, *, slug: str, name: str, opens_on: date, closes_on: date) -> GrantRound:
    grant_round = rounds.create_round(
        actor=officer,
        details=rounds.RoundDetails(
            name=name,
            slug=slug,
            summary=(
                "[Demo] Grants of up to £2,500 for #WeStandTogether events: street feasts, open days, "
                "sports and arts that bring neighbours of different backgrounds together."
            ),
            budget=Decimal("25000"),
            maximum_award=Decimal("2500"),
            opens_on=opens_on,
            closes_on=closes_on,
            boroughs=list(Area.objects.filter(code__in=BOROUGHS)),
            participation_categories=CATEGORIES,
            monitoring_due_days=28,
            disagreement_threshold=20,
            published=True,
        ),
    )
    for title, weight, guidance in CRITERIA:
        rounds.add_criterion(
            actor=officer, grant_round=grant_round, title=title, weight=weight, guidance=guidance
        )
    rounds.add_question(actor=officer, grant_round=grant_round, text=QUESTION[0], hint=QUESTION[1])
    return grant_round


def draft(grant_round: GrantRound, group: Group, *, starts: date, number: int) -> GrantApplication:
    applicant, _ = Applicant.objects.get_or_create(
        email=f"{group.key}@{EMAIL_DOMAIN}", defaults={"full_name": group.contact}
    )
    return GrantApplication.objects.create(
        grant_round=grant_round,
        applicant=applicant,
        reference=f"DEMO-{grant_round.slug[-4:]}-{number:03d}",
        organisation_name=group.name,
        organisation_type=group.organisation_type,
        address="[Demo] 1 Example Street",
        postcode="BL1 1AA",
        borough=Area.objects.get(code=group.borough),
        event_title=group.event,
        event_description=group.description,
        event_starts_at=at(starts, 12),
        event_ends_at=at(starts, 17),
        event_venue="[Demo] Community hall",
        communities="Neighbours of different faiths, ages and backgrounds.",
        expected_attendance=120,
        accessibility="Step-free access, a quiet room and a hearing loop.",
        amount_requested=group.asked,
        declared_true=True,
        consents_to_calendar=True,
    )


def send(application: GrantApplication, *, on: date) -> GrantApplication:
    """The group sends it, as the application's table allows."""
    with transaction.atomic():
        application.submitted_at = at(on)
        make_move(application, workflow.APPLICATION, workflow.SUBMIT, also=["submitted_at"])
    return application


def _scores(grant_round: GrantRound, marks: list[int]) -> dict[int, tuple[int, str]]:
    criteria = list(grant_round.criteria.order_by("position", "pk"))
    return {
        c.pk: (mark, "[Demo] Comment on this criterion.") for c, mark in zip(criteria, marks, strict=True)
    }


def assess(application, people, *, first: list[int] | None, second: list[int] | None, conflict: bool = False):
    """Both assessors assigned; the first declares no conflict and (with marks) scores; the second
    declares a conflict, or none and (with marks) scores."""
    officer, assessor, second_assessor = people
    assessment.assign_assessors(actor=officer, application=application, assessors=[assessor, second_assessor])
    assessment.declare_interest(actor=assessor, application=application, has_conflict=False)
    if first:
        assessment.submit_scores(
            actor=assessor,
            application=application,
            scores=_scores(application.grant_round, first),
            comment="[Demo] A clear plan.",
        )
    if conflict:
        assessment.declare_interest(
            actor=second_assessor,
            application=application,
            has_conflict=True,
            details="[Demo] I volunteer with this group's youth club.",
        )
        return
    assessment.declare_interest(actor=second_assessor, application=application, has_conflict=False)
    if second:
        assessment.submit_scores(
            actor=second_assessor,
            application=application,
            scores=_scores(application.grant_round, second),
            comment="[Demo] Some gaps in the budget.",
        )


def backdate(application: GrantApplication, *, assessed: date, decided: date | None = None) -> None:
    """Set the staff steps' dates to when they would have happened."""
    AssessorAssignment.objects.filter(application=application).update(assigned_at=at(assessed, 9))
    ConflictDeclaration.objects.filter(application=application).update(declared_at=at(assessed, 11))
    Assessment.objects.filter(application=application).update(submitted_at=at(assessed + timedelta(days=3)))
    if decided:
        PanelDecision.objects.filter(application=application).update(
            decided_at=at(decided, 15), applicant_told_at=at(decided, 15)
        )


def award(
    application,
    people,
    panel,
    *,
    decided: date,
    amount: Decimal | None = None,
    paid: Sequence[tuple[date, Decimal]] = (),
):
    officer = people[0]
    assess(application, people, first=[5, 4, 4, 5], second=[4, 4, 3, 5])
    decisions.decide(
        actor=panel,
        application=application,
        outcome=DecisionOutcome.AWARD,
        amount=amount,
        reasons="[Demo] Strong on bringing neighbours together, with a realistic budget.",
    )
    for paid_on, part in paid:
        payment = payments.record_payment(
            actor=officer, application=application, paid_on=paid_on, amount=part
        )
        Payment.objects.filter(pk=payment.pk).update(recorded_at=at(paid_on, 16))
    backdate(application, assessed=decided - timedelta(days=14), decided=decided)


def report_back(application: GrantApplication, *, on: date, reviewer: User | None = None) -> None:
    """The group's monitoring report, sent through its own action (and, with a reviewer, marked
    reviewed), dated when it was sent."""
    report = monitoring.submit_monitoring_report(
        applicant=application.applicant,
        report=MonitoringReport.objects.get(application=application),
        answers=monitoring.MonitoringAnswers(
            attendance=140,
            participation={"Young people": 45, "Older people": 30, "Faith groups": 6, "Newer residents": 38},
            what_happened="[Demo] More people came than we planned for; three new volunteers signed up.",
            amount_spent=application.decision.amount_awarded or Decimal("0"),
            spend_notes="[Demo] Spent as planned.",
            photos=[],
        ),
    )
    MonitoringReport.objects.filter(pk=report.pk).update(submitted_at=at(on, 19))
    if reviewer:
        payments.mark_report_reviewed(actor=reviewer, report=report)
        MonitoringReport.objects.filter(pk=report.pk).update(reviewed_at=at(on + timedelta(days=4)))
