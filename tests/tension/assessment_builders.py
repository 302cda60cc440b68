"""Builders for the assessment, alert and response action tests (through the actions, so the
rows are what the service itself writes)."""

from datetime import timedelta

from django.utils import timezone

from commonground.core.models import Agency, Area
from commonground.core.roles import Role
from commonground.tension.actions.assessments import AssessmentDetails, record_assessment
from commonground.tension.actions.responses import create_response_action
from commonground.tension.baseline import week_starting
from commonground.tension.models import TensionLevel, TensionReport
from commonground.tension.references import new_reference
from tests.factories import AgencyFactory, staff


def this_week():
    return week_starting(timezone.localdate())


def level(rank: int) -> TensionLevel:
    return TensionLevel.objects.get(rank=rank)


def details(rank: int = 2, **changes) -> AssessmentDetails:
    values = {
        "level": level(rank),
        "direction": "stable",
        "confidence": "medium",
        "rationale": "Reports of stickers near two schools; otherwise quiet.",
        "indicators": ["hate_incidents"],
        "recommended_actions": "",
    }
    values.update(changes)
    return AssessmentDetails(**values)


def analyst(*codes: str):
    return staff(Role.TENSION_ANALYST, *codes)


def assessment_in(code: str, rank: int = 2, *, week=None, by=None):
    by = by or analyst(code)
    return record_assessment(
        actor=by,
        area=Area.objects.get(code=code),
        week_starting_on=week or this_week(),
        kind="weekly",
        details=details(rank),
    )


def action_in(code: str, *, owner: Agency | None = None, due_in=timedelta(hours=24), by=None):
    by = by or analyst(code)
    return create_response_action(
        actor=by,
        area=Area.objects.get(code=code),
        description="Remove the graffiti on the underpass",
        owner_agency=owner or AgencyFactory(serves=[code]),
        due_at=timezone.now() + due_in,
    )


def tension_report(*codes: str, observed_at=None) -> TensionReport:
    report = TensionReport.objects.create(
        reference=new_reference(),
        observed_at=observed_at or timezone.now() - timedelta(hours=1),
        category="graffiti",
        description="Stickers on the bus shelter",
        source_type="school",
        source_evaluation="1",
        information_assessment="A",
    )
    report.areas.set(Area.objects.filter(code__in=codes))
    return report


def hate_incident(borough_code: str, *, submitted_at=None):
    """A hate incident reported to the line (only the fields the counts read, plus the required)."""
    import secrets

    from commonground.reports.models import Report

    report = Report.objects.create(
        reference=secrets.token_hex(5).upper(),
        status_nonce=secrets.token_hex(8),
        status_secret_hash=secrets.token_hex(32),
        kind="hate_incident",
        triage_due_at=timezone.now() + timedelta(days=2),
        description="Shouted at in the street",
        borough=Area.objects.get(code=borough_code),
    )
    if submitted_at is not None:
        Report.objects.filter(pk=report.pk).update(submitted_at=submitted_at)
    return report
