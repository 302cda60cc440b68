"""The person of the subject access tests, as each service would have recorded them: a report on
the public line, a helpline call, a safeguarding referral; and someone else with a similar name."""

from dataclasses import dataclass
from datetime import date

from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.reports.actions.helpline import log_call
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import CallerType, CallOutcome, CallTopic, HelplineCall, Report, ReportKind
from commonground.safeguarding.models import Referral
from tests.factories import BOLTON, GREATER_MANCHESTER, staff
from tests.safeguarding.builders import referral_in


@dataclass
class Person:
    report: Report
    call: HelplineCall
    referral: Referral
    other_report: Report


def amina() -> Person:
    report = submit_report(
        actor=None,
        answers=ReportAnswers(
            kind=ReportKind.HATE_INCIDENT,
            description="Two men shouted abuse at me at the bus stop on Deansgate.",
            borough_code=BOLTON,
            happened_on=date(2026, 11, 1),
            contact_name="Amina Begum",
            contact_email="Amina.Begum@example.org",
            contact_phone="07700 900123",
        ),
    ).report
    advisor = staff(Role.HELPLINE_ADVISOR, GREATER_MANCHESTER)
    call = log_call(
        actor=advisor,
        caller_type=CallerType.VICTIM,
        topic=CallTopic.HATE_INCIDENT,
        outcome=CallOutcome.ADVICE_ONLY,
        duration_minutes=12,
        borough_code=BOLTON,
        notes="Amina Begum called again: the same men were at the bus stop. Her neighbour Joe Bloggs saw it.",
    ).call
    referral = referral_in(
        BOLTON,
        first_name="Aminah",
        last_name="Begum",
        date_of_birth=date(1990, 3, 4),
        borough=Area.objects.get(code=BOLTON),
    )
    other = submit_report(
        actor=None,
        answers=ReportAnswers(
            kind=ReportKind.HATE_INCIDENT,
            description="Graffiti on the community centre.",
            borough_code=BOLTON,
            contact_name="Peter Jones",
            contact_email="peter@example.org",
        ),
    ).report
    return Person(report=report, call=call, referral=referral, other_report=other)
