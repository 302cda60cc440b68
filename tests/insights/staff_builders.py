"""Small fixed datasets for the staff dashboards: rows written straight to the tables (with the
dates the test needs), since the figures, not the journeys, are under test."""

import itertools
from datetime import UTC, date, datetime, timedelta

from commonground.core.models import Area, User
from commonground.reports.models import HelplineCall, HostilityStrand, Report
from commonground.safeguarding.models import EqualityMonitoring, Referral, ScreeningDecision
from commonground.safeguarding.models.casework import AgendaItem, CaseEvent, PanelDecision, PanelMeeting
from commonground.tension.models import TensionReport

_numbers = itertools.count(1)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def incident(
    borough: str | None, on: date, *strands: str, kind: str = "hate_incident", ward: str | None = None
):
    n = next(_numbers)
    report = Report.objects.create(
        reference=f"T{n:07d}",
        status_nonce=f"nonce{n}",
        status_secret_hash=f"hash{n}",
        kind=kind,
        triage_due_at=at(on),
        borough=Area.objects.get(code=borough) if borough else None,
        ward=Area.objects.get(code=ward) if ward else None,
        description="Test incident",
    )
    Report.objects.filter(pk=report.pk).update(submitted_at=at(on))
    if strands:
        report.strands.set(HostilityStrand.objects.filter(code__in=strands))
    return report


def tension_report(on: date, *codes: str):
    n = next(_numbers)
    report = TensionReport.objects.create(
        reference=f"X{n:07d}",
        observed_at=at(on),
        category="graffiti",
        description="Stickers",
        source_type="school",
        source_evaluation="1",
        information_assessment="A",
    )
    report.areas.set(Area.objects.filter(code__in=codes))
    return report


def call(borough: str | None, on: date, outcome: str, advisor: User):
    return HelplineCall.objects.create(
        advisor=advisor,
        taken_at=at(on),
        duration_minutes=10,
        caller_type="victim",
        topic="hate_incident",
        borough=Area.objects.get(code=borough) if borough else None,
        outcome=outcome,
    )


def referral(
    borough: str,
    on: date,
    *,
    concern_type: str = "extreme_right_wing",
    sector: str = "education",
    born: date | None = date(2010, 5, 17),
    age: int | None = None,
    ethnic_group: str | None = None,
    religion: str | None = None,
    status: str = "to_screen",
) -> Referral:
    made = Referral.objects.create(
        first_name="Sam",
        last_name="Taylor",
        date_of_birth=born,
        age_years=age,
        borough=Area.objects.get(code=borough),
        referrer_name="Alex Morgan",
        referring_sector=sector,
        referrer_contact="01204 000000",
        concern="A test concern.",
        concern_type=concern_type,
        person_aware="not_asked",
        safeguarding_lead_consulted=True,
        received_at=at(on, 9),
        status=status,
    )
    if ethnic_group is not None or religion is not None:
        EqualityMonitoring.objects.create(
            referral=made, ethnic_group=ethnic_group or "", religion=religion or ""
        )
    return made


def screened(referral: Referral, on: date, by: User) -> None:
    ScreeningDecision.objects.create(
        referral=referral, decision="proceed", reasons="Meets the criteria.", decided_by=by, decided_at=at(on)
    )


def at_panel(referral: Referral, on: date, by: User, *, adopt_on: date | None = None) -> AgendaItem:
    meeting = PanelMeeting.objects.create(borough=referral.borough, meets_on=on, created_by=by)
    item = AgendaItem.objects.create(meeting=meeting, referral=referral)
    if adopt_on is not None:
        decision = PanelDecision.objects.create(
            agenda_item=item,
            outcome="adopt",
            reasons="Vulnerable; support needed.",
            consent_given_by="person",
            consent_given_on=adopt_on,
            decided_by=by,
        )
        PanelDecision.objects.filter(pk=decision.pk).update(decided_at=at(adopt_on))
    return item


def exited(referral: Referral, on: date, by: User) -> None:
    CaseEvent.objects.create(
        referral=referral, kind="exited", happened_on=on, reasons="Support ended.", recorded_by=by
    )


def weeks(first: date, count: int) -> list[date]:
    return [first + timedelta(weeks=i) for i in range(count)]
